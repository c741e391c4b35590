"""The code stays a size a newcomer can read: no module of the apps over about 500 lines
(issue "architecture": modules by journey, none over about 500 lines). A module that grows past
it is split by what it does, as dokumentation.regler and dokumentation.statistik were."""

from __future__ import annotations

from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
HOGST = 500
APPAR = ["dokumentation", "uppfoljning"]


def moduler() -> list[Path]:
    return sorted(
        p for app in APPAR for p in (ROT / app).rglob("*.py") if "migrations" not in p.parts
    )


def test_no_module_is_longer_than_a_newcomer_reads() -> None:
    langa = {
        str(p.relative_to(ROT)): n
        for p in moduler()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > HOGST
    }
    assert not langa, f"Dela dem efter vad de gör: {langa}"
