"""A classroom at once: N simulated students use one running app over its public API.

Starts `python app.py` on a free loopback port with the bundled pocket models (no network), waits
for it, then N students (one gradio_client each, in threads) mix every tab's endpoint for a fixed
time, with a short pause between requests as people make. Each student's sentences are their own
(a different word and length); every answer is compared with the answer the same sentence got
when asked alone before the load, numbers aside: any other answer is cross-talk.
Reports throughput, p50/p95 latency, errors, cross-talk and the server's resident memory: sampled
every --every seconds with the machine's load average (the machine may be shared), its growth after
warm-up and over the last 10 minutes against issue 14's goals (≤ 150 MB and ≤ 30 MB), pass or fail.
Loopback only; bounded in students, time and requests; stops the server by itself.
Run: python -m bench.classroom [--students 40 --seconds 300]; the memory goals: --seconds 1800
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from gradio_client import Client

ROOT = Path(__file__).resolve().parents[1]
WORDS = ["dog", "cat", "king", "doctor", "farmer", "child", "bird", "soldier", "teacher", "horse"]
SIZES = ["", "old ", "small ", "young "]
NUMBERS = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
MAX_REQUESTS = 100_000  # a hard bound on top of the time limit
GOAL_AFTER_WARMUP_MB = 150  # issue 14: a school day must not run the server out of memory
GOAL_LAST_10MIN_MB = 30  # ... and memory must level off: this little over a run's last 10 minutes
LAST_WINDOW_S = 600


def tasks(student: int) -> dict[str, dict]:
    """This student's requests: their own noun and length, so no two students ask the same."""
    who = f"the {SIZES[student // len(WORDS) % len(SIZES)]}{WORDS[student % len(WORDS)]}"
    tail = " at home" * (student // (len(WORDS) * len(SIZES)))
    return {
        "fill_mask": {"text": f"{who} went to the [MASK]{tail} ."},
        "next_tokens": {"text": f"{who} went to the{tail}"},
        "generate": {"text": f"{who} said{tail}", "max_new_tokens": 6, "greedy": True},
        "attention": {"text": f"{who} sat on the mat{tail} ."},
        "compare": {"text": f"{who} went to the ___{tail} ."},
    }


def fingerprint(answer) -> str:
    """The answer with every number blanked: the words, tokens and structure that identify it.
    A slider's output is a number or, when a page does not have the range yet, an update carrying
    it (the Attention tab): both carry no answer, so both read as a number (blanked)."""
    return NUMBERS.sub("#", json.dumps(_answers(answer), sort_keys=True, default=str))


def _answers(value):
    if isinstance(value, dict):
        return 0 if value.get("__type__") == "update" else {k: _answers(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_answers(v) for v in value]
    return value


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_for(server: subprocess.Popen, port: int, limit: float = 600) -> float:
    """Seconds until the app at `port` answers its page (it is killed if it never does; a busy shared
    machine has taken minutes)."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return time.perf_counter() - started
        except OSError:
            if server.poll() is not None:
                raise SystemExit("the app exited during start-up")
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"the app did not answer within {limit:.0f} s")


def start_server(port: int) -> tuple[subprocess.Popen, float]:
    env = {**os.environ, "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(port),
           "DEMO_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    server = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return server, wait_for(server, port)


def run(students: int, seconds: float, think: float, url: str, server_pid: int, every: float = 30) -> dict:
    # a generous read timeout: on a busy shared machine one answer has taken over a minute
    clients = [Client(url, verbose=False, httpx_kwargs={"timeout": 300}) for _ in range(students)]
    # each sentence alone first: the reference answers, and every model loaded (warm-up)
    expected = {(s, verb): fingerprint(clients[0].predict(**args, api_name=f"/{verb}"))
                for s in range(students) for verb, args in tasks(s).items()}
    # cross-talk is only visible if no two students' answers look alike
    distinct = all(len({expected[(s, verb)] for s in range(students)}) == students for verb in tasks(0))
    memory_warm = rss_mb(server_pid)
    latencies: list[float] = []
    errors: list[str] = []
    crosstalk: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def student(s: int) -> None:
        rng = random.Random(s)
        mine = list(tasks(s).items())
        while time.perf_counter() < deadline and len(latencies) + len(errors) < MAX_REQUESTS:
            verb, args = rng.choice(mine)
            started = time.perf_counter()
            try:
                answer = clients[s].predict(**args, api_name=f"/{verb}")
            except Exception as err:  # counted and reported, never raised: the run goes on
                with lock:
                    errors.append(f"{verb}: {str(err)[:160]}")
            else:
                with lock:
                    latencies.append(time.perf_counter() - started)
                    if fingerprint(answer) != expected[(s, verb)]:
                        crosstalk.append(f"student {s} {verb}")
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))

    timeline: list[dict] = []  # the server's memory and the machine's load every `every` seconds

    def watch() -> None:
        while True:
            at = time.perf_counter() - began
            timeline.append({"t": round(at, 1), "rss_mb": round(rss_mb(server_pid), 1),
                             "load1": round(os.getloadavg()[0], 2)})
            if at >= seconds:
                return
            time.sleep(min(every, max(0.0, seconds - at)))

    threads = [threading.Thread(target=student, args=(s,), daemon=True) for s in range(students)]
    watcher = threading.Thread(target=watch, daemon=True)
    load_at_start = os.getloadavg()
    began = time.perf_counter()
    for t in [*threads, watcher]:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 300)
    spent = time.perf_counter() - began
    watcher.join(timeout=every + 5)
    memory_end = rss_mb(server_pid)
    for c in clients:
        c.close()
    ordered = sorted(latencies)
    return {
        "students": students, "seconds": round(spent, 1), "think_seconds": think,
        "requests": len(latencies), "throughput_per_s": round(len(latencies) / spent, 2),
        "p50_ms": round(1000 * statistics.median(ordered), 1) if ordered else None,
        "p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 1) if ordered else None,
        "errors": len(errors), "error_examples": errors[:5],
        "crosstalk": len(crosstalk), "crosstalk_examples": crosstalk[:5], "answers_distinct": distinct,
        "memory_after_warmup_mb": round(memory_warm, 1), "memory_end_mb": round(memory_end, 1),
        "memory_growth_mb": round(memory_end - memory_warm, 1),
        "memory_timeline_mb": [point["rss_mb"] for point in timeline],
        **memory_verdict(timeline, memory_warm, memory_end, spent),
        # per request served: comparable between runs on a shared machine that served different amounts
        "memory_growth_per_1000_requests_mb": (round(1000 * (memory_end - memory_warm) / len(latencies), 1)
                                               if latencies else None),
        "load_average_at_start": [round(x, 2) for x in load_at_start],
        "load_average_mean_1min": round(statistics.fmean(p["load1"] for p in timeline), 2) if timeline else None,
        "cpu_count": os.cpu_count(), "timeline_every_seconds": every, "timeline": timeline,
    }


def memory_verdict(timeline: list[dict], warm: float, end: float, spent: float) -> dict:
    """The issue's goals: growth after warm-up, growth over the last 10 minutes (measured only when
    the run lasted longer than that), and the growth per minute over the whole load and its last half
    (for short runs compared with each other)."""
    def at_least(t: float) -> float | None:  # the first sample at or after t seconds
        return next((p["rss_mb"] for p in timeline if p["t"] >= t), None)

    last_window = spent - LAST_WINDOW_S
    before_window = at_least(last_window) if last_window > 0 else None
    last10 = round(end - before_window, 1) if before_window is not None else None
    half = at_least(spent / 2)
    after_warmup = round(end - warm, 1)
    return {
        "memory_goals_mb": {"after_warmup": GOAL_AFTER_WARMUP_MB, "last_10min": GOAL_LAST_10MIN_MB},
        "memory_growth_after_warmup_mb": after_warmup,
        "memory_growth_last_10min_mb": last10,
        "memory_goal_after_warmup_met": after_warmup <= GOAL_AFTER_WARMUP_MB,
        "memory_goal_last_10min_met": None if last10 is None else last10 <= GOAL_LAST_10MIN_MB,
        "memory_growth_per_min_mb": round(60 * (end - warm) / spent, 1) if spent else None,
        "memory_growth_per_min_last_half_mb": (round(60 * (end - half) / (spent / 2), 1)
                                               if half is not None and spent else None),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between a student's requests (s)")
    parser.add_argument("--every", type=float, default=30, help="seconds between memory samples")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "classroom.json"))
    args = parser.parse_args()
    if not 1 <= args.students <= 200 or not 0 < args.seconds <= 3600:
        raise SystemExit("students must be 1-200 and seconds 1-3600")
    port = free_port()
    server, startup = start_server(port)
    try:
        memory_start = rss_mb(server.pid)
        result = run(args.students, args.seconds, args.think, f"http://127.0.0.1:{port}/", server.pid, args.every)
        result = {"startup_seconds": round(startup, 1), "memory_at_start_mb": round(memory_start, 1), **result}
    finally:
        server.terminate()
        server.wait(timeout=30)
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
