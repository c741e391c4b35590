"""How a protected count is shown (DESIGN.md §3). What is hidden is decided once per
publication, jointly for every table (uppfoljning.skyddsgranskning), never per page."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

#: Every hidden count looks the same, whether small or hidden to protect a small one.
DOLT = "×"


def troskel() -> int:
    return int(getattr(settings, "ROJANDESKYDD_TROSKEL", 5))


@dataclass(frozen=True)
class Cell:
    """A published value: what to show, and the number only when it is shown."""

    visning: str
    varde: int | None

    @property
    def dold(self) -> bool:
        return self.visning == DOLT

    def __str__(self) -> str:
        return self.visning
