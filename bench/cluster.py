"""The classroom load against the app with its models as Ray Serve replicas: 1 and then 2 replicas of each
family's deployment, on this machine, side by side; and what one call through Serve costs against the
same call in one process (a ratio).

Each arm starts `DEMO_CLUSTER=local DEMO_REPLICAS=N python app.py` on a free loopback port (bundled pocket
models, no network), runs bench/classroom.py's students against its public API for --seconds, and stops it
(SIGINT: the app's Ray shuts down with it). The overhead is measured first, alone: `fill_mask` on
pocket-bert, --calls times in this process and through one replica, in turn.
Run: python -m bench.cluster [--students 40 --seconds 30 --calls 200]  (--overhead-only: the ratio again)
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import signal
import statistics
import time
from pathlib import Path

from bench import classroom

ROOT = Path(__file__).resolve().parents[1]
TEXT = "the cat sat on the [MASK] ."


def overhead(calls: int) -> dict:
    """Median ms of one fill_mask in this process and through one Serve replica, and their ratio. The two are
    timed in turn, call by call, so a shared machine's load weighs on both alike; both run torch on one
    thread (Ray gives a replica that reserves under one CPU OMP_NUM_THREADS=1), so the difference is the path:
    pickling, the router, the replica's thread pool and back."""
    import ray
    import torch
    from ray import serve

    from demo.cluster import connect
    from demo.service import InferenceService
    from demo.settings import Settings

    torch.set_num_threads(1)
    settings = Settings(offline=True, device="cpu", default_masked="pocket-bert", default_causal="pocket-gpt")
    local = InferenceService(settings).web_only()
    try:
        client = connect(dataclasses.replace(settings, cluster="local"))
        paths = {"in_process": lambda: local.fill_mask(None, TEXT), "through_serve": lambda: client.fill_mask(None, TEXT)}
        seconds: dict[str, list[float]] = {name: [] for name in paths}
        for name, call in paths.items():  # warm-up: the model loads, each path is taken once
            call()
        for _ in range(calls):
            for name, call in paths.items():
                started = time.perf_counter()
                call()
                seconds[name].append(time.perf_counter() - started)
    finally:
        serve.shutdown()
        ray.shutdown()
    median = {name: statistics.median(values) for name, values in seconds.items()}
    return {"verb": "fill_mask", "model": "pocket-bert", "calls": calls, "torch_threads": 1, "interleaved": True,
            "in_process_ms": round(1000 * median["in_process"], 2),
            "through_serve_ms": round(1000 * median["through_serve"], 2),
            "ratio": round(median["through_serve"] / median["in_process"], 2),
            "load_average_1min": round(os.getloadavg()[0], 2)}


def arm(replicas: int, students: int, seconds: float, think: float) -> dict:
    """One classroom run against the app with `replicas` replicas per family."""
    os.environ.update(DEMO_CLUSTER="local", DEMO_REPLICAS=str(replicas))
    port = classroom.free_port()
    server, startup = classroom.start_server(port)
    try:
        result = classroom.run(students, seconds, think, f"http://127.0.0.1:{port}/", server.pid,
                               every=max(5.0, seconds / 6))
    finally:
        server.send_signal(signal.SIGINT)  # Gradio closes and the app's Ray shuts down with it
        try:
            server.wait(timeout=60)
        except Exception:  # noqa: BLE001  (a stuck shutdown: stop it hard)
            server.kill()
            server.wait(timeout=30)
    keep = ("requests", "throughput_per_s", "p50_ms", "p95_ms", "errors", "error_examples", "crosstalk",
            "seconds", "load_average_mean_1min", "memory_after_warmup_mb")
    return {"replicas_per_family": replicas, "startup_seconds": round(startup, 1),
            **{k: result[k] for k in keep}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between a student's requests (s)")
    parser.add_argument("--calls", type=int, default=200, help="calls timed for the overhead ratio")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "cluster.json"))
    parser.add_argument("--overhead-only", action="store_true", help="measure the ratio again, keep --out's arms")
    args = parser.parse_args()
    if not 1 <= args.students <= 200 or not 0 < args.seconds <= 1800 or not 1 <= args.calls <= 5000:
        raise SystemExit("students must be 1-200, seconds 1-1800 and calls 1-5000")
    for name in ("DEMO_OFFLINE", "HF_HUB_OFFLINE"):
        os.environ[name] = "1"
    cost = overhead(args.calls)
    if args.overhead_only:
        result = {**json.loads(Path(args.out).read_text()), "overhead": cost}
    else:
        arms = [arm(n, args.students, args.seconds, args.think) for n in (1, 2)]
        result = {"cpu_count": os.cpu_count(), "students": args.students, "seconds_per_arm": args.seconds,
                  "think_seconds": args.think, "overhead": cost, "arms": arms}
    arms = result["arms"]
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(f"one fill_mask: {cost['in_process_ms']} ms in process, {cost['through_serve_ms']} ms through Serve "
          f"(x{cost['ratio']})")
    print(f"{'replicas/family':>16} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} {'cross-talk':>11}")
    for a in arms:
        print(f"{a['replicas_per_family']:>16} {a['throughput_per_s']:>7} {a['p50_ms']:>8} {a['p95_ms']:>8} "
              f"{a['errors']:>7} {a['crosstalk']:>11}")


if __name__ == "__main__":
    main()
