from pathlib import Path

import pytest

# The catalogue of the documentation tests: the guard is tried on the same insatser.
from tests.dokumentation.conftest import (  # noqa: F401
    full_dokumentation,
    grupp,
    katalog,
    omgang,
    radgivning,
)

KORPUS = Path(__file__).parent / "korpus"


def las(monster):
    """Every file of the kind: each set was written by a different author, without seeing
    the guard. A text that runs over a line break writes it as a literal backslash-n."""
    rader = []
    for fil in sorted(KORPUS.glob(monster)):
        with fil.open(encoding="utf-8") as f:
            for rad in f:
                if rad.strip():
                    kind, text = rad.rstrip("\n").split("\t", 1)
                    rader.append((kind, text.replace("\\n", "\n")))
    return rader


@pytest.fixture(scope="session")
def identifierande():
    """Texts that reveal who someone is, each with its kind: personnummer, samordningsnummer,
    telefon, epost, adress, namn, and from the fourth set konto, regnummer, arende, skola,
    arbetsplats (written for the guard's tests, see README)."""
    return las("identifierande*.tsv")


@pytest.fixture(scope="session")
def vanliga():
    """Ordinary texts of problem, avbrott, round names and yearly follow-ups."""
    return las("vanliga*.tsv")
