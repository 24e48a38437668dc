"""Where a classroom's memory goes: the app's own process, sampled from inside while students load it.

Runs the app (as app.py does) in a child process with a sampler thread that writes, every
`--every` seconds, one JSON line: resident memory (anonymous and file-backed), glibc's heap
(`mallinfo2`: bytes in use, bytes free but kept), the threads, Python's objects (gc count, the
types that grew most, tracemalloc's traced bytes and top growing lines with --tracemalloc),
Gradio's per-session state (sessions, State values and their sizes) and the service's caches.
With --trim each sample also calls malloc_trim(0) and records what that gave back: memory
glibc kept after it was freed, not memory anything still holds.
The students are bench/classroom.py's. This is a diagnostic, not a benchmark: short runs.
Run: python -m bench.memory_probe [--students 20 --seconds 180 --tracemalloc --trim --as-before]
"""
from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import gc
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


_LIBC = ctypes.CDLL(ctypes.util.find_library("c"))
_LIBC.mallinfo2.restype = _Mallinfo2


def _status() -> dict[str, float]:
    """/proc/self/status figures in MB."""
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in {"VmRSS", "RssAnon", "RssFile", "RssShmem"}:
            out[key] = round(int(value.split()[0]) / 1024, 1)
    return out


def _heap() -> dict[str, float]:
    """glibc: in use (uordblks) and free-but-kept (fordblks) in the main arena and the others together;
    mmapped blocks (hblkhd) are the large allocations (tensors over 128 KB go there)."""
    info = _LIBC.mallinfo2()
    return {"heap_in_use_mb": round(info.uordblks / 2**20, 1), "heap_free_kept_mb": round(info.fordblks / 2**20, 1),
            "heap_mmapped_mb": round(info.hblkhd / 2**20, 1), "heap_arena_mb": round(info.arena / 2**20, 1)}


def _deep_size(value, seen=None) -> int:
    """Bytes held by a State value: numpy arrays by nbytes, containers and dataclasses walked."""
    import numpy as np

    seen = seen if seen is not None else set()
    if id(value) in seen:
        return 0
    seen.add(id(value))
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if hasattr(value, "element_size") and hasattr(value, "nelement"):  # a torch tensor
        return int(value.element_size() * value.nelement())
    size = sys.getsizeof(value)
    if isinstance(value, dict):
        size += sum(_deep_size(k, seen) + _deep_size(v, seen) for k, v in value.items())
    elif isinstance(value, (list, tuple, set)):
        size += sum(_deep_size(v, seen) for v in value)
    elif hasattr(value, "__dict__"):
        size += _deep_size(vars(value), seen)
    elif hasattr(value, "__slots__"):
        size += sum(_deep_size(getattr(value, s, None), seen) for s in value.__slots__)
    return size


def _gradio(app) -> dict:
    holder = getattr(app, "state_holder", None)
    sessions = list(holder.session_data.values()) if holder is not None else []
    values = [v for s in sessions for v in s.state_data.values()]
    per_session_blocks = sum(len(s.blocks_config.blocks) for s in sessions)
    queue = getattr(app, "_queue", None)
    return {"sessions": len(sessions), "state_values": len(values),
            "state_mb": round(sum(_deep_size(v) for v in values) / 2**20, 2),
            "session_block_copies": per_session_blocks,
            "queue_events": len(getattr(queue, "event_ids_to_events", {}) or {}),
            "event_analytics": len(getattr(queue, "event_analytics", {}) or {}),
            "iterators": len(getattr(getattr(app, "server_app", None), "iterators", {}) or {})}


def _service(service) -> dict:
    batchers = getattr(service, "_batchers", {})
    return {"measured": len(getattr(service, "_measured", {})),
            "batch_sizes_logged": sum(len(b.batch_sizes) for b in batchers.values()),
            "models": len(service.cache.loaded())}


