"""Sign-on and uploads in a real browser: the silent renewal with the municipality's identity
provider (OIDC_FORNYA_SEKUNDER: a prompt=none round trip the user does not see, roles set
anew, a sign-in ended at the provider ending this one), signing out at the provider too, and
a file over the upload limit told next to its field. axe-core on every page."""

import copy
import re
import time
from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from organisation.models import Behorighet, Roll
from tests import oidc
from tests.browser.conftest import kontrollera_tillganglighet
from tests.conftest import VerifieradKlient
from tests.factories import AnvandareFactory, KatalogFactory, UtforareFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def leverantor(live_server, settings, sida, transactional_db):
    """The tests' provider (django-oauth-toolkit) on the same live server under another host
    name (127.0.0.1 beside localhost), so that the browser keeps its sign-in there apart from
    the register's session, as on the municipality's own host."""
    from oauth2_provider.models import Application

    port = urlparse(live_server.url).port
    registret, idp = f"http://localhost:{port}", f"http://127.0.0.1:{port}"
    klient = Application.objects.create(
        name="IUB-registret",
        client_id="iub-registret",
        client_secret="rp-hemlighet-for-test",
        hash_client_secret=False,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=f"{registret}/oidc/callback/",
        post_logout_redirect_uris=f"{registret}/logga-in/",
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    settings.OIDC_RP_CLIENT_ID = klient.client_id
    settings.OIDC_RP_CLIENT_SECRET = "rp-hemlighet-for-test"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{idp}/o/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{idp}/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{idp}/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{idp}/o/.well-known/jwks.json"
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{idp}/o/logout/"
    # What config/settings.py makes of OIDC_OP_LOGOUT_ENDPOINT when it starts.
    csp = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    csp["DIRECTIVES"]["form-action"] = [*csp["DIRECTIVES"]["form-action"], idp]
    settings.CONTENT_SECURITY_POLICY = csp
    settings.OIDC_ROLLER = [
        "iub-sekreterare=namndsekreterare@Testköping",
        "iub-familjecentralen=utforarpersonal@Familjecentralen",
    ]
    UtforareFactory(namn="Familjecentralen")
    KatalogFactory()
    oidc.PASTAENDEN.clear()
    _las_om_mellanlagren(live_server)
    yield idp
    oidc.PASTAENDEN.clear()
    settings.OIDC_RP_CLIENT_ID = ""  # undone by the fixture after this, read again now
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = ""
    _las_om_mellanlagren(live_server)


def _las_om_mellanlagren(live_server):
    """The renewal's middleware (mozilla-django-oidc's SessionRefresh) reads the provider's
    settings when the server starts, as in production; the live server started before this
    test set them, so its middleware is built again."""
    app = live_server.thread.httpd.get_app()
    while app is not None:  # each handler of the chain has its own (static files' none)
        app.load_middleware()
        app = getattr(app, "application", None)


def inloggad_hos_leverantoren(sida, idp_adress, namn, grupper):
    """The person is signed in at the provider (with its second factor) in this browser."""
    anvandare = AnvandareFactory(username=namn, first_name="Anna", last_name="Berg")
    for g in grupper:
        anvandare.groups.add(Group.objects.get_or_create(name=g)[0])
    oidc.PASTAENDEN[namn] = {"groups": grupper, "amr": ["mfa"]}
    hos = VerifieradKlient()
    hos.force_login(anvandare)
    nyckel = hos.cookies[django_settings.SESSION_COOKIE_NAME].value
    sida.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": nyckel, "url": idp_adress}]
    )
    return anvandare, nyckel


def registrets_session(sida):
    kakor = sida.context.cookies("http://localhost")
    nyckel = next(k["value"] for k in kakor if k["name"] == django_settings.SESSION_COOKIE_NAME)
    return SessionStore(session_key=nyckel)


def forfallen(sida):
    """The last renewal's time ran out a second ago (instead of waiting OIDC_FORNYA_SEKUNDER)."""
    session = registrets_session(sida)
    session["oidc_id_token_expiration"] = time.time() - 1
    session.save()


