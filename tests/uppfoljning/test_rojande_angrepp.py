"""Attacks on the published statistics that use what an export consumer sees of a withdrawn
count: the open export (and the API with a key) lists every cell with its status, and a count
withdrawn as "–" (`ej_publicerad`) still takes part in every sum it belongs to. Withdrawing a
small count protects it only if no sum of shown counts still gives it."""

import datetime
from collections import defaultdict

import pytest

from insatser.models import Insats
from tests.dokumentation.conftest import registrera
from tests.factories import InsatsFactory, KatalogFactory
from uppfoljning import bygge as byggmodul
from uppfoljning import export, publicering
from uppfoljning import skyddsgranskning as sg
from uppfoljning.matt import VILLKORSTYP

# An attack round on the publication: make test runs it, the fast tier does not.
pytestmark = pytest.mark.angrepp

AR = datetime.date.today().year - 1


@pytest.fixture
def tva_insatser(personal, personal_annan, utforare, annan_utforare):
    """A small insats at one utförare and a large one at another, in one catalogue."""
    katalog = KatalogFactory()
    liten = InsatsFactory(
        katalog=katalog, utforare=utforare, beslutad=True, form=Insats.Form.INDIVIDUELL
    )
    stor = InsatsFactory(
        katalog=katalog, utforare=annan_utforare, beslutad=True, form=Insats.Form.INDIVIDUELL
    )
    return {"katalog": katalog, "liten": (liten, personal), "stor": (stor, personal_annan)}


def _kontakter(insats, vem, datum, antal):
    for nr in range(antal):
        registrera(vem, insats, datum=datum, kon="kvinna", alder=30 + nr, utfall="deltar")


def _exporten(katalog):
    """What the export consumer reads: (matt, insats_id, period, efterregistrerat_i) ->
    (value, status)."""
    return {
        (
            p["matt"]
            if p["kategori"] is None and p["kon"] is None and p["aldersgrupp"] is None
            else None,
            p["insats_id"],
            p["period"],
            p["efterregistrerat_i"],
        ): (p["varde"], p["status"])
        for p in export.poster(katalog)
    }


@pytest.mark.parametrize(("forsta", "andra"), [(0, 3), (1, 2)])
def test_a_withdrawn_year_count_cannot_be_read_off_the_catalogue_total(tva_insatser, forsta, andra):
    """The small insats has 1–4 contacts in the year, the large one many. The small one's year
    count cannot be protected by hiding anything of its own (the attacker knows the other
    utförare), only by hiding the catalogue's total (a headline). If it is withdrawn instead,
    the catalogue's year total less the other insats's year count gives it."""
    katalog = tva_insatser["katalog"]
    liten, personal = tva_insatser["liten"]
    stor, personal_annan = tva_insatser["stor"]
    _kontakter(liten, personal, datetime.date(AR, 3, 2), forsta)
    _kontakter(stor, personal_annan, datetime.date(AR, 3, 2), 20)
    publicering.publicera_allt(datetime.date(AR, 8, 1))
    _kontakter(liten, personal, datetime.date(AR, 9, 2), andra)
    _kontakter(stor, personal_annan, datetime.date(AR, 9, 2), 30)
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))

    celler = _exporten(katalog)
    ar = str(AR)
    egen, egen_status = celler[("kontakter", liten.pk, ar, None)]
    assert egen is None, "the small insats's year is not shown"
    katalogen, _ = celler[("kontakter", None, ar, None)]
    andra_insatsen, _ = celler[("kontakter", stor.pk, ar, None)]
    if katalogen is not None and andra_insatsen is not None:
        harlett = katalogen - andra_insatsen
        assert not 0 < harlett < 5, (
            f"{ar}: kontakter for the catalogue {katalogen} − the other insats {andra_insatsen}"
            f" = {harlett}, the small insats's count shown as {egen_status}"
        )


