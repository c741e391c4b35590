import datetime
import uuid
from contextlib import contextmanager

import pytest
from django.db import connection

from dokumentation.kontakter.services import (
    Kontaktuppgifter,
    Startuppgifter,
    fodd_av,
    registrera_kontakt,
)
from dokumentation.regler import alder_pa_dag
from dokumentation.tillfallen.models import Omgang
from dokumentation.tillfallen.services import registrera_traff
from insatser.models import Insats
from tests.factories import InsatsFactory, KatalogFactory, VillkorFactory

# "Today" for the records the tests make, taken once when the tests are read, as the test
# modules take theirs: a meeting dated a module's IDAG and a participant registered "today" are
# then the same day even when a run passes midnight (Django runs the tests in Stockholm time;
# a participant who began after a meeting cannot have been at it).
IDAG = datetime.date.today()


@pytest.fixture
def katalog(db):
    return KatalogFactory(informationstext="Du kan alltid ansöka hos socialtjänsten.")


@pytest.fixture
def grupp(katalog, utforare):
    """ABC: 14:5, a group programme for parents of children 3–12."""
    insats = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        identitetsundantag=True,
        namn="Föräldragrupp ABC",
        form=Insats.Form.GRUPP,
        max_tillfallen=4,
    )
    VillkorFactory(
        insats=insats,
        typ="alder",
        min_alder=3,
        max_alder=12,
        avser="barnet",
        kommun=None,
        ordning=1,
    )
    VillkorFactory(insats=insats, ordning=2)
    return insats


@pytest.fixture
def omgang(grupp):
    return Omgang.objects.create(
        insats=grupp,
        utforare=grupp.utforare,
        benamning="Vår",
        startdatum=IDAG,
        antal_traffar=4,
        min_deltagare=2,
        max_deltagare=3,
    )


@pytest.fixture
def radgivning(katalog, utforare):
    """14:4 advice, at most 5 talks."""
    return InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        namn="Föräldrarådgivning",
        form=Insats.Form.INDIVIDUELL,
        max_tillfallen=5,
    )


@pytest.fixture
def full_dokumentation(katalog, utforare):
    """14:3 documented here: identified participants with a journal."""
    insats = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        namn="Boendecoachning",
        dokumentationsregel="14:3",
        dokumentation_motivering=None,
        form=Insats.Form.INDIVIDUELL,
    )
    VillkorFactory(insats=insats, typ="alder", min_alder=18, kommun=None)
    return insats


@pytest.fixture
def ungdom(katalog, utforare):
    """14:4, 13–20 years, consent of one guardian under 15, from 15 without (21 kap. 2 §)."""
    insats = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        namn="Ungdomsmottagning",
        form=Insats.Form.INDIVIDUELL,
        utan_samtycke_fran_15=True,
    )
    VillkorFactory(insats=insats, typ="alder", min_alder=13, max_alder=20, kommun=None, ordning=1)
    VillkorFactory(
        insats=insats,
        typ="vardnadshavares_samtycke",
        under_alder=15,
        antal="en",
        kommun=None,
        avser=None,
        ordning=2,
    )
    return insats


@pytest.fixture
def oppen(katalog, utforare):
    return InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        identitetsundantag=True,
        namn="Träffpunkt",
        form=Insats.Form.OPPEN_VERKSAMHET,
    )


@pytest.fixture
def annan_insats(katalog, annan_utforare):
    return InsatsFactory(
        katalog=katalog,
        utforare=annan_utforare,
        beslutad=True,
        namn="Beroenderådgivning",
        form=Insats.Form.INDIVIDUELL,
    )


def uppgifter(**andringar):
    data = dict(
        datum=IDAG,
        kanal="pa_plats",
        alder=34,
        barnets_alder=None,
        kon="kvinna",
        svar=[],
        informerad=True,
        utfall="deltar",
        samtycke="",
        unga_vill=False,
    )
    data.update(andringar)
    return Kontaktuppgifter(**data)


def registrera(
    anvandare, insats, *, person=None, omgang=None, minuter=None, nyckel=None, **andringar
):
    fodd = fodd_av(person.personnummer) if person is not None else None
    if fodd is not None and "alder" not in andringar:
        # The age the personnummer gives on the day (a contradicting one is refused).
        andringar["alder"] = alder_pa_dag(fodd, andringar.get("datum") or IDAG)
    return registrera_kontakt(
        anvandare=anvandare,
        insats=insats,
        uppgifter=uppgifter(**andringar),
        # The start values are kept for someone who takes part or waits, and refused otherwise.
        start=Startuppgifter(maende_start=3)
        if andringar.get("utfall", "deltar") in ("deltar", "vantelista")
        else Startuppgifter(),
        person=person,
        omgang=omgang,
        forsta_samtal_minuter=minuter,
        nyckel=nyckel or uuid.uuid4(),
    )


def traff_i_dag(omgang, personal):
    """A meeting of the round today, an hour and a half long."""
    idag = IDAG
    return registrera_traff(
        omgang=omgang,
        datum=idag,
        langd_minuter=90,
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=idag,
    )


@contextmanager
def forbi_trigger(tabell, trigger):
    """Write as history was (a note signed years ago, a text stored before a guard existed):
    the owner, who runs the tests, steps past one trigger for the block."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as c:
        c.execute("SET CONSTRAINTS ALL IMMEDIATE")
        c.execute(f"ALTER TABLE {tabell} DISABLE TRIGGER {trigger}")
        try:
            yield
        finally:
            c.execute(f"ALTER TABLE {tabell} ENABLE TRIGGER {trigger}")


def identifierad_omgang(katalog, utforare, *, max_deltagare=8, namn="Samtalsgrupp"):
    """A round starting today of a group insats documented in full (14:3)."""
    insats = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        namn=namn,
        dokumentationsregel="14:3",
        dokumentation_motivering=None,
        form=Insats.Form.GRUPP,
    )
    return Omgang.objects.create(
        insats=insats,
        utforare=utforare,
        benamning="Höst",
        startdatum=IDAG,
        antal_traffar=4,
        min_deltagare=1,
        max_deltagare=max_deltagare,
    )