def serve(port: int, log_path: str, every: float, trace: bool, trim: bool, as_before: bool) -> None:
    """The app, as app.py starts it, plus the sampler."""
    from demo import startup
    if as_before:  # the app before issue 14's fix: arenas capped, MKL's memory manager on
        startup.limit_malloc_arenas()
    else:
        startup.keep_native_memory_bounded()  # as app.py does, before torch is imported
    from demo.service import InferenceService
    from demo.ui.app import build_app, launch_options

    service = InferenceService().web_only()
    app = build_app(service)
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, **launch_options(service.settings))
    if trace:  # from here on: growth is what counts, and tracing the imports made start-up too slow
        import tracemalloc
        tracemalloc.start(4)
    base = {"types": None, "trace": None}
    started = time.time()

    def sample() -> dict:
        gc.collect()
        types = Counter(type(o).__name__ for o in gc.get_objects())
        row = {"t": round(time.time() - started, 1), **_status(), **_heap(),
               "threads": len(os.listdir("/proc/self/task")), "gc_objects": sum(types.values()),
               **_gradio(app), **_service(service)}
        fresh = row["sessions"] != base.get("sessions")  # growth counts from when every student has a session
        base["sessions"] = row["sessions"]
        if base["types"] is None or fresh:
            base["types"] = types
        grew = (types - base["types"]).most_common(6)
        row["types_grown"] = grew
        if trace:
            import tracemalloc
            snap = tracemalloc.take_snapshot()
            row["traced_mb"] = round(tracemalloc.get_traced_memory()[0] / 2**20, 1)
            if base["trace"] is None or fresh:
                base["trace"] = snap
            row["traced_top_growth"] = [f"{s.traceback[0].filename.split('site-packages/')[-1]}:"
                                        f"{s.traceback[0].lineno} {s.size_diff / 2**20:+.1f} MB"
                                        for s in snap.compare_to(base["trace"], "lineno")[:6]]
        if trim:
            before = row["VmRSS"]
            _LIBC.malloc_trim(0)
            row["trim_gave_back_mb"] = round(before - _status()["VmRSS"], 1)
        return row

    def loop() -> None:
        with open(log_path, "a") as log:
            while True:
                log.write(json.dumps(sample()) + "\n")
                log.flush()
                time.sleep(every)

    threading.Thread(target=loop, daemon=True).start()
    while True:
        time.sleep(3600)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--every", type=float, default=20)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--trim", action="store_true", help="malloc_trim(0) at each sample, recording what it returns")
    parser.add_argument("--as-before", action="store_true", help="MKL's memory manager left on (the old start-up)")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--log", default=str(ROOT / "bench" / "results" / "memory-probe.jsonl"))
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve, args.log, args.every, args.tracemalloc, args.trim, args.as_before)
    if not 1 <= args.students <= 200 or not 0 < args.seconds <= 600:
        raise SystemExit("students must be 1-200 and seconds 1-600 (a probe is short)")
    from bench.classroom import free_port, run, wait_for

    Path(args.log).write_text("")
    port = free_port()
    env = {**os.environ, "DEMO_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    flags = ["--tracemalloc"] * args.tracemalloc + ["--trim"] * args.trim + ["--as-before"] * args.as_before
    server = subprocess.Popen([sys.executable, "-m", "bench.memory_probe", "--serve", str(port), "--log", args.log,
                               "--every", str(args.every), *flags], cwd=ROOT, env=env)
    try:
        wait_for(server, port)
        summary = run(args.students, args.seconds, args.think, f"http://127.0.0.1:{port}/", server.pid)
    finally:
        time.sleep(args.every + 1)  # one sample after the load
        server.terminate()
        server.wait(timeout=30)
    rows = [json.loads(line) for line in Path(args.log).read_text().splitlines() if line.strip()]
    keys = ["t", "VmRSS", "RssAnon", "heap_in_use_mb", "heap_free_kept_mb", "heap_mmapped_mb", "threads",
            "gc_objects", "sessions", "state_mb", "traced_mb", "trim_gave_back_mb"]
    print(" ".join(f"{k:>10}" for k in keys))
    for row in rows:
        print(" ".join(f"{str(row.get(k, '-')):>10}" for k in keys))
    print("last sample:", json.dumps({k: rows[-1][k] for k in rows[-1] if k not in keys}, indent=1))
    print("classroom:", {k: summary[k] for k in ("requests", "errors", "memory_after_warmup_mb", "memory_end_mb")})


if __name__ == "__main__":
    main()
