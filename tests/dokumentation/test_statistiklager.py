"""Kept statistics of closed periods (dokumentation/statistiklager.py): whatever changes the
raw rows, by the services or behind their back with bulk updates and deletes, the kept numbers
are the ones the raw rows give, and what has not changed is not read again."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dokumentation import services, statistik, statistiklager
from dokumentation.models import (
    Andringsraknare,
    Avvisning,
    Besoksantal,
    Deltagande,
    Kontakt,
    Narvaro,
    Omgang,
    Statistikcache,
    Tillfalle,
    Villkorssvar,
)
from tests.dokumentation.conftest import registrera

pytestmark = [
    pytest.mark.django_db,
    # The change counters are kept by PostgreSQL triggers; on SQLite (the local demo only)
    # nothing is kept and every statistic is computed afresh.
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL only"
    ),
]

IDAG = timezone.localdate()
AR = IDAG.year - 2  # closed whatever today's date
RAA_TABELLER = [
    "dokumentation_kontakt",
    "dokumentation_villkorssvar",
    "dokumentation_deltagande",
    "dokumentation_tillfalle",
    "dokumentation_narvaro",
    "dokumentation_besoksantal",
    "dokumentation_avvisning",
]


def dag(manad: int, dag: int = 10, ar: int = AR) -> datetime.date:
    return datetime.date(ar, manad, dag)


def urval() -> statistik.Urval:
    return statistik.Urval(dag(1, 1), dag(12, 31))


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
    )


@pytest.fixture
def farskt(monkeypatch):
    """The statistics straight from the raw rows, nothing kept."""

    def rakna() -> tuple[object, ...]:
        with monkeypatch.context() as m:
            m.setattr(statistiklager, "stangd", lambda start, slut: False)
            return alla(urval())

    return rakna


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
        services.registrera_samtal(
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


def test_kept_statistics_are_the_raw_rows_and_are_not_read_again(historik, farskt):
    forst = alla(urval())
    assert forst == farskt()
    assert Statistikcache.objects.filter(start=dag(1, 1), slut=dag(12, 31)).exists()
    with CaptureQueriesContext(connection) as fragor:
        assert alla(urval()) == forst
    lasta = [t for t in RAA_TABELLER for f in fragor.captured_queries if f'"{t}"' in f["sql"]]
    assert lasta == []


def test_gathered_statistics_are_kept_in_one_write_at_the_end(historik, farskt):
    with CaptureQueriesContext(connection) as fragor, statistik.samlat():
        forst = alla(urval())
        assert not Statistikcache.objects.exists()  # nothing written yet
    skrivna = [f for f in fragor.captured_queries if "INSERT" in f["sql"]]
    assert len(skrivna) == 1 and "dokumentation_statistikcache" in skrivna[0]["sql"]
    assert forst == farskt()
    with CaptureQueriesContext(connection) as fragor:
        assert alla(urval()) == forst
    assert not [t for t in RAA_TABELLER for f in fragor.captured_queries if f'"{t}"' in f["sql"]]


def test_nothing_is_kept_when_the_gathering_fails(historik):
    class Avbrutet(Exception):
        pass

    with pytest.raises(Avbrutet), statistik.samlat():
        alla(urval())
        raise Avbrutet
    assert not Statistikcache.objects.exists()


def test_the_current_period_is_always_counted_afresh(historik):
    i_ar = statistik.Urval(IDAG.replace(month=1, day=1), IDAG)
    statistik.kontakter(i_ar)
    assert not Statistikcache.objects.filter(start=i_ar.start).exists()


@pytest.mark.parametrize(
    "andring",
    [
        "sen_kontakt",
        "andrat_utfall",
        "andrat_villkorssvar",
        "flyttat_slut",
        "avslutat_idag",
        "borjat_fran_vantelistan",
        "borttaget_samtal",
        "ny_narvaro",
        "andrat_besoksantal",
        "flyttad_kontakt",
        "borttagen_avvisning",
        "gallrad_person",
        "flyttad_start",
        "andrad_situation_vid_slut",
    ],
)
def test_every_change_to_the_rows_is_seen(historik, farskt, personal, radgivning, andring):
    """Each change, made as the app makes it or with a bulk update past the app, gives the
    same numbers as counting the raw rows again."""
    alla(urval())  # kept
    d = historik["deltaganden"]
    kontakt = historik["kontakter"][2]
    {
        "sen_kontakt": lambda: registrera(personal, radgivning, datum=dag(3, 15)),
        "andrat_utfall": lambda: Kontakt.objects.filter(pk=kontakt.pk).update(utfall="avbojde"),
        "andrat_villkorssvar": lambda: Villkorssvar.objects.update(svar="ej_uppfyllt"),
        "flyttat_slut": lambda: Deltagande.objects.filter(pk=d[0].pk).update(slutdatum=dag(12)),
        "avslutat_idag": lambda: Deltagande.objects.filter(pk=d[2].pk).update(
            status=Deltagande.Status.AVSLUTAD, slutdatum=IDAG
        ),
        "borjat_fran_vantelistan": lambda: Deltagande.objects.filter(
            kontakt=historik["vantar"]
        ).update(status=Deltagande.Status.PAGAENDE, startdatum=IDAG),
        "borttaget_samtal": lambda: Tillfalle.objects.filter(deltagande=d[1]).delete(),
        "ny_narvaro": lambda: Narvaro.objects.create(tillfalle=historik["traff"], deltagande=d[2]),
        "andrat_besoksantal": lambda: Besoksantal.objects.filter(kon="man").update(antal=30),
        "flyttad_kontakt": lambda: Kontakt.objects.filter(pk=kontakt.pk).update(
            datum=dag(5, ar=AR - 1)
        ),
        "borttagen_avvisning": lambda: Avvisning.objects.all().delete(),
        "gallrad_person": lambda: Deltagande.objects.update(person=None),
        "flyttad_start": lambda: Deltagande.objects.filter(pk=d[3].pk).update(
            startdatum=dag(1, 5, ar=AR + 1)
        ),
        "andrad_situation_vid_slut": lambda: Deltagande.objects.filter(pk=d[0].pk).update(
            boende_slut="", maende_start=2
        ),
    }[andring]()
    assert alla(urval()) == farskt()


def ar_perioder(*ar: int) -> list[statistiklager.Period]:
    return [(datetime.date(a, 1, 1), datetime.date(a, 12, 31)) for a in ar]


def var_for_sig(perioder: list[statistiklager.Period], monkeypatch) -> list[tuple[object, ...]]:
    """Each period computed alone from the raw rows, nothing kept."""
    with monkeypatch.context() as m:
        m.setattr(statistiklager, "stangd", lambda start, slut: False)
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
        (AR - 1, AR),  # both closed
        (AR - 1, AR, IDAG.year),  # the last open: counted afresh beside what is kept
        (AR - 2, AR),  # a gap between them whose rows count in neither
    ],
)
def test_periods_computed_together_are_each_period_computed_alone(tre_ar, monkeypatch, ar):
    perioder = ar_perioder(*ar)
    forvantat = var_for_sig(perioder, monkeypatch)
    assert [alla(u) for u in statistik.Urval.flera(perioder)] == forvantat  # computed
    assert [alla(u) for u in statistik.Urval.flera(perioder)] == forvantat  # kept
    en_insats = statistik.Urval.flera(perioder, [tre_ar["kontakter"][0].insats_id])
    with monkeypatch.context() as m:
        m.setattr(statistiklager, "stangd", lambda start, slut: False)
        ensam = [alla(replace(u, perioder=(), _minne={})) for u in en_insats]
    assert [alla(u) for u in en_insats] == ensam


def test_a_change_in_one_year_is_counted_again_for_that_year_only(
    tre_ar, monkeypatch, personal, radgivning
):
    perioder = ar_perioder(AR - 1, AR, IDAG.year)
    for u in statistik.Urval.flera(perioder):
        alla(u)  # the closed years kept
    registrera(personal, radgivning, datum=dag(6, ar=AR - 1), kon="man")
    with CaptureQueriesContext(connection) as fragor:
        igen = [alla(u) for u in statistik.Urval.flera(perioder)]
    assert igen == var_for_sig(perioder, monkeypatch)
    kontakter = [
        f["sql"] for f in fragor.captured_queries if 'FROM "dokumentation_kontakt"' in f["sql"]
    ]
    # Kept for the untouched year; the changed one and the open one computed in one query.
    assert kontakter and all(str(AR) not in sql.split("WHERE")[1] for sql in kontakter)


def test_a_table_is_read_once_for_the_years_computed_together(tre_ar):
    def lasningar(perioder: list[statistiklager.Period]) -> dict[str, int]:
        Statistikcache.objects.all().delete()
        with CaptureQueriesContext(connection) as fragor:
            for u in statistik.Urval.flera(perioder):
                alla(u)
        return {
            t: sum(f'FROM "{t}"' in f["sql"] for f in fragor.captured_queries)
            for t in ["dokumentation_kontakt", "dokumentation_tillfalle", "dokumentation_avvisning"]
        }

    assert lasningar(ar_perioder(AR - 2, AR - 1, AR)) == lasningar(ar_perioder(AR))


def stangda_manader_fran(fran: datetime.date) -> set[datetime.date]:
    """First days of the months from `fran` up to the last month that has ended."""
    manader, m = set(), fran.replace(day=1)
    while m < IDAG.replace(day=1):
        manader.add(m)
        m = (m + datetime.timedelta(days=31)).replace(day=1)
    return manader


def test_only_closed_months_are_marked_and_only_where_they_change(personal, radgivning):
    registrera(personal, radgivning)
    assert not Andringsraknare.objects.exists()  # a day's registrations cost nothing here
    registrera(personal, radgivning, datum=dag(5), utfall="avbojde")
    assert list(Andringsraknare.objects.values_list("manad", "antal")) == [(dag(5, 1), 1)]
    Andringsraknare.objects.all().delete()
    # A participation begun in May counts in every period since.
    kontakt = registrera(personal, radgivning, datum=dag(5))
    assert set(Andringsraknare.objects.values_list("manad", flat=True)) == stangda_manader_fran(
        dag(5)
    )
    Andringsraknare.objects.all().delete()
    # Ending it today alters no closed month, however long it has gone on.
    Deltagande.objects.filter(kontakt=kontakt).update(
        status=Deltagande.Status.AVSLUTAD, slutdatum=IDAG
    )
    assert not Andringsraknare.objects.exists()
    # Moving the end into the past marks the months between the old and the new end.
    Deltagande.objects.filter(kontakt=kontakt).update(slutdatum=dag(8))
    assert set(Andringsraknare.objects.values_list("manad", flat=True)) == stangda_manader_fran(
        dag(8)
    )


@pytest.mark.parametrize(
    ("idag", "slut", "stangd"),
    [
        (datetime.date(2026, 11, 22), datetime.date(2026, 10, 31), True),
        (datetime.date(2026, 11, 22), datetime.date(2026, 11, 30), False),
        # A month is kept first when the day before yesterday is in the next one.
        (datetime.date(2026, 12, 2), datetime.date(2026, 11, 30), False),
        (datetime.date(2026, 12, 3), datetime.date(2026, 11, 30), True),
        (datetime.date(2027, 1, 2), datetime.date(2026, 12, 31), False),
    ],
)
def test_a_period_is_closed_two_days_into_the_next_month(monkeypatch, idag, slut, stangd):
    monkeypatch.setattr(timezone, "localdate", lambda: idag)
    assert statistiklager.stangd(slut.replace(month=1, day=1), slut) is stangd
