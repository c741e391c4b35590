"""The only periods follow-up knows: year, half-year and tertial. Fixed periods mean two
overlapping reports can never be subtracted from each other to reveal a person."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_MONSTER = re.compile(r"^(?P<ar>\d{4})(?:-(?P<typ>[HT])(?P<nr>\d))?$")


@dataclass(frozen=True, order=True)
class Period:
    ar: int
    typ: str = "ar"  # "ar", "halvar" or "tertial"
    nr: int = 1

    @classmethod
    def tolka(cls, text: str) -> Period | None:
        """ "2026", "2026-H1" or "2026-T3"; anything else is not a period."""
        traff = _MONSTER.match(text or "")
        if not traff:
            return None
        ar = int(traff["ar"])
        if not 2000 <= ar <= 2100:
            return None
        if traff["typ"] is None:
            return cls(ar)
        typ, nr = (
            ("halvar", int(traff["nr"])) if traff["typ"] == "H" else ("tertial", int(traff["nr"]))
        )
        if (typ == "halvar" and nr not in (1, 2)) or (typ == "tertial" and nr not in (1, 2, 3)):
            return None
        return cls(ar, typ, nr)

    @property
    def manader(self) -> int:
        return {"ar": 12, "halvar": 6, "tertial": 4}[self.typ]

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.ar, (self.nr - 1) * self.manader + 1, 1)

    @property
    def slut(self) -> datetime.date:
        sista_manad = self.nr * self.manader
        if sista_manad == 12:
            return datetime.date(self.ar, 12, 31)
        return datetime.date(self.ar, sista_manad + 1, 1) - datetime.timedelta(days=1)

    @property
    def kod(self) -> str:
        return {
            "ar": f"{self.ar}",
            "halvar": f"{self.ar}-H{self.nr}",
            "tertial": f"{self.ar}-T{self.nr}",
        }[self.typ]

    def __str__(self) -> str:
        return {
            "ar": f"År {self.ar}",
            "halvar": f"{self.ar}, halvår {self.nr}",
            "tertial": f"{self.ar}, tertial {self.nr}",
        }[self.typ]
