"""Insats names as municipalities write them (korpus/insatsnamn.tsv), through the kind the
words propose (insatser.regler.foreslaget_slag) and through the import of a version 1 file,
which has no place for the kind. A legitimate IUB insats refused for a word in its name is as
wrong as an excluded insats (11 kap. 5 §) let through."""

import json
from pathlib import Path

import pytest

from insatser.katalogfil import importera_katalog
from insatser.katalogkontroll import OgiltigKatalogfil
from insatser.models import Insats
from insatser.regler import SLAG_ALDRIG_IUB, SLAG_BOENDE_FOR_VUXNA, foreslaget_slag

KORPUS = Path(__file__).resolve().parent / "korpus" / "insatsnamn.tsv"
UNDANTAGNA = SLAG_ALDRIG_IUB.keys() | SLAG_BOENDE_FOR_VUXNA.keys()


def korpus() -> list[tuple[str, str]]:
    rader = []
    for rad in KORPUS.read_text(encoding="utf-8").splitlines():
        if rad.strip() and not rad.startswith("#"):
            utfall, namn = rad.split("\t")
            assert utfall in ("iub", "vagras"), rad
            rader.append((utfall, namn))
    return rader


KORPUSEN = korpus()


def test_the_corpus_is_large_enough_and_names_each_insats_once():
    namn = [n for _, n in KORPUSEN]
    assert len({n.casefold() for n in namn}) == len(namn)
    assert sum(u == "iub" for u, _ in KORPUSEN) >= 150
    assert sum(u == "vagras" for u, _ in KORPUSEN) >= 60


@pytest.mark.parametrize(("utfall", "namn"), KORPUSEN, ids=[n for _, n in KORPUSEN])
def test_the_words_propose_an_excluded_kind_only_for_an_excluded_insats(utfall, namn):
    assert (foreslaget_slag(namn) in UNDANTAGNA) == (utfall == "vagras")


@pytest.mark.django_db
def test_a_version_1_file_of_the_corpus_imports_the_lawful_and_refuses_the_excluded():
    """One file of every name: the import refuses it whole, naming exactly the excluded ones;
    without them it imports, every insats with a lawful kind."""

    def fil(namn: list[str]) -> str:
        insatser = [{"namn": n, "dokumentation": {"regel": "14:4"}} for n in namn]
        return json.dumps({"kommun": "Korpusköping", "insatser": insatser})

    alla = [n for _, n in KORPUSEN]
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(fil(alla), anvandare=None)
    vagrade = {alla[int(f.split("[")[1].split("]")[0])] for f in fel.value.fel}
    falskt_vagrade = sorted(n for u, n in KORPUSEN if u == "iub" and n in vagrade)
    falskt_godtagna = sorted(n for u, n in KORPUSEN if u == "vagras" and n not in vagrade)
    assert (falskt_vagrade, falskt_godtagna) == ([], []), (
        f"{len(falskt_vagrade)} lawful refused, {len(falskt_godtagna)} excluded let through"
    )
    # Each refusal says which word and how to state the kind in version 2.
    for f in fel.value.fel:
        assert "11 kap. 5 §" in f and "”" in f and '"slag"' in f and "version 2" in f, f

    lagliga = [n for u, n in KORPUSEN if u == "iub"]
    importera_katalog(fil(lagliga), anvandare=None)
    assert not Insats.objects.filter(slag__in=UNDANTAGNA).exists()
    assert Insats.objects.count() == len(lagliga)
