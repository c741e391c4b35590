"""Concurrency on PostgreSQL with real threads and connections: nothing lost, no duplicates."""

import datetime
import threading
import uuid

import pytest
from django.db import connection, connections

from dokumentation.kontakter.models import Kontakt
from dokumentation.tillfallen.models import Narvaro
from dokumentation.tillfallen.services import andra_narvaro, registrera_traff
from tests.dokumentation.conftest import registrera

IDAG = datetime.date.today()

# make test and CI always run on PostgreSQL; SQLite serialises writers, so there is nothing
# to race there.
pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL, as in CI"
)


def parallellt(*uppgifter):
    """Run the callables at the same moment in threads, each with its own connection."""
    start = threading.Barrier(len(uppgifter))
    fel = []

    def kor(uppgift):
        try:
            start.wait()
            uppgift()
        except Exception as e:  # reported to the test below
            fel.append(e)
        finally:
            connections.close_all()

    tradar = [threading.Thread(target=kor, args=(u,)) for u in uppgifter]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join()
    assert not fel, fel


@pytest.mark.django_db(transaction=True)
def test_parallel_attendance_ticks_all_count(personal, enhetschef, grupp, omgang):
    deltagare = [
        registrera(
            personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5, omgang=omgang
        ).deltagande
        for _ in range(3)
    ]
    traff = registrera_traff(
        omgang=omgang,
        datum=IDAG,
        langd_minuter=150,
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )
    parallellt(
        *[
            (lambda d=d: andra_narvaro(traff=traff, lagg_till=[d.pk], ta_bort=[]))
            for d in deltagare
            for _ in range(2)
        ]
    )
    assert Narvaro.objects.filter(tillfalle=traff).count() == 3


@pytest.mark.django_db(transaction=True)
def test_parallel_double_submit_creates_one_contact(personal, radgivning):
    nyckel = uuid.uuid4()
    parallellt(*[lambda: registrera(personal, radgivning, nyckel=nyckel) for _ in range(4)])
    assert Kontakt.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_get_unique_codes(personal, radgivning):
    parallellt(*[lambda: registrera(personal, radgivning) for _ in range(6)])
    koder = list(Kontakt.objects.values_list("deltagande__deltagarkod", flat=True))
    assert len(koder) == 6 and len(set(koder)) == 6


@pytest.mark.django_db(transaction=True)
def test_parallel_catalogue_edits_lose_nothing(katalog):
    """Two secretaries save the same draft at once from the same version: one wins, the other
    is told, and nobody's change is silently overwritten."""
    from insatser import andringar
    from insatser import services as katalogtjanster
    from insatser.models import Insats
    from tests.factories import InsatsFactory

    utkast = InsatsFactory(katalog=katalog, namn="Utkast")
    version = utkast.version
    utfall = []

    def spara(namn):
        insats = Insats.objects.get(pk=utkast.pk)
        insats.namn = namn
        try:
            andringar.andra_insats(
                insats=insats, villkor=[], anvandare=None, beslut=None, version=version
            )
            utfall.append(namn)
        except katalogtjanster.SamtidigAndring:
            utfall.append("nekad")

    parallellt(lambda: spara("Först"), lambda: spara("Sedan"))
    assert utfall.count("nekad") == 1
    vinnare = next(u for u in utfall if u != "nekad")
    assert Insats.objects.get(pk=utkast.pk).namn == vinnare
    assert Insats.objects.get(pk=utkast.pk).version == version + 1
