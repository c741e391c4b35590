"""The two database roles (organisation/databasroller.py): connected as the application's
role, every tamper with the evidence is refused, by privileges first and triggers second,
whatever settings the role sets; the application still works under that role; and gallring,
the one path that deletes signed notes and people, works as the owner."""

import datetime

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import ProgrammingError, connection, connections
from django.urls import reverse
from django.utils import timezone
from psycopg import errors

from dokumentation.deltagande.models import Deltagande, Person
from dokumentation.deltagande.services import avsluta_deltagande
from dokumentation.gallring.models import Gallring
from dokumentation.journal.models import Journalanteckning
from dokumentation.journal.services import skriv_journalanteckning
from dokumentation.kontakter.models import Kontakt
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg, Logggranskning
from dokumentation.rattelser import services as rattelser
from dokumentation.rattelser.models import Rattelse
from organisation.models import Sakerhetshandelse
from tests.dokumentation.conftest import registrera
from tests.factories import ARSUPPFOLJNING_IFYLLD
from uppfoljning import publicering
from uppfoljning.models import Arsuppfoljning, Publicering

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not settings.DATABASE_OWNER,
        reason="two roles need PostgreSQL and DATABASE_OWNER_URL (scripts/med-postgres)",
    ),
    pytest.mark.django_db(transaction=True),
]

# The katalog and insatser of the documentation tests.
from tests.dokumentation.conftest import (  # noqa: E402, F401
    full_dokumentation,
    grupp,
    katalog,
    radgivning,
)

_NAMNLISTAN: list[tuple[str, bool, bool, bool]] = []


@pytest.fixture(autouse=True)
def _namnlistan():
    """The tests here commit, and a flush after each empties every table, the name list's too:
    load it again, as the migration does. The first time with the migration's own function;
    then its rows, kept, by COPY (some 23,500 rows: 0.45 s a test by INSERT, most of this
    file's time)."""
    from identitetsskydd.sql import ladda_namn

    if not _NAMNLISTAN:
        ladda_namn(connection)
        with connection.cursor() as c:
            c.execute("SELECT namn, fornamn, efternamn, tvetydig FROM identitetsskydd_namn")
            _NAMNLISTAN.extend(c.fetchall())
        return
    with connection.cursor() as c:
        c.execute("DELETE FROM identitetsskydd_namn")
        with c.cursor.copy(
            "COPY identitetsskydd_namn (namn, fornamn, efternamn, tvetydig) FROM STDIN"
        ) as kopia:
            for rad in _NAMNLISTAN:
                kopia.write_row(rad)


@pytest.fixture
def bevis(personal, enhetschef, full_dokumentation, grupp):
    """One of each kind of evidence, committed."""
    person = Personuppgifter("198503121231", "Anna", "Svensson", False)
    d = registrera(personal, full_dokumentation, svar=["uppfyllt"], person=person).deltagande
    skriv_journalanteckning(deltagande=d, text="Första samtalet.", anvandare=personal)
    Atkomstlogg.objects.create(
        anvandare=personal, utforare=d.utforare, handling="lasa", deltagande=d, vad="Öppnade"
    )
    Logggranskning.objects.create(
        granskare=enhetschef, utforare=d.utforare, manad=datetime.date(2026, 1, 1), flaggade=0
    )
    Arsuppfoljning.objects.create(
        insats=grupp,
        ar=2025,
        analys="Bra.",
        sammanfattning="Bra.",
        slutsats="Bra.",
        bedomning="uppnatt",
        forslag="behall",
        status="signerad",
        signerad_av=enhetschef,
        signerad=timezone.now(),
        siffror={},
    )
    Gallring.objects.create(
        grans=datetime.date(2020, 1, 1), personer=0, deltaganden=0, journalanteckningar=0
    )
    Sakerhetshandelse.objects.create(
        typ=Sakerhetshandelse.Typ.LOSENORD_BYTT, anvandare=personal, utford_av=personal
    )
    return d


@pytest.fixture
def app(_testerna_som_agare):
    """A connection of the application's own role to the test database."""
    roll = _testerna_som_agare
    with psycopg.connect(
        dbname=connection.settings_dict["NAME"],
        user=roll["USER"],
        password=roll["PASSWORD"] or None,
        host=roll["HOST"] or None,
        port=roll["PORT"] or None,
        autocommit=True,
    ) as c:
        yield c


