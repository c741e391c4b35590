"""The lock files hold every dependency of pyproject.toml at its pinned version, with hashes:
`make run` and `make test` install from them in hash-checking mode."""

import re
import tomllib
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]


def last(fil):
    text = (ROT / fil).read_text(encoding="utf-8")
    poster = re.findall(r"^([A-Za-z0-9_.-]+)==([^ \\\n]+)((?:\s*\\\n\s*--hash=\S+)*)", text, re.M)
    return {namn.lower().replace("_", "-"): (version, hashar) for namn, version, hashar in poster}


def test_every_pinned_dependency_is_locked_with_hashes():
    projekt = tomllib.loads((ROT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for fil, beroenden in [
        ("requirements.txt", projekt["dependencies"]),
        ("requirements-dev.txt", projekt["dependencies"] + projekt["optional-dependencies"]["dev"]),
    ]:
        lasta = last(fil)
        for krav in beroenden:
            namn, version = re.match(r"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==(\S+)", krav).groups()
            namn = namn.lower().replace("_", "-")
            assert lasta[namn][0] == version, (fil, namn)
        assert all("--hash=sha256:" in hashar for _, hashar in lasta.values()), fil
