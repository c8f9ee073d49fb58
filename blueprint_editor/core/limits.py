"""How large a blueprint the editor's window and its pictures take (Qt-free).

The file format allows files up to 50 MB (about 90,000 steps). The command line checks
and converts any of them (``validate``, ``export -o OUT.json``); the window and the
picture exports (PNG, SVG, PDF) build one canvas item per card and arrow, which for
90,000 steps takes minutes and gigabytes. They refuse a blueprint with more than
:data:`MAX_SHOWN_STEPS` steps up front, with a message that names both numbers, instead
of freezing (see ``benchmarks/bench.py --sizes``: 10,000 steps open in about 1.4 s).
"""

from __future__ import annotations

from .model import Blueprint

#: the most steps the editor's window and picture exports take
MAX_SHOWN_STEPS = 20_000


def too_many_steps(bp: Blueprint, what: str) -> str | None:
    """None, or why ``what`` ("the editor shows", "pictures show") refuses ``bp``."""
    n = len(bp.steps)
    if n <= MAX_SHOWN_STEPS:
        return None
    return (
        f"this blueprint has {n:,} steps; {what} at most {MAX_SHOWN_STEPS:,}. "
        "The command line checks and converts it: blueprint-editor validate FILE, "
        "blueprint-editor export FILE -o OUT.json"
    )