MANIPULATIONER = [
    "TRUNCATE dokumentation_atkomstlogg",
    "UPDATE dokumentation_atkomstlogg SET vad = 'Inget'",
    "DELETE FROM dokumentation_atkomstlogg",
    "ALTER TABLE dokumentation_atkomstlogg DISABLE TRIGGER ALL",
    "DROP TRIGGER atkomstlogg_bara_tillagg ON dokumentation_atkomstlogg",
    "DROP TABLE dokumentation_atkomstlogg CASCADE",
    "UPDATE dokumentation_journalanteckning SET text = 'Ändrad i efterhand.'",
    "DELETE FROM dokumentation_journalanteckning",
    "TRUNCATE dokumentation_journalanteckning CASCADE",
    "DELETE FROM dokumentation_person",
    "UPDATE dokumentation_logggranskning SET flaggade = 0, granskare_id = granskare_id",
    "DELETE FROM dokumentation_logggranskning",
    "UPDATE uppfoljning_arsuppfoljning SET analys = 'Ändrad.' WHERE status = 'signerad'",
    "UPDATE uppfoljning_arsuppfoljning SET status = 'utkast'",
    "DELETE FROM uppfoljning_arsuppfoljning",
    "INSERT INTO dokumentation_gallring (tidpunkt, grans, personer, deltaganden,"
    " journalanteckningar, fritexter, sparade, utford_av)"
    " VALUES (now(), '2020-01-01', 9, 9, 9, 0, 0, 'falsk')",
    "UPDATE dokumentation_gallring SET personer = 99",
    "DELETE FROM dokumentation_gallring",
    "DELETE FROM identitetsskydd_namn",
    "INSERT INTO identitetsskydd_namn (namn, fornamn, efternamn, tvetydig)"
    " VALUES ('Zzz', true, false, false)",
    "CREATE OR REPLACE FUNCTION iub_fritext_skal(t text) RETURNS text"
    " LANGUAGE sql AS 'SELECT NULL::text'",
    "DROP FUNCTION iub_fritext_skal(text) CASCADE",
    "ALTER TABLE dokumentation_deltagande DISABLE TRIGGER USER",
    "UPDATE dokumentation_deltagande SET problem_text = 'Ring 070-123 45 67'"
    " WHERE dokumentationsregel <> '14:3'",
    "UPDATE insatser_insats SET dokumentationsregel = '14:3'",
    # 11 kap. 5 §: a decided insats of an excluded kind; the nämnd's roles in a municipality.
    "UPDATE insatser_insats SET slag = 'kontaktperson' WHERE status = 'beslutad'",
    "INSERT INTO organisation_behorighet (anvandare_id, roll)"
    " SELECT id, 'verksamhetschef' FROM organisation_anvandare LIMIT 1",
    # A coded column takes only its codes: no identity can be written into one.
    "UPDATE dokumentation_kontakt SET kanal = '0701234567'",
    "UPDATE dokumentation_kontakt SET samtycke = 'Anna'",
    "UPDATE dokumentation_villkorssvar SET svar = 'Anna Ek'",
    "UPDATE dokumentation_deltagande SET deltagarkod = '070123456' WHERE deltagarkod IS NOT NULL",
    "UPDATE dokumentation_deltagande SET kon = 'Fatima'",
    "INSERT INTO dokumentation_avvisning (tidpunkt, insats_id, kod)"
    " SELECT now(), id, '0701234567' FROM insatser_insats LIMIT 1",
    # The access log holds reads of identified data only: never a row, or text, about an
    # anonymous participation.
    "INSERT INTO dokumentation_atkomstlogg (tidpunkt, anvandare_id, utforare_id, handling,"
    " deltagande_id, vad) SELECT now(), k.registrerad_av_id, d.utforare_id, 'lasa', d.id,"
    " 'Fatima Hassan 070-123 45 67' FROM dokumentation_deltagande d JOIN dokumentation_kontakt k"
    " ON k.id = d.kontakt_id WHERE d.dokumentationsregel <> '14:3'",
    # A record leaves the register only by a voiding the trail holds; the trail only grows
    # and names no one.
    "DELETE FROM dokumentation_kontakt",
    "DELETE FROM dokumentation_deltagande WHERE dokumentationsregel <> '14:3'",
    "UPDATE dokumentation_rattelse SET orsak = 'annat'",
    "DELETE FROM dokumentation_rattelse",
    "INSERT INTO dokumentation_rattelse (tidpunkt, av_id, typ, post, objekt_id, insats_id,"
    " utforare_id, orsak, kommentar, fore, efter) SELECT now(), k.registrerad_av_id, 'rattelse',"
    " 'kontakt', k.id, k.insats_id, k.utforare_id, 'annat', 'Fatima Hassan 070-123 45 67',"
    ' \'{"kon": "man"}\', \'{"kon": "kvinna"}\' FROM dokumentation_kontakt k LIMIT 1',
    # Only the daily run, as the owner, publishes statistics: the application cannot publish
    # figures of its own, nor change or remove what was published.
    "INSERT INTO uppfoljning_publicering SELECT * FROM uppfoljning_publicering",
    "INSERT INTO uppfoljning_publiceringspost SELECT * FROM uppfoljning_publiceringspost",
    "DELETE FROM uppfoljning_publiceringspost",
    # A revoked export key stays, revoked; a decided change for a later day is withdrawn
    # with its reason, never deleted.
    "DELETE FROM uppfoljning_exportnyckel",
    "DELETE FROM insatser_beslutadandring",
    # The security events only grow, like the access log.
    "UPDATE organisation_sakerhetshandelse SET beskrivning = 'Inget'",
    "UPDATE organisation_sakerhetshandelse SET typ = 'losenord_bytt', utford_av_id = NULL",
    "DELETE FROM organisation_sakerhetshandelse",
    "TRUNCATE organisation_sakerhetshandelse",
    "ALTER TABLE organisation_sakerhetshandelse DISABLE TRIGGER ALL",
    "DROP TRIGGER sakerhetshandelse_vaktas ON organisation_sakerhetshandelse",
    # Evidence is dated when it is written: no forged read put into a month already reviewed,
    # no security event or review made to look older or newer than it is.
    "INSERT INTO dokumentation_atkomstlogg (tidpunkt, anvandare_id, utforare_id, handling,"
    " deltagande_id, vad) SELECT '2025-03-04 10:00+01', k.registrerad_av_id, d.utforare_id,"
    " 'lasa', d.id, 'Öppnade' FROM dokumentation_deltagande d JOIN dokumentation_kontakt k"
    " ON k.id = d.kontakt_id WHERE d.dokumentationsregel = '14:3'",
    "INSERT INTO dokumentation_atkomstlogg (tidpunkt, anvandare_id, utforare_id, handling,"
    " deltagande_id, vad) SELECT now() + interval '1 day', anvandare_id, utforare_id, handling,"
    " deltagande_id, vad FROM dokumentation_atkomstlogg",
    "INSERT INTO dokumentation_atkomstlogg (tidpunkt, anvandare_id, utforare_id, handling,"
    " deltagande_id, vad) SELECT NULL, anvandare_id, utforare_id, handling,"
    " deltagande_id, vad FROM dokumentation_atkomstlogg",
    "INSERT INTO organisation_sakerhetshandelse (tid, typ, beskrivning)"
    " VALUES ('2024-01-01', 'losenord_bytt', '')",
    "INSERT INTO dokumentation_logggranskning (granskare_id, utforare_id, manad, tidpunkt,"
    " flaggade, visade, egna_undantagna) SELECT granskare_id, utforare_id, '2025-01-01',"
    " '2025-02-03', 0, '[]', 0 FROM dokumentation_logggranskning",
    "ALTER TABLE dokumentation_atkomstlogg DISABLE TRIGGER atkomstlogg_dateras_nu",
    "DROP FUNCTION iub_dateras_nu() CASCADE",
    # The log's numbering: a sequence reset would give new rows the ids of old ones.
    "SELECT setval('dokumentation_atkomstlogg_id_seq', 1)",
    "CREATE TABLE public.egen (i int)",
    "SET session_replication_role = replica",
    "SET ROLE iub_agare",
    "DELETE FROM django_migrations",
]


