"""Role fixtures: for every view, the right role at the right utförare, the same role at another
utförare, and the wrong roles."""

import datetime
from importlib import import_module

import hypothesis
import pytest
from django.conf import settings
from django.contrib.auth import login
from django.db import transaction
from django.http import HttpRequest
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY

from insatser import services as katalogtjanster
from organisation.models import Anvandare, Autentiseringsapp, Reservkoder, Roll
from tests.factories import AnvandareFactory, UtforareFactory

# Property tests draw the same examples on every run and on every machine, and keep no example
# database in the checkout: a failure in CI is the same failure on a laptop. A hunt for new
# examples by hand: pytest --hypothesis-profile=utforska (found failures are kept in .hypothesis/).
hypothesis.settings.register_profile("iub", derandomize=True, database=None, deadline=None)
hypothesis.settings.register_profile("utforska", deadline=None)
hypothesis.settings.load_profile("iub")


class VerifieradKlient(Client):
    """force_login as after both steps of the login (password and a second factor), so that
    tests of other things need not walk through two-factor authentication every time.

    Django's login() with its signals as in Client.force_login, but the session is written
    once, with the device in it: Client._login first saves an empty session, reads it back and
    writes it again, and then the device was added by reading and writing it once more (25
    statements a login, now 14; a login is made in most tests)."""

    def force_login(self, user, backend=None):
        user.backend = backend or self._get_backend()
        kaka = self.cookies.get(settings.SESSION_COOKIE_NAME)
        request = HttpRequest()
        request.session = import_module(settings.SESSION_ENGINE).SessionStore(
            kaka.value if kaka else None
        )
        login(request, user, user.backend)
        enhet, _ = Reservkoder.objects.get_or_create(user=user, name="Test")
        request.session[DEVICE_ID_SESSION_KEY] = enhet.persistent_id
        request.session.save()
        self._set_login_cookies(request)


@pytest.fixture(scope="session", autouse=True)
def _testerna_som_agare():
    """With two database roles (scripts/med-postgres), the suite creates its test database and
    runs as the owner, as migrations do; tests/test_databasroller.py connects as the
    application role and proves what it may not do."""
    agare = settings.DATABASE_OWNER
    falt = ("USER", "PASSWORD", "HOST", "PORT")
    app = {k: settings.DATABASES["default"].get(k) for k in falt}
    if agare:
        settings.DATABASES["default"].update({k: agare.get(k) for k in falt})
    return app


def app_for(anvandare):
    """A confirmed authenticator app, as after the set-up at a first login."""
    app = Autentiseringsapp.ny(anvandare)
    app.confirmed = True
    app.save()
    return app


@pytest.fixture
def client():
    return VerifieradKlient()


@pytest.fixture
def overifierad_klient():
    """Only the password step: for the tests of two-factor authentication itself."""
    return Client()


SNABB_HASHNING = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _snabba_losenord(settings):
    settings.PASSWORD_HASHERS = SNABB_HASHNING


# The tests' users by name: a role, and the utförare it works at.
TESTANVANDARE = {
    "sekreterare": (Roll.NAMNDSEKRETERARE, None),
    "personal": (Roll.UTFORARPERSONAL, "Familjecentralen"),
    "personal2": (Roll.UTFORARPERSONAL, "Beroendemottagningen"),
    "enhetschef": (Roll.ENHETSCHEF, "Familjecentralen"),
    "verksamhetschef": (Roll.VERKSAMHETSCHEF, None),
    "admin": (Roll.SYSTEMADMINISTRATOR, None),
}


def rollanvandare(namn: str):
    """The tests' user of that name, with its role at its utförare. A module's shared data
    (`moduldatabas`) may have made it already; then it is that user, as the utförare is."""
    if befintlig := Anvandare.objects.filter(username=namn).first():
        return befintlig
    roll, utforare = TESTANVANDARE[namn]
    return AnvandareFactory.med_roll(
        roll, UtforareFactory(namn=utforare) if utforare else None, username=namn
    )


@pytest.fixture
def utforare(db):
    return UtforareFactory(namn="Familjecentralen")


@pytest.fixture
def annan_utforare(db):
    return UtforareFactory(namn="Beroendemottagningen")


@pytest.fixture
def sekreterare(db):
    return rollanvandare("sekreterare")


@pytest.fixture
def personal(utforare):
    return rollanvandare("personal")


@pytest.fixture
def personal_annan(annan_utforare):
    return rollanvandare("personal2")


