"""What every catalogue rule shares: the paragraphs it cites, the violation it returns and
the shape of a villkor it reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

SOL_11_5 = "11 kap. 5 § SoL"
SOL_14_5 = "14 kap. 5 § SoL"
SOL_14_3_5 = "14 kap. 3–5 §§ SoL"

HOGSTA_ALDER = 120


@dataclass(frozen=True)
class Overtradelse:
    """One broken rule: a stable code for tests and programs, a Swedish message for people."""

    kod: str
    meddelande: str
    regel: str
    falt: str | None = None
    nr: int | None = None  # which item of a list (1-based), for rules over lists


class VillkorLike(Protocol):
    typ: str
    avser: str | None
    min_alder: int | None
    max_alder: int | None
    kommun: str | None
    under_alder: int | None
    antal: str | None
    skolform: str | None
    text: str | None