@pytest.mark.parametrize(
    "forst",
    [
        None,
        # django-pgtrigger's triggers would skip themselves for this setting, which any role
        # can set; ours read no setting.
        "SET pgtrigger.ignore = 'dokumentation_journalanteckning:journal_signerad_andras_aldrig,"
        "uppfoljning_arsuppfoljning:arsuppfoljning_signerad_andras_aldrig,"
        "dokumentation_deltagande:dokumentation_deltagande_fritext_utan_identitet'",
    ],
)
def test_the_application_role_cannot_tamper(bevis, personal, grupp, app, forst, subtests):
    """Each statement is a subtest against the same committed evidence, in a transaction of
    its own that ends rolled back, and the evidence is compared before and after each. (A test
    per statement committed and flushed the evidence 72 times: a fifth of the suite's time.)"""
    k = registrera(personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5)
    rattelser.ratta(
        k, andringar={"kon": "man"}, orsak=rattelser.Orsak("fel_uppgift"), av=personal, sag=0
    )
    for sats in MANIPULATIONER:
        with subtests.test(sats):
            fore = innehall()
            with app.transaction():
                if forst:
                    app.execute(forst)
                # Refused for lack of privilege, or by one of our triggers: never a typo's error.
                with pytest.raises((errors.InsufficientPrivilege, errors.CheckViolation)):
                    app.execute(sats)
            assert innehall() == fore