@pytest.fixture
def enhetschef(utforare):
    return rollanvandare("enhetschef")


@pytest.fixture
def verksamhetschef(db):
    return rollanvandare("verksamhetschef")


@pytest.fixture
def systemadministrator(db):
    return rollanvandare("admin")


@pytest.fixture
def alla_roller(
    sekreterare, personal, personal_annan, enhetschef, verksamhetschef, systemadministrator
):
    return {
        "sekreterare": sekreterare,
        "personal": personal,
        "personal_annan": personal_annan,
        "enhetschef": enhetschef,
        "verksamhetschef": verksamhetschef,
        "systemadministrator": systemadministrator,
    }


@pytest.fixture(autouse=True)
def _statiska_filer_utan_manifest(settings):
    # Production uses whitenoise's manifest storage, which needs `collectstatic` first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _inga_sparade_rapporter():
    """Each test starts without the reports an earlier test in the same process kept."""
    from django.core.cache import caches

    caches["rapporter"].clear()


@pytest.fixture(autouse=True)
def _beslutade_andringar_inforda_i_dag(monkeypatch):
    """Decided changes due today are in force already (the process's daily check,
    insatser.services.verkstall_om_dags, has run), so that pinned query counts hold whichever
    test runs first. tests/insatser/test_framtida_beslut.py starts the day afresh."""
    monkeypatch.setattr(katalogtjanster, "_verkstallt_till", datetime.date.today())


@pytest.fixture(scope="session", autouse=True)
def _inga_kvarlamnade_anslutningar(_testerna_som_agare, django_db_setup, django_db_blocker):
    """At the end of the run, before the test database is dropped, any other connection to it
    is ended. Since the workers steal tests (--dist worksteal) a full run left one open once a
    run, so the drop failed with a warning; most likely a live server's request thread still
    serving a page the browser had closed (not proven)."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as c:
        c.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            # Only clients the owner may end: an autovacuum worker on the database (after a
            # test that wrote a lot) is the server's own and ends itself at the drop; a
            # superuser's session may not be signalled (a run failed on that at teardown).
            "AND backend_type = 'client backend' "
            "AND NOT EXISTS (SELECT 1 FROM pg_roles WHERE oid = usesysid AND rolsuper)"
        )


@pytest.fixture(scope="module")
def moduldatabas(django_db_setup, django_db_blocker):
    """For data that every test of a module reads, and that takes seconds to build (a
    municipality with years of records, published): it is built once per module and worker, in
    a transaction rolled back after the module's last test. Each test still runs in its own
    savepoint inside it (pytest-django's `db`), so what one test writes is gone for the next,
    exactly as with data built per test. Use it through a function-scoped fixture that also
    asks for `db` (see `delad` below), never directly from a test.

    The build runs under the settings the tests' own autouse fixtures give (fast password
    hashing, decided changes in force), which function-scoped fixtures cannot give here."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=SNABB_HASHNING):
        monkeypatch = pytest.MonkeyPatch()
        monkeypatch.setattr(katalogtjanster, "_verkstallt_till", datetime.date.today())
        try:
            with transaction.atomic():
                yield
                transaction.set_rollback(True)
        finally:
            monkeypatch.undo()


DATABASFIXTURER = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


def pytest_collection_modifyitems(config, items):
    """A module's shared data stays in its transaction for all the module's tests on a worker,
    whichever asked for it first: a test there that touches the database without asking for it
    would see it, or (transactional_db, a live server) end it. So such a module holds only
    tests that ask for it or use no database, checked here, whatever the order."""
    delade = {item.module for item in items if "moduldatabas" in item.fixturenames}
    fel = [
        item.nodeid
        for item in items
        if item.module in delade
        and "moduldatabas" not in item.fixturenames
        and (DATABASFIXTURER & set(item.fixturenames) or item.get_closest_marker("django_db"))
    ]
    fel += [
        item.nodeid
        for item in items
        if "moduldatabas" in item.fixturenames and DATABASFIXTURER - {"db"} & set(item.fixturenames)
    ]
    if fel:
        raise pytest.UsageError(
            "Tester i en modul med delade data (moduldatabas) måste använda dem eller ingen "
            "databas, och inte transaktionell databas: " + ", ".join(fel)
        )


def delad(data: dict) -> dict:
    """A module's shared data as a test sees it: every model instance read again, so that a
    change an earlier test made in memory (and rolled back in the database) is not seen."""
    for varde in data.values():
        if hasattr(varde, "refresh_from_db"):
            varde.refresh_from_db()
    return data
