"""Issue 20's classroom check: the same class on an earlier pocket trio and on the bundled one, in one run.

The earlier trio is an older commit of this repository (its code and its weights, checked out into a temporary
git worktree); `bench/classroom.py` (40 students, the same mix of every tab's endpoints) runs there first, then
here, one after the other on this machine. Prints both runs and the ratio of their p95 latencies (goal: at
most 2x), errors and cross-talk (goal: 0). Loopback only; the worktree is removed afterwards.
Run: python -m bench.classroom_pair [--old-ref be390b8] [--seconds 300]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OLD_REF = "be390b8"  # the last main with the from-scratch trio (5 M parameters each, 16,384 pieces)
GOAL_P95_RATIO = 2.0


def classroom(cwd: Path, out: Path, students: int, seconds: float) -> dict:
    """bench/classroom.py as that checkout has it, on that checkout's app and bundled models."""
    env = {**os.environ, "PYTHONPATH": str(cwd), "HF_HUB_OFFLINE": "1", "DEMO_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "bench.classroom", "--students", str(students), "--seconds", str(seconds),
                    "--out", str(out)], cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old-ref", default=OLD_REF)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "classroom-pair.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = Path(tmp) / "old"
        subprocess.run(["git", "worktree", "add", "--detach", str(old_tree), args.old_ref], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            old = classroom(old_tree, Path(tmp) / "old.json", args.students, args.seconds)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old_tree)], cwd=ROOT, check=False)
        new = classroom(ROOT, Path(tmp) / "new.json", args.students, args.seconds)
    ratio = new["p95_ms"] / old["p95_ms"] if old.get("p95_ms") else None
    result = {"what": "bench/classroom.py on the earlier trio (old) then on the bundled trio (new), one run",
              "old_ref": args.old_ref, "students": args.students, "seconds": args.seconds, "old": old, "new": new,
              "p95_ratio_new_to_old": round(ratio, 2) if ratio else None, "goal_p95_ratio": GOAL_P95_RATIO,
              "pass": bool(ratio and ratio <= GOAL_P95_RATIO and new["errors"] == 0 and new["crosstalk"] == 0)}
    Path(args.out).write_text(json.dumps(result, indent=2))
    for name in ("old", "new"):
        r = result[name]
        print(f"{name}: {r['requests']} requests, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, errors {r['errors']}, "
              f"cross-talk {r['crosstalk']}, start-up {r['startup_seconds']} s")
    print(f"p95 new/old: {result['p95_ratio_new_to_old']} (goal <= {GOAL_P95_RATIO}): "
          f"{'PASS' if result['pass'] else 'SHORT'}")


if __name__ == "__main__":
    main()
