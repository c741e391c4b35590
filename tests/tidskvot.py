"""Guards against denial of service as ratios, never as timed tests: what a guard costs is
compared with a floor measured in the same run (as the benchmarks in bench/ are), each the best
of a few runs, so that a loaded machine slows both alike."""

from __future__ import annotations

import time
from collections.abc import Callable


def basta_tid(gor: Callable[..., object], *argument: object, ganger: int = 3) -> float:
    """The shortest of `ganger` runs of `gor(*argument)`, in seconds."""
    tider = []
    for _ in range(ganger):
        start = time.perf_counter()
        gor(*argument)
        tider.append(time.perf_counter() - start)
    return min(tider)