def innehall():
    return [
        list(Atkomstlogg.objects.values()),
        list(Journalanteckning.objects.values()),
        list(Person.objects.values()),
        list(Logggranskning.objects.values()),
        list(Arsuppfoljning.objects.values()),
        list(Gallring.objects.values()),
        list(Deltagande.objects.values("problem_text", "dokumentationsregel")),
        list(Kontakt.objects.values("id")),
        list(Rattelse.objects.values()),
        list(Sakerhetshandelse.objects.values()),
    ]


def test_the_application_role_owns_nothing_and_is_no_superuser(app):
    rad = app.execute(
        "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls,"
        " (SELECT count(*) FROM pg_class WHERE relowner = r.oid),"
        " (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)"
        " FROM pg_roles r WHERE rolname = current_user"
    ).fetchone()
    assert rad == (False, False, False, False, 0, 0)


def test_the_application_role_has_no_privilege_to_change_the_logs(app):
    """The first layer for every log (the triggers are the second, tried above)."""
    for tabell in (
        "dokumentation_atkomstlogg",
        "dokumentation_logggranskning",
        "organisation_sakerhetshandelse",
    ):
        for rattighet in ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER"):
            sql = "SELECT has_table_privilege(current_user, %s, %s)"
            assert app.execute(sql, (tabell, rattighet)).fetchone() == (False,), (tabell, rattighet)
        sql = "SELECT has_table_privilege(current_user, %s, 'INSERT')"
        assert app.execute(sql, (tabell,)).fetchone() == (True,), tabell


def test_the_application_role_writes_the_logs_dated_now(bevis, personal, app):
    """What the application writes, stamped by its own clock, passes; the database's
    margin is minutes, never a day."""
    app.execute(
        "INSERT INTO organisation_sakerhetshandelse (tid, typ, beskrivning, anvandare_id)"
        " VALUES (%s, 'losenord_bytt', '', %s)",
        (timezone.now() - datetime.timedelta(seconds=90), personal.pk),
    )
    app.execute(
        "INSERT INTO dokumentation_atkomstlogg (tidpunkt, anvandare_id, utforare_id, handling,"
        " deltagande_id, vad) VALUES (%s, %s, %s, 'lasa', %s, 'Öppnade')",
        (timezone.now(), personal.pk, bevis.utforare_id, bevis.pk),
    )
    assert Sakerhetshandelse.objects.count() == 2 and Atkomstlogg.objects.count() == 2


@pytest.fixture
def som_applikationen(_testerna_som_agare):
    """Django itself connected as the application's role, as in production."""
    anslutning = connections["default"]
    sparat = {k: anslutning.settings_dict[k] for k in _testerna_som_agare}
    anslutning.close()
    anslutning.settings_dict.update(_testerna_som_agare)
    yield
    anslutning.close()
    anslutning.settings_dict.update(sparat)


def test_the_application_works_under_its_role(
    bevis, client, personal, enhetschef, grupp, radgivning, som_applikationen
):
    with connection.cursor() as c:
        c.execute("SELECT current_user")
        assert c.fetchone()[0] == settings.DATABASE_APP_USER
    d = registrera(personal, radgivning).deltagande
    avsluta_deltagande(deltagande=d, slutdatum=d.startdatum, avbrott=False, idag=d.startdatum)
    # A correction and a voiding, which the trail holds before the record is deleted.
    fel = registrera(personal, radgivning)
    rattelser.ratta(
        fel, andringar={"kon": "man"}, orsak=rattelser.Orsak("fel_uppgift"), av=personal, sag=0
    )
    rattelser.makulera(fel, orsak=rattelser.Orsak("dubbel"), av=personal)
    assert not Kontakt.objects.filter(pk=fel.pk).exists()
    skriv_journalanteckning(deltagande=bevis, text="Andra samtalet.", anvandare=personal)
    client.force_login(personal)
    assert client.get(reverse("dokumentation:deltagande", args=[bevis.pk])).status_code == 200
    assert Atkomstlogg.objects.count() == 2
    # The application role reads publications but cannot write one; the daily run does, as
    # the owner, once this year has ended.
    ar = datetime.date.today().year
    with pytest.raises(ProgrammingError, match="permission"):
        publicering.publicera_allt(datetime.date(ar + 1, 2, 1))
    call_command("publicera", "--idag", f"{ar + 1}-02-01")
    assert Publicering.objects.filter(katalog=radgivning.katalog).exists()
    client.force_login(enhetschef)
    url = reverse("uppfoljning:arsuppfoljning", args=[radgivning.pk, ar])
    svar = client.post(
        url,
        {**ARSUPPFOLJNING_IFYLLD, "signera": "1"},
    )
    assert svar.status_code == 302
    assert Arsuppfoljning.objects.get(insats=radgivning).status == "signerad"