def roller(idp):
    return set(
        Behorighet.objects.filter(anvandare__username=f"sso:{idp.pk}").values_list(
            "roll", flat=True
        )
    )


def test_the_silent_renewal_sets_the_roles_anew_without_the_user_seeing_it(sida, leverantor):
    idp, _ = inloggad_hos_leverantoren(
        sida, leverantor, "anna", ["iub-sekreterare", "iub-familjecentralen"]
    )
    sida.goto("/oidc/authenticate/")
    sida.wait_for_url("**/start/")
    expect(sida.get_by_role("link", name="Katalogen", exact=True).first).to_be_visible()
    assert roller(idp) == {"namndsekreterare", "utforarpersonal"}
    kontrollera_tillganglighet(sida, "oidc-inloggad")
    # Removed from a group at the provider; the interval has passed.
    oidc.PASTAENDEN["anna"]["groups"] = ["iub-familjecentralen"]
    forfallen(sida)
    sida.goto("/utforare/deltaganden/?status=alla")
    # Through the provider and back, silently, to the page asked for.
    sida.wait_for_url(re.compile(r"/utforare/deltaganden/\?status=alla$"))
    expect(sida.get_by_role("heading", level=1)).to_be_visible()
    assert roller(idp) == {"utforarpersonal"}
    assert registrets_session(sida)["oidc_id_token_expiration"] > time.time()
    expect(sida.get_by_role("link", name="Katalogen", exact=True)).to_have_count(0)
    kontrollera_tillganglighet(sida, "oidc-fornyad")


def test_signed_out_at_the_provider_ends_the_session_at_the_next_renewal(sida, leverantor):
    _, hos_leverantoren = inloggad_hos_leverantoren(sida, leverantor, "bo", ["iub-sekreterare"])
    sida.goto("/oidc/authenticate/")
    sida.wait_for_url("**/start/")
    SessionStore(session_key=hos_leverantoren).delete()  # signed out at the provider
    forfallen(sida)
    sida.goto("/start/")
    sida.wait_for_url("**/logga-in/**")
    expect(sida.get_by_role("button", name="Logga in")).to_be_visible()
    sida.goto("/start/")
    sida.wait_for_url("**/logga-in/**")  # not signed in here any more
    kontrollera_tillganglighet(sida, "oidc-utloggad-hos-leverantoren")


def test_logga_ut_ends_the_sign_in_at_the_provider_too(sida, leverantor):
    _, hos_leverantoren = inloggad_hos_leverantoren(sida, leverantor, "cia", ["iub-sekreterare"])
    sida.goto("/oidc/authenticate/")
    sida.wait_for_url("**/start/")
    sida.get_by_role("button", name=re.compile("^Logga ut")).click()
    sida.wait_for_url(re.compile(r"localhost:\d+/logga-in/$"))
    assert not SessionStore(session_key=hos_leverantoren).exists(hos_leverantoren)
    kontrollera_tillganglighet(sida, "oidc-utloggad")


def test_a_file_over_the_limit_is_told_next_to_its_field(sida, demokatalog, logga_in, settings):
    logga_in(Roll.NAMNDSEKRETERARE)
    sida.goto("/katalog/importera/")
    sida.get_by_label("Katalogfil (JSON)").set_input_files(
        {
            "name": "stor.json",
            "mimeType": "application/json",
            "buffer": b" " * (settings.UPPLADDNING_HOGST + 1),
        }
    )
    sida.get_by_role("button", name="Importera").click()
    fel = sida.get_by_text(re.compile(r"Filen är för stor \(\d+ kB\)\. En fil får vara högst 2 MB"))
    expect(fel.first).to_be_visible()
    # Next to the field, and the field tells a screen reader where its message is.
    falt = sida.get_by_label("Katalogfil (JSON)")
    expect(falt).to_have_attribute("aria-invalid", "true")
    kontrollera_tillganglighet(sida, "sekreterare-import-for-stor")
