"""Every published figure that is not a count – a mean, a share, a cost per person – is one
the disclosure control knows: a mean is hidden with the counts that bound the people it rests
on (`publicering.medlets_antal`), a share or a cost per a count is computed from shown counts
only and hidden with them, and what is no count of people (kronor, inhabitants, signed
follow-ups) is listed as such. A new kind of figure on the board report, the yearly
follow-up or the open export fails here until it is one of these."""

import random

import pytest
from django.utils import timezone

from tests.factories import AnvandareFactory
from tests.uppfoljning.test_export_som_sidan import publicerat_ar  # noqa: F401 (a fixture)
from tests.uppfoljning.test_publicering import AR, kommun  # noqa: F401 (a fixture)
from uppfoljning import publicering, services
from uppfoljning.matt import KON_ALDER, MATTEN, MEDEL, VILLKORSTYP
from uppfoljning.models import Arsuppfoljning, Publiceringspost
from uppfoljning.publicerat import Publicerat
from uppfoljning.rapport import bygg_rapport

pytestmark = pytest.mark.angrepp

#: Derived from shown counts only: the share told of the right to apply, the cost per
#: participant and per session – each with the counts it is computed from.
HARLEDDA = {
    "informerade": ("informerade", "ej_informerade"),
    "kostnad_per_deltagare": ("unika",),
    "kostnad_per_tillfalle": ("tillfallen",),
}
#: No count of people: kronor the enhetschef entered, the population the secretary entered,
#: the insatser and their signed follow-ups.
UTAN_PERSONER = {
    "kostnad",
    "kostnad_per_invanare",
    "folkmangd",
    "insatser",
    "insatser_med_kostnad",
    "signerade",
    "i_tid",
    "utan_skal",
}
TABELLER = (
    *(f"{t}.{d}." for t in KON_ALDER for d in ("ka", "kon", "alder")),
    VILLKORSTYP,
    "social.",
)


def slag(nyckel: str, sparad: bool = False) -> str:
    """What a row of a table shows (`sparad`: what a stored post holds; "informerade" is
    stored as a count and shown as a share)."""
    if nyckel in HARLEDDA and not sparad:
        return "härledd"
    if nyckel in MATTEN or nyckel.startswith(TABELLER):
        return "antal"
    if nyckel.startswith("medel.") and nyckel.removeprefix("medel.") in dict(MEDEL):
        return "medel"
    if nyckel in UTAN_PERSONER:
        return "utan personer"
    return "okänd"


def test_every_stored_figure_is_a_count_or_a_mean_with_its_counts(publicerat_ar):
    """What the open export lists is what is stored: counts, audited, and means, each with
    the counts that bound its people."""
    for matt in set(Publiceringspost.objects.values_list("matt", flat=True)):
        assert slag(matt, sparad=True) in ("antal", "medel"), matt
    for namn, _ in MEDEL:
        assert publicering.medlets_antal(f"medel.{namn}", "1", str(AR))
    with pytest.raises(ValueError):
        publicering.medlets_antal("medel.nytt", "1", str(AR))


def _rader(rapport):
    yield "KAT", rapport.kommun.rader
    yield "KAT", rapport.kostnad.rader
    yield "KAT", rapport.internkontroll
    for del_ in rapport.insatser:
        yield str(del_.insats.pk), del_.tabell.rader


def test_every_figure_of_the_report_is_hidden_with_its_counts(publicerat_ar):
    """Each row of the board report (page, PDF, XLSX and CSV are built from the same rows)
    and of each yearly follow-up: a count, a mean shown only where the counts that bound its
    people are, a figure derived from shown counts only, or no count of people."""
    katalog = publicerat_ar["katalog"]
    rng = random.Random(3)
    chef = AnvandareFactory()
    for insats in publicerat_ar["insatser"].values():  # signed costs, for the cost per person
        Arsuppfoljning.objects.create(
            insats=insats,
            ar=AR,
            kostnad=rng.randint(10_000, 90_000),
            status=Arsuppfoljning.Status.SIGNERAD,
            signerad_av=chef,
            signerad=timezone.now(),
            siffror={},
        )
    rapport = bygg_rapport(katalog, AR)
    pub = Publicerat(katalog)
    sedda = set()
    for enhet, rader in _rader(rapport):
        for rad in rader:
            vad = slag(rad.nyckel)
            assert vad != "okänd", (rad.nyckel, rad.rubrik)
            sedda.add(vad)
            for kolumn, cell in zip(rapport.perioder, rad.celler, strict=True):
                if cell.varde is None:
                    continue
                if vad == "härledd":
                    for matt in HARLEDDA[rad.nyckel]:
                        assert pub.cell(matt, enhet, kolumn).varde is not None, (rad.nyckel, matt)
                elif vad == "medel":
                    for nyckel, maste in publicering.medlets_antal(rad.nyckel, enhet, kolumn):
                        bakom = pub.cell(*nyckel)
                        assert bakom.varde is not None or (not maste and bakom.visning == "–")
    assert {"antal", "härledd", "utan personer"} <= sedda
    for insats in publicerat_ar["insatser"].values():
        for rad in services.figurer(insats, AR, pub)["rader"]:
            assert slag(rad["nyckel"]) != "okänd", rad
