"""The code stays a size a newcomer can read: no module of the apps over about 500 lines
(issue "architecture": modules by journey, none over about 500 lines). A module that grows past
it is split by what it does, as dokumentation.regler, dokumentation.statistik and
insatser.regler were."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
HOGST = 500
# Every package of the project: the ones import-linter knows (config, grund and the apps).
APPAR = tomllib.loads((ROT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"][
    "root_packages"
]


def moduler() -> list[Path]:
    return sorted(
        p for app in APPAR for p in (ROT / app).rglob("*.py") if "migrations" not in p.parts
    )


def rader(p: Path) -> int:
    return len(p.read_text(encoding="utf-8").splitlines())


def test_every_package_is_measured() -> None:
    paket = {p.parent.name for p in ROT.glob("*/__init__.py")}
    assert {"config", "grund", "insatser", "organisation", "identitetsskydd"} <= set(APPAR)
    assert paket - {"tests", "bench", "scripts"} <= set(APPAR), "Lägg paketet i root_packages"


def test_no_module_is_longer_than_a_newcomer_reads() -> None:
    langa = {str(p.relative_to(ROT)): n for p in moduler() if (n := rader(p)) > HOGST}
    assert not langa, f"Dela dem efter vad de gör: {langa}"
