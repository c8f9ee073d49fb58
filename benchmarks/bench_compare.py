"""Benchmark: diff and three-way merge of two large blueprints (blueprints as code).

    .venv/bin/python benchmarks/bench_compare.py [--sizes 500,2000,10000]

For each size it generates a blueprint (1.5 handoffs per step) and two edited copies that
each rename, move and remove a tenth of the steps (ours and theirs touch different steps,
and one step both ways, so the merge has one conflict), then measures, best of several runs:

- diff     core.diff.diff(base, ours), including the validator run on both sides
- merge    core.merge.merge(base, ours, theirs), including loading the result

Target: each under 0.5 s at 2,000 steps. Measurements, not tests: nothing here fails.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import make_blueprint  # noqa: E402

from blueprint_editor.core.diff import diff  # noqa: E402
from blueprint_editor.core.merge import merge  # noqa: E402
from blueprint_editor.core.model import Blueprint  # noqa: E402


def edited(bp: Blueprint, offset: int) -> Blueprint:
    steps = [s.model_copy() for s in bp.steps]
    last_column = bp.columns[-1].id
    for n in range(offset, len(steps), 10):
        steps[n] = steps[n].model_copy(update={"title": f"{steps[n].title} (edited {offset})"})
    for n in range(offset + 3, len(steps), 20):
        steps[n] = steps[n].model_copy(update={"column": last_column})
    removed = {s.id for s in steps[offset + 5 :: 40]}
    steps = [s for s in steps if s.id not in removed]
    handoffs = [h for h in bp.handoffs if h.source not in removed and h.target not in removed]
    return bp.model_copy(update={"steps": steps, "handoffs": handoffs})


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print("| steps | diff (ms) | merge (ms) | conflicts |")
    print("|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        base = make_blueprint(size)
        ours, theirs = edited(base, 0), edited(base, 1)
        theirs_steps = list(theirs.steps)
        theirs_steps[0] = theirs_steps[0].model_copy(update={"title": "Theirs"})
        theirs = theirs.model_copy(update={"steps": theirs_steps})
        t_diff = best_of(lambda b=base, o=ours: diff(b, o), args.repeat)
        t_merge = best_of(lambda b=base, o=ours, t=theirs: merge(b, o, t), args.repeat)
        conflicts = len(merge(base, ours, theirs).conflicts)
        print(f"| {size:,} | {t_diff:.0f} | {t_merge:.0f} | {conflicts} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
