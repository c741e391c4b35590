"""The de-identified statistics (dokumentation/statistik/): periods computed together give what
each period gives alone, and each table is read once for all of them."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dokumentation import statistik
from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.services import ge_ny_deltagarkod, registrera_samtal
from dokumentation.kontakter.models import Avvisning
from dokumentation.orosanmalan.models import Orosanmalan
from dokumentation.tillfallen.models import Besoksantal, Narvaro, Omgang, Tillfalle
from tests.dokumentation.conftest import registrera

pytestmark = pytest.mark.django_db

IDAG = timezone.localdate()
AR = IDAG.year - 2


def dag(manad: int, dag: int = 10, ar: int = AR) -> datetime.date:
    return datetime.date(ar, manad, dag)


def alla(u: statistik.Urval) -> tuple[object, ...]:
    return (
        statistik.kontakter(u),
        statistik.ej_uppfyllda_villkor(u),
        statistik.deltagare(u),
        statistik.unika_personer_totalt(u),
        statistik.tillfallen(u),
        statistik.avslut(u),
        statistik.vantetid(u),
        statistik.avvisade_fritexter(u),
        statistik.over_taket(u),
        statistik.orosanmalningar(u),
        statistik.nya_deltagarkoder(u),
    )


@pytest.fixture
def historik(personal, radgivning, grupp, oppen):
    """A year two years back: contacts with villkor, participations that waited, ended or go
    on, talks, a group meeting with attendance, an opening with visits, a refused text."""
    kontakter = [
        registrera(personal, radgivning, datum=dag(m), alder=20 + m, kon=kon)
        for m, kon in [(2, "kvinna"), (3, "man"), (5, "kvinna"), (9, "annat")]
    ]
    registrera(personal, grupp, datum=dag(4), svar=["ej_uppfyllt", "uppfyllt"], utfall="avbojde")
    vantar = registrera(personal, grupp, datum=dag(6), svar=["uppfyllt", "uppfyllt"])
    Deltagande.objects.filter(kontakt=vantar).update(status=Deltagande.Status.VANTAR)
    deltaganden = [k.deltagande for k in kontakter]
    for d, m in zip(deltaganden, [2, 3, 5], strict=False):
        registrera_samtal(
            deltagande=d,
            datum=dag(m, 20),
            langd_minuter=45,
            kanal="pa_plats",
            personal=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    Deltagande.objects.filter(pk=deltaganden[0].pk).update(
        status=Deltagande.Status.AVSLUTAD, slutdatum=dag(8), boende_slut="eget", maende_slut=4
    )
    Deltagande.objects.filter(pk=deltaganden[1].pk).update(
        status=Deltagande.Status.AVBRUTEN, slutdatum=dag(11), avbrottsorsak="flyttade"
    )
    omgang = Omgang.objects.create(
        insats=grupp,
        utforare=grupp.utforare,
        benamning="Vår",
        startdatum=dag(7),
        antal_traffar=4,
        max_deltagare=8,
    )
    traff = Tillfalle.objects.create(
        omgang=omgang,
        insats=grupp,
        utforare=grupp.utforare,
        typ=Tillfalle.Typ.GRUPPTRAFF,
        datum=dag(7),
        inlamningsnyckel=uuid.uuid4(),
        personal=personal,
    )
    gruppdeltagare = registrera(personal, grupp, datum=dag(6), svar=["uppfyllt", "uppfyllt"])
    Narvaro.objects.create(tillfalle=traff, deltagande=gruppdeltagare.deltagande)
    oppning = Tillfalle.objects.create(
        insats=oppen,
        utforare=oppen.utforare,
        typ=Tillfalle.Typ.OPPNING,
        datum=dag(10),
        inlamningsnyckel=uuid.uuid4(),
        personal=personal,
    )
    Besoksantal.objects.create(tillfalle=oppning, kon="kvinna", aldersgrupp="25-44", antal=7)
    Besoksantal.objects.create(tillfalle=oppning, kon="man", aldersgrupp="18-24", antal=3)
    # A new deltagarkod that continues five talks, and its sixth beyond the cap of five; a
    # group meeting attended beyond the cap; a report of worry about a child.
    ny_kod = ge_ny_deltagarkod(
        anvandare=personal,
        insats=radgivning,
        datum=dag(9),
        kanal="pa_plats",
        alder=40,
        kon="kvinna",
        tidigare_tillfallen=5,
        informerad=True,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )
    registrera_samtal(
        deltagande=ny_kod,
        datum=dag(9, 12),
        langd_minuter=45,
        kanal="pa_plats",
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
        over_taket="avslutande",
    )
    Narvaro.objects.filter(tillfalle=traff).update(over_taket="ansokan_pagar")
    Orosanmalan.objects.create(
        insats=grupp,
        utforare=grupp.utforare,
        datum=dag(7, 1),
        registrerad_av=personal,
        inlamningsnyckel=uuid.uuid4(),
    )
    avvisning = Avvisning.objects.create(insats=radgivning, kod="fritext_personnummer")
    Avvisning.objects.filter(pk=avvisning.pk).update(
        tidpunkt=timezone.make_aware(datetime.datetime(AR, 10, 5, 12))
    )
    return {
        "kontakter": kontakter,
        "deltaganden": deltaganden,
        "vantar": vantar,
        "traff": traff,
        "oppning": oppning,
        "gruppdeltagare": gruppdeltagare.deltagande,
    }


def ar_perioder(*ar: int) -> list[statistik.Period]:
    return [(datetime.date(a, 1, 1), datetime.date(a, 12, 31)) for a in ar]


def var_for_sig(perioder: list[statistik.Period]) -> list[tuple[object, ...]]:
    """Each period computed alone."""
    return [alla(statistik.Urval(start, slut)) for start, slut in perioder]


@pytest.fixture
def tre_ar(historik, personal, radgivning, grupp):
    """The year of `historik`, the year before it with contacts and an ended participation,
    and this year with a contact: three years that all have rows."""
    fjol = registrera(personal, radgivning, datum=dag(4, ar=AR - 1))
    Deltagande.objects.filter(kontakt=fjol).update(
        status=Deltagande.Status.AVBRUTEN, slutdatum=dag(9, ar=AR - 1), avbrottsorsak="flyttade"
    )
    registrera(
        personal, grupp, datum=dag(11, ar=AR - 1), svar=["uppfyllt", "uppfyllt"], utfall="avbojde"
    )
    registrera(personal, radgivning, datum=IDAG)
    return historik


@pytest.mark.parametrize(
    "ar",
    [
        (AR - 1, AR),  # two whole years
        (AR - 1, AR, IDAG.year),  # the year in progress
        (AR - 2, AR),  # a gap between them whose rows count in neither
    ],
)
def test_periods_computed_together_are_each_period_computed_alone(tre_ar, ar):
    perioder = ar_perioder(*ar)
    forvantat = var_for_sig(perioder)
    assert [alla(u) for u in statistik.Urval.flera(perioder)] == forvantat
    en_insats = statistik.Urval.flera(perioder, [tre_ar["kontakter"][0].insats_id])
    ensam = [alla(replace(u, perioder=(), _minne={})) for u in en_insats]
    assert [alla(u) for u in en_insats] == ensam


def test_a_table_is_read_once_for_the_years_computed_together(tre_ar):
    def lasningar(perioder: list[statistik.Period]) -> dict[str, int]:
        with CaptureQueriesContext(connection) as fragor:
            for u in statistik.Urval.flera(perioder):
                alla(u)
        return {
            t: sum(f'FROM "{t}"' in f["sql"] for f in fragor.captured_queries)
            for t in [
                "dokumentation_kontakt",
                "dokumentation_tillfalle",
                "dokumentation_avvisning",
                "dokumentation_orosanmalan",
                "dokumentation_narvaro",
            ]
        }

    assert lasningar(ar_perioder(AR - 2, AR - 1, AR)) == lasningar(ar_perioder(AR))


def test_sessions_beyond_the_cap_reports_and_new_codes_are_counted(historik, radgivning, grupp):
    u = statistik.Urval(*ar_perioder(AR)[0])
    assert statistik.over_taket(u) == {
        radgivning.pk: {"over_taket": 1, "avslutande": 1},
        grupp.pk: {"over_taket": 1, "ansokan_pagar": 1},
    }
    assert statistik.orosanmalningar(u) == {grupp.pk: 1}
    assert statistik.nya_deltagarkoder(u) == {radgivning.pk: 1}
    fjol = statistik.Urval(*ar_perioder(AR - 1)[0])
    assert statistik.over_taket(fjol) == statistik.orosanmalningar(fjol) == {}