def test_the_audit_goes_on_with_a_withdrawn_count():
    """The same in the audit alone: nothing but the catalogue's headline can protect the
    small count, which is withdrawn first and then, as the sum still gives it, the headline is
    hidden too."""
    ar = str(AR)
    poster = {
        ("kontakter", "1", ar): sg.Post(("kontakter", "1", ar), 3, "u1", kostnad=2),
        ("kontakter", "2", ar): sg.Post(("kontakter", "2", ar), 50, "u2", kostnad=2),
        ("kontakter", "KAT", ar): sg.Post(("kontakter", "KAT", ar), 53, None, kostnad=3),
    }
    samband = [
        sg.Samband.summa(("kontakter", "KAT", ar), [("kontakter", "1", ar), ("kontakter", "2", ar)])
    ]
    sg.skydda(poster, samband, 5)
    assert poster[("kontakter", "1", ar)].status != sg.VISAS
    assert poster[("kontakter", "KAT", ar)].status == sg.DOLD
    assert poster[("kontakter", "2", ar)].status == sg.VISAS


@pytest.mark.xfail(
    strict=True,
    reason="Known limit of the audit's model, kept by decision: a withdrawn count is audited "
    "as any number from 0, as the pages and the README say a '–' tells nothing of its size; "
    "an attacker who still takes a lone '–' for a small count AND tells a small hidden count "
    "from one of at least 5 (the audit's own attacker) pins it. Auditing it as 1-4 instead "
    "would make withdrawing it pointless.",
)
def test_a_count_withdrawn_alone_is_known_to_be_small():
    """The insats's year: 6 contacts, 1 took part (small), 5 declined. Hiding 'declined'
    (at least 5) leaves 'took part' at 1; the audit withdraws it and counts it as 0 or 1. A
    reader who knows that a lone "–" is a small count, so at least 1, has it at 1."""
    ar = str(AR)
    bygge = byggmodul.Bygge(5, "halvar")
    bygge.agare.update({"1": "u1", "2": "u2"})

    def varden(kontakter, deltar, avbojde):
        return byggmodul.varden(
            defaultdict(
                int, totalt=kontakter, deltar=deltar, avbojde=avbojde, informerade=kontakter
            )
        )

    for enhet, h1 in (("1", varden(0, 0, 0)), ("2", varden(20, 20, 0)), ("KAT", varden(20, 20, 0))):
        bygge.kolumn(enhet, f"{ar}-H1", h1)
    for p in bygge.poster.values():
        p.fryst = True
    for enhet, h2, helt in (
        ("1", varden(6, 1, 5), varden(6, 1, 5)),
        ("2", varden(30, 30, 0), varden(50, 50, 0)),
        ("KAT", varden(36, 31, 5), varden(56, 51, 5)),
    ):
        bygge.kolumn(enhet, f"{ar}-H2", h2)
        bygge.kolumn(enhet, ar, helt)
    for enhet, n in (("1", 6), ("2", 50)):
        bygge.arstabeller(enhet, ar, {"kon_alder": {("kvinna", "25-44"): n}})
    samband = bygge.samband()
    sg.skydda(bygge.poster, samband, 5)
    x = ("deltar", "1", ar)
    assert bygge.poster[x].status == sg.OPUBLICERAD
    bygge.poster[x].status, bygge.poster[x].primar = sg.DOLD, True  # what the reader knows
    assert not sg._Granskare(bygge.poster, samband, 5).fastlast(x, frozenset({"u2"}))


def test_a_withdrawn_villkor_row_is_audited_as_at_least_one():
    """A villkor type's row ("inte uppfyllt") is published only where there is one or more,
    so a "–" on such a row is at least 1 to its reader, and the audit counts it so; any
    other withdrawn count is at least 0."""
    bygge = byggmodul.Bygge(5, "halvar")
    bygge.agare.update({"1": "u1"})
    ar = str(AR)
    bygge.arstabeller("1", ar, {"villkor_per_typ": {"alder": 1, "intyg": 6}})
    for nyckel, post in bygge.poster.items():
        post.status = sg.OPUBLICERAD
        villkor = nyckel[0].startswith(VILLKORSTYP)
        assert post.doman(5) == (1 if villkor else 0, float("inf")), nyckel
    assert (f"{VILLKORSTYP}alder", "1", ar) in bygge.poster