@pytest.fixture
def gammal(personal, full_dokumentation):
    """A participation ended in 2015 whose text names someone: due for gallring."""
    dag = datetime.date(2015, 3, 1)
    person = Personuppgifter("196408233234", "Bo", "Ek", False)
    d = registrera(personal, full_dokumentation, svar=["uppfyllt"], datum=dag, person=person)
    return avsluta_deltagande(
        deltagande=d.deltagande, slutdatum=dag, avbrott=True, avbrottsorsak="annat",
        avbrott_text="Flyttade till sin syster Lena.", idag=timezone.localdate(),
    )  # fmt: skip


def test_gallring_runs_as_the_owner(bevis, gammal, som_applikationen, settings):
    with connections["default"].cursor() as c, pytest.raises(Exception, match="permission"):
        c.execute("DELETE FROM dokumentation_journalanteckning")
    call_command("gallra", "--ar", "5")
    assert list(Person.objects.values_list("efternamn", flat=True)) == ["Svensson"]
    gammal.refresh_from_db()
    assert gammal.person is None and gammal.avbrott_text == ""
    assert Gallring.objects.latest("tidpunkt").utford_av == settings.DATABASE_OWNER["USER"]


def test_publishing_without_the_owner_role_says_what_it_needs(
    bevis, radgivning, som_applikationen, settings
):
    from django.core.management.base import CommandError

    settings.DATABASE_OWNER = None
    ar = datetime.date.today().year
    with pytest.raises(CommandError, match="DATABASE_OWNER_URL"):
        call_command("publicera", "--idag", f"{ar + 1}-02-01")
    assert not Publicering.objects.exists()


def test_gallring_without_the_owner_role_says_what_it_needs(
    bevis, gammal, som_applikationen, settings
):
    from django.core.management.base import CommandError

    settings.DATABASE_OWNER = None
    with pytest.raises(CommandError, match="DATABASE_OWNER_URL"):
        call_command("gallra", "--ar", "5")
    assert Person.objects.filter(efternamn="Ek").exists()


@pytest.mark.parametrize(
    "skugga",
    [
        "CREATE TEMP TABLE identitetsskydd_namn"
        " (namn text, fornamn bool, efternamn bool, tvetydig bool)",
        "CREATE TEMP TABLE dokumentation_kontakt (insats_id bigint)",
        "CREATE TEMP TABLE dokumentation_deltagande"
        " (id bigint, dokumentationsregel text, dokumenteras_externt text)",
    ],
)
@pytest.mark.parametrize("tillfalligt_tillatet", [False, True])
def test_a_temporary_table_cannot_shadow_what_the_guards_read(
    bevis, personal, grupp, app, skugga, tillfalligt_tillatet
):
    """The application role may not make temporary tables; and were it allowed to (the second
    case grants it for the test), the triggers read their tables by a fixed search path, so a
    temporary table of the same name changes nothing."""
    registrera(personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5)
    databas = connection.settings_dict["NAME"]
    if not tillfalligt_tillatet:
        with pytest.raises(errors.InsufficientPrivilege), app.transaction():
            app.execute(skugga)
        return
    with connection.cursor() as c:
        c.execute(f'GRANT TEMPORARY ON DATABASE "{databas}" TO {settings.DATABASE_APP_USER}')
    try:
        _skugga_och_forsok(app, skugga)
    finally:
        with connection.cursor() as c:
            c.execute(f'REVOKE TEMPORARY ON DATABASE "{databas}" FROM {settings.DATABASE_APP_USER}')


def _skugga_och_forsok(app, skugga):
    with app.transaction():
        app.execute(skugga)
        for sats in (
            "UPDATE public.dokumentation_deltagande SET problem_text = 'Fatima Hassan ringde'"
            " WHERE dokumentationsregel <> '14:3'",
            "UPDATE public.insatser_insats SET dokumentationsregel = '14:3'",
        ):
            with (
                pytest.raises((errors.InsufficientPrivilege, errors.CheckViolation)),
                app.transaction(),
            ):
                app.execute(sats)
