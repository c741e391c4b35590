"""What the guard found (14 kap. 4–5 §§ SoL): a reason code, the text it was found in, and the
message staff are shown."""

from __future__ import annotations

from dataclasses import dataclass

SKAL = {
    "personnummer": "ett personnummer",
    "samordningsnummer": "ett samordningsnummer",
    "telefon": "ett telefonnummer",
    "epost": "en e-postadress",
    "adress": "en adress",
    "namn": "ett namn",
    "konto": "ett konto i sociala medier",
    "regnummer": "ett registreringsnummer",
    "arende": "ett ärende- eller målnummer",
    "skola": "en skola och klass",
    "arbetsplats": "en arbetsplats och en roll som pekar ut en person",
    "kombination": "en ovanlig kombination av uppgifter som pekar ut en person",
    "fodelsedatum": "ett födelsedatum",
    "bankkonto": "ett bankkontonummer",
}


@dataclass(frozen=True)
class Fynd:
    """What was found: a reason code and the text it was found in (shown shortened)."""

    kod: str
    utdrag: str

    @property
    def vad(self) -> str:
        return SKAL[self.kod]

    @property
    def kortat(self) -> str:
        """Enough for staff to find it, not enough to repeat it: "070…67"."""
        t = self.utdrag.strip()
        if self.kod == "namn":
            return t
        if self.kod in ("skola", "arbetsplats", "kombination"):  # a phrase: its first words find it
            return " ".join(t.split()[:3]) + "…"
        return t if len(t) <= 6 else f"{t[:3]}…{t[-2:]}"
