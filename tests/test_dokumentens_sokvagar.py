"""Every file or folder the documents name exists: a backticked repository path in README and
docs/*.md (`dokumentation/regler/kontakt.py`, `insatser/regler/`, a glob such as
`dokumentation/*/services.py`, a migration as `insatser/0011`) and every relative link. A module
that becomes a package, or moves, must take its documents with it."""

import re
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[1]
DOKUMENT = sorted([ROT / "README.md", *ROT.glob("docs/**/*.md")])
#: What a repository path begins with: a top-level file or folder (not .git or .venv).
TOPP = {p.name for p in ROT.iterdir() if p.name not in {".git", ".venv"}}
BACKTICKS = re.compile(r"`([^`\s]+)`")
LANK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")
MIGRATION = re.compile(r"(\w+)/(\d{4})")


def sokvagar(text: str) -> list[str]:
    """The backticked words that look like repository paths: they begin with a top-level
    name and have a folder or a file ending in them."""
    ut = []
    for ord_ in BACKTICKS.findall(text):
        forsta = ord_.split("/")[0]
        if forsta in TOPP and ("/" in ord_ or "." in ord_):
            ut.append(ord_)
    return ut


def finns(sokvag: str) -> bool:
    if (ROT / sokvag).exists():
        return True
    if any(t in sokvag for t in "*?["):
        return any(ROT.glob(sokvag))
    if m := MIGRATION.fullmatch(sokvag.rstrip("/")):
        return any((ROT / m[1] / "migrations").glob(f"{m[2]}_*.py"))
    return False


def test_the_paths_are_found_as_the_documents_write_them():
    assert sokvagar("i `dokumentation/regler.py` och `Insats.slag`, `manage.py gallra`") == [
        "dokumentation/regler.py"
    ]
    assert finns("dokumentation/*/services.py") and finns("insatser/0011")
    assert not finns("dokumentation/regler.py") and not finns("insatser/9999")


@pytest.mark.parametrize("dokument", DOKUMENT, ids=lambda p: str(p.relative_to(ROT)))
def test_every_path_a_document_names_exists(dokument):
    text = dokument.read_text(encoding="utf-8")
    saknas = [s for s in sokvagar(text) if not finns(s)]
    assert saknas == [], f"{dokument.relative_to(ROT)} nämner det som inte finns: {saknas}"


@pytest.mark.parametrize("dokument", DOKUMENT, ids=lambda p: str(p.relative_to(ROT)))
def test_every_relative_link_of_a_document_leads_somewhere(dokument):
    text = dokument.read_text(encoding="utf-8")
    lankar = [m for m in LANK.findall(text) if "://" not in m and not m.startswith("mailto:")]
    saknas = [m for m in lankar if not (dokument.parent / m).exists()]
    assert saknas == [], f"{dokument.relative_to(ROT)} länkar till det som inte finns: {saknas}"
