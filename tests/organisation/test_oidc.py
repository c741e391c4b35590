"""Sign-on with the municipality's identity provider, end to end against a real OpenID Connect
provider started in the suite (django-oauth-toolkit, tests/oidc.py): the browser's redirects
through the test client, the back channel (token, keys, userinfo) over HTTP to the live
server, as it would go to Entra ID or Keycloak."""

import time
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from organisation.models import Anvandare, Behorighet
from organisation.oidc import TVASTEG_VID_INLOGGNING
from tests import oidc
from tests.conftest import VerifieradKlient
from tests.factories import AnvandareFactory, KatalogFactory, UtforareFactory

HEMLIGHET = "rp-hemlighet-for-test"


@pytest.fixture
def leverantor(live_server, settings, transactional_db):
    from oauth2_provider.models import Application

    klient = Application.objects.create(
        name="IUB-registret",
        client_id="iub-registret",
        client_secret=HEMLIGHET,
        hash_client_secret=False,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris="http://testserver/oidc/callback/",
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    bas = live_server.url
    settings.OIDC_RP_CLIENT_ID = klient.client_id
    settings.OIDC_RP_CLIENT_SECRET = HEMLIGHET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "http://testserver/o/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{bas}/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{bas}/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{bas}/o/.well-known/jwks.json"
    settings.OIDC_ROLLER = [
        "iub-sekreterare=namndsekreterare@Testköping",
        "iub-familjecentralen=utforarpersonal@Familjecentralen",
    ]
    UtforareFactory(namn="Familjecentralen")
    KatalogFactory()  # Testköping, whose nämndsekreterare the group makes
    oidc.PASTAENDEN.clear()
    yield klient
    oidc.PASTAENDEN.clear()


def idp_anvandare(namn, grupper, **pastaenden):
    """An account at the identity provider (its own users, in the same test database)."""
    anvandare = AnvandareFactory(username=namn, first_name="Anna", last_name="Berg")
    for g in grupper:
        anvandare.groups.add(Group.objects.get_or_create(name=g)[0])
    oidc.PASTAENDEN[namn] = {"groups": grupper, **pastaenden}
    return anvandare


def logga_in_via_leverantoren(idp):
    """The browser: to the register's sign-on, to the provider (signed in there), back."""
    klient = Client()
    start = klient.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302
    assert start["Location"].startswith("http://testserver/o/authorize/")
    # The provider lives in the same test server here; its session is its own, as on its
    # own host: the person signs in there.
    hos_leverantoren = VerifieradKlient()
    hos_leverantoren.force_login(idp)
    svar = hos_leverantoren.get(start["Location"])
    assert svar.status_code == 302, svar.content[:500]
    tillbaka = urlparse(svar["Location"])
    assert tillbaka.path == reverse("oidc_authentication_callback")
    kod = parse_qs(tillbaka.query)
    klient.hos_leverantoren = hos_leverantoren  # the same browser, at the provider
    return klient, klient.get(tillbaka.path, {"code": kod["code"][0], "state": kod["state"][0]})


def test_first_sign_on_creates_the_account_with_roles_from_groups(leverantor):
    idp = idp_anvandare("anna", ["iub-sekreterare", "iub-familjecentralen", "annat"], amr=["pwd"])
    klient, svar = logga_in_via_leverantoren(idp)
    assert svar.status_code == 302 and svar["Location"] == "/start/"
    anvandare = Anvandare.objects.get(username=f"sso:{idp.pk}")
    assert (anvandare.first_name, anvandare.has_usable_password()) == ("Anna", False)
    roller = set(anvandare.behorigheter.values_list("roll", "utforare__namn", "kommun__namn"))
    assert roller == {
        ("namndsekreterare", None, "Testköping"),
        ("utforarpersonal", "Familjecentralen", None),
    }
    # A password at the provider is no second factor: the TOTP code is asked for.
    nasta = klient.get(reverse("start"))
    assert nasta.status_code == 302 and nasta["Location"].startswith(reverse("tvasteg"))


def test_the_providers_second_factor_counts_when_configured(leverantor, settings):
    idp = idp_anvandare("bo", ["iub-sekreterare"], amr=["pwd", "mfa"])
    klient, svar = logga_in_via_leverantoren(idp)
    assert svar["Location"] == "/start/"
    assert klient.session[TVASTEG_VID_INLOGGNING] is True
    assert klient.get(reverse("start")).status_code == 200
    assert klient.get(reverse("insatser:index"), follow=True).status_code == 200


def test_acr_as_the_second_factor(leverantor, settings):
    settings.OIDC_ACR_TVASTEG = ["http://id.elegnamnden.se/loa/1.0/loa3"]
    idp = idp_anvandare("cia", ["iub-sekreterare"], acr="http://id.elegnamnden.se/loa/1.0/loa3")
    klient, _ = logga_in_via_leverantoren(idp)
    assert klient.get(reverse("start")).status_code == 200


def test_roles_follow_the_provider_at_every_sign_in(leverantor):
    idp = idp_anvandare("dan", ["iub-sekreterare", "iub-familjecentralen"], amr=["mfa"])
    logga_in_via_leverantoren(idp)
    anvandare = Anvandare.objects.get(username=f"sso:{idp.pk}")
    assert anvandare.behorigheter.count() == 2
    oidc.PASTAENDEN["dan"]["groups"] = ["iub-sekreterare"]  # removed from a group
    logga_in_via_leverantoren(idp)
    assert list(Behorighet.objects.filter(anvandare=anvandare).values_list("roll", flat=True)) == [
        "namndsekreterare"
    ]


def test_an_account_disabled_here_cannot_sign_in(leverantor):
    idp = idp_anvandare("eva", ["iub-sekreterare"], amr=["mfa"])
    logga_in_via_leverantoren(idp)
    Anvandare.objects.filter(username=f"sso:{idp.pk}").update(is_active=False)
    klient, svar = logga_in_via_leverantoren(idp)
    assert svar["Location"].startswith("/logga-in/?sso=fel")
    assert klient.get(reverse("start")).status_code == 302


def test_no_local_account_can_be_taken_over(leverantor, sekreterare):
    """The provider's user named like a local account gets an account of its own."""
    idp = idp_anvandare(
        "sekreterare-hos-idp", ["iub-sekreterare"], preferred_username="sekreterare"
    )
    logga_in_via_leverantoren(idp)
    assert Anvandare.objects.filter(username=f"sso:{idp.pk}").exists()
    assert Anvandare.objects.get(username="sekreterare").has_usable_password()


def test_the_session_key_changes_at_sign_on(leverantor, settings):
    """No session fixation: the session that carried the state to the provider is not the one
    that comes back signed in (a key planted before the sign-on is worth nothing after it)."""
    idp = idp_anvandare("cia", ["iub-sekreterare"], amr=["pwd", "mfa"])
    settings.OIDC_AMR_TVASTEG = ["mfa"]
    klient = Client()
    start = klient.get(reverse("oidc_authentication_init"))
    fore = klient.cookies[settings.SESSION_COOKIE_NAME].value
    hos_leverantoren = VerifieradKlient()
    hos_leverantoren.force_login(idp)
    tillbaka = urlparse(hos_leverantoren.get(start["Location"])["Location"])
    kod = parse_qs(tillbaka.query)
    svar = klient.get(tillbaka.path, {"code": kod["code"][0], "state": kod["state"][0]})
    assert svar.status_code == 302 and svar["Location"] == "/start/"
    efter = klient.cookies[settings.SESSION_COOKIE_NAME].value
    assert efter != fore
    assert klient.get(reverse("start")).status_code == 200
    # The planted key is signed in as nobody.
    planterad = Client()
    planterad.cookies[settings.SESSION_COOKIE_NAME] = fore
    assert planterad.get(reverse("start")).status_code == 302


# ------------------------------------------------- renewal: the provider is asked again


def forfallen(klient, sekunder_sedan):
    """The last renewal's time ran out `sekunder_sedan` seconds ago."""
    session = klient.session
    session["oidc_id_token_expiration"] = time.time() - sekunder_sedan
    session.save()


def fornya(klient, idp_klient, url):
    """The next page: to the provider silently (prompt=none), and back to the callback."""
    svar = klient.get(url)
    assert svar.status_code == 302, svar
    assert svar["Location"].startswith("http://testserver/o/authorize/")
    assert "prompt=none" in svar["Location"]
    tillbaka = urlparse(idp_klient.get(svar["Location"])["Location"])
    assert tillbaka.path == reverse("oidc_authentication_callback")
    return klient.get(tillbaka.path, parse_qs(tillbaka.query))


def roller(idp):
    return set(
        Behorighet.objects.filter(anvandare__username=f"sso:{idp.pk}").values_list(
            "roll", flat=True
        )
    )


def test_a_role_removed_at_the_provider_goes_at_the_next_renewal(leverantor):
    idp = idp_anvandare("fia", ["iub-sekreterare", "iub-familjecentralen"], amr=["mfa"])
    klient, _ = logga_in_via_leverantoren(idp)
    assert klient.get(reverse("start")).status_code == 200  # within the interval: no renewal
    assert roller(idp) == {"namndsekreterare", "utforarpersonal"}
    oidc.PASTAENDEN["fia"]["groups"] = ["iub-familjecentralen"]
    forfallen(klient, 1)
    hos_leverantoren = VerifieradKlient()
    hos_leverantoren.force_login(idp)  # still signed in there
    svar = fornya(klient, hos_leverantoren, reverse("start") + "?x=1")
    assert svar.status_code == 302 and svar["Location"] == "/start/?x=1"
    assert roller(idp) == {"utforarpersonal"}
    assert klient.session["oidc_id_token_expiration"] > time.time()
    assert klient.get(reverse("start")).status_code == 200  # the second factor still holds
    assert klient.get(reverse("insatser:index")).status_code == 404  # the role is gone


def test_signed_out_or_removed_at_the_provider_ends_the_session(leverantor, caplog):
    idp = idp_anvandare("gun", ["iub-sekreterare"], amr=["mfa"])
    klient, _ = logga_in_via_leverantoren(idp)
    forfallen(klient, 1)
    with caplog.at_level("WARNING", logger="iub.sakerhet"):
        svar = fornya(klient, Client(), reverse("start"))  # nobody signed in at the provider
    assert svar["Location"].startswith("/logga-in/?sso=fel")
    assert klient.get(reverse("start"))["Location"].startswith(reverse("login"))
    assert "Förnyelsen hos identitetsleverantören misslyckades (leverantören svarade " in (
        caplog.text
    )


def test_an_account_disabled_here_ends_at_once(leverantor):
    """No renewal needed: the session's user is read anew at every request."""
    idp = idp_anvandare("hans", ["iub-sekreterare"], amr=["mfa"])
    klient, _ = logga_in_via_leverantoren(idp)
    Anvandare.objects.filter(username=f"sso:{idp.pk}").update(is_active=False)
    assert klient.get(reverse("start"))["Location"].startswith(reverse("login"))


def test_forms_alone_do_not_keep_a_session_past_twice_the_interval(leverantor, settings):
    idp = idp_anvandare("ida", ["iub-sekreterare"], amr=["mfa"])
    klient, _ = logga_in_via_leverantoren(idp)
    forfallen(klient, 1)  # due: a form still goes through, without the round trip
    svar = klient.post(reverse("forlang_sessionen"))
    assert svar.status_code == 302 and svar["Location"] == reverse("start")
    forfallen(klient, settings.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS + 1)
    svar = klient.post(reverse("forlang_sessionen"))
    assert svar["Location"].startswith(reverse("login"))
    assert klient.get(reverse("start"))["Location"].startswith(reverse("login"))


def test_local_accounts_are_not_sent_to_the_provider(leverantor, client, sekreterare):
    client.force_login(sekreterare)
    assert client.get(reverse("start")).status_code == 200


def test_the_renewal_returns_to_this_host_only(leverantor):
    """A GET to `//elak.example/x` is renewed like any other page: back on this host."""
    idp = idp_anvandare("jan", ["iub-sekreterare"], amr=["mfa"])
    klient, _ = logga_in_via_leverantoren(idp)
    forfallen(klient, 1)
    hos_leverantoren = VerifieradKlient()
    hos_leverantoren.force_login(idp)
    svar = klient.get("/", PATH_INFO="//elak.example/x")
    assert "prompt=none" in svar["Location"]
    assert klient.session["oidc_login_next"] == "//elak.example/x"
    tillbaka = urlparse(hos_leverantoren.get(svar["Location"])["Location"])
    svar = klient.get(tillbaka.path, parse_qs(tillbaka.query))
    assert svar.status_code == 302 and svar["Location"] == reverse("start")


def test_an_error_no_request_of_ours_asked_for_signs_nobody_out(leverantor, client, sekreterare):
    """`/oidc/callback/?error=…` in a link or an image on another site: no cross-site
    sign-out, for a provider's user or a local one."""
    idp = idp_anvandare("kim", ["iub-sekreterare"], amr=["mfa"])
    klient, _ = logga_in_via_leverantoren(idp)
    client.force_login(sekreterare)
    for k in (klient, client):
        svar = k.get(reverse("oidc_authentication_callback"), {"error": "x", "state": "falsk"})
        assert svar.status_code == 302 and svar["Location"] == reverse("start")
        assert k.get(reverse("start")).status_code == 200


@pytest.fixture
def med_utloggning(leverantor, settings):
    """The provider's end_session_endpoint (RP-Initiated Logout 1.0) configured, and the
    register's sign-in page registered with it as where to come back."""
    leverantor.post_logout_redirect_uris = "http://testserver/logga-in/"
    leverantor.save()
    settings.OIDC_OP_LOGOUT_ENDPOINT = "http://testserver/o/logout/"
    return leverantor


def test_signing_out_ends_the_providers_sign_in_too(med_utloggning):
    """ "Logga ut" after a sign-on: the register's session ends and the browser is sent to the
    provider's end_session_endpoint with the ID token as hint, which signs it out there too
    and sends it back to the sign-in page; the next sign-on asks the provider's sign-in."""
    idp = idp_anvandare("ulf", ["iub-sekreterare"], amr=["mfa"])
    klient, _ = logga_in_via_leverantoren(idp)
    assert klient.get(reverse("start")).status_code == 200
    svar = klient.post(reverse("logout"))
    assert svar.status_code == 302
    adress = urlparse(svar["Location"])
    assert f"{adress.scheme}://{adress.netloc}{adress.path}" == "http://testserver/o/logout/"
    fragan = parse_qs(adress.query)
    assert fragan["client_id"] == ["iub-registret"]
    assert fragan["post_logout_redirect_uri"] == ["http://testserver/logga-in/"]
    assert fragan["id_token_hint"][0].count(".") == 2  # the signed ID token
    assert klient.get(reverse("start")).status_code == 302  # signed out here
    hos = klient.hos_leverantoren
    assert hos.session.get("_auth_user_id") is not None
    tillbaka = hos.get(svar["Location"])
    assert tillbaka.status_code == 302 and tillbaka["Location"] == "http://testserver/logga-in/"
    assert hos.session.get("_auth_user_id") is None  # signed out at the provider


def test_a_local_account_signs_out_here_only(med_utloggning, client, sekreterare):
    client.force_login(sekreterare)
    svar = client.post(reverse("logout"))
    assert svar.status_code == 302 and svar["Location"] == reverse("login")
    assert client.get(reverse("start")).status_code == 302


def test_without_an_end_session_endpoint_signing_out_stays_here(leverantor):
    idp = idp_anvandare("vera", ["iub-sekreterare"], amr=["mfa"])
    klient, _ = logga_in_via_leverantoren(idp)
    svar = klient.post(reverse("logout"))
    assert svar["Location"] == reverse("login")
    assert klient.get(reverse("start")).status_code == 302
