"""Guards against denial of service as ratios, never as timed tests: what a guard costs is
compared with a floor measured in the same run (as the benchmarks in bench/ are), each the best
of a few runs, so that a loaded machine slows both alike."""

from __future__ import annotations

import time
from collections.abc import Callable


def basta_tid(
    gor: Callable[..., object],
    *argument: object,
    ganger: int = 3,
    klocka: Callable[[], float] = time.perf_counter,
) -> float:
    """The shortest of `ganger` runs of `gor(*argument)`, in seconds. What runs in this
    process alone is best timed with klocka=time.process_time: the processor time it used,
    which other processes on the machine do not lengthen."""
    tider = []
    for _ in range(ganger):
        start = klocka()
        gor(*argument)
        tider.append(klocka() - start)
    return min(tider)
