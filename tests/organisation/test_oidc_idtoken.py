"""The provider's ID token in the server-side session: kept only for what needs it (the hint
of RP-initiated logout, OIDC_OP_LOGOUT_ENDPOINT), only as long as the sign-in, and never
written to a log, the access log, a page or an error report."""

import logging
import sys
from urllib.parse import parse_qs, urlparse

from django.contrib.sessions.models import Session
from django.test import RequestFactory
from django.urls import reverse
from django.views.debug import ExceptionReporter

from dokumentation.logg.models import Atkomstlogg
from organisation import oidc as oidc_modul
from organisation.models import Anvandare, Sakerhetshandelse
from tests.conftest import VerifieradKlient
from tests.organisation.test_oidc import (  # noqa: F401 - the fixtures
    forfallen,
    fornya,
    idp_anvandare,
    leverantor,
    logga_in_via_leverantoren,
    med_utloggning,
)


def test_without_a_logout_endpoint_the_token_is_not_kept(leverantor):
    idp = idp_anvandare("kim", ["iub-sekreterare"], amr=["mfa"])
    klient, svar = logga_in_via_leverantoren(idp)
    assert svar["Location"] == "/start/"
    assert "oidc_id_token" not in klient.session
    assert "oidc_access_token" not in klient.session
    assert klient.get(reverse("start")).status_code == 200


def test_a_refused_sign_in_keeps_no_token(med_utloggning):
    idp = idp_anvandare("lo", ["iub-sekreterare"], amr=["mfa"])
    logga_in_via_leverantoren(idp)
    Anvandare.objects.filter(username=f"sso:{idp.pk}").update(is_active=False)
    klient, svar = logga_in_via_leverantoren(idp)
    assert svar["Location"].startswith("/logga-in/?sso=fel")
    assert "oidc_id_token" not in klient.session


def test_the_token_lives_as_long_as_the_sign_in_and_nowhere_else(med_utloggning, caplog):
    idp = idp_anvandare("mia", ["iub-sekreterare"], amr=["mfa"])
    with caplog.at_level(logging.DEBUG):
        klient, _ = logga_in_via_leverantoren(idp)
        token = klient.session["oidc_id_token"]
        sidor = [klient.get(reverse(n)) for n in ("start", "inloggningar", "insatser:index")]
        # A silent renewal replaces it with the new one.
        forfallen(klient, 1)
        hos_leverantoren = VerifieradKlient()
        hos_leverantoren.force_login(idp)
        session = klient.session
        session["oidc_id_token"] = "gammalt"
        session.save()
        assert fornya(klient, hos_leverantoren, reverse("start"))["Location"] == "/start/"
        nytt = klient.session["oidc_id_token"]
        utloggning = klient.post(reverse("logout"))
    assert nytt.count(".") == 2  # the renewal's token, not the one before
    assert parse_qs(urlparse(utloggning["Location"]).query)["id_token_hint"] == [nytt]
    for t in (token, nytt):
        signatur = t.rsplit(".", 1)[1]
        assert signatur not in caplog.text
        assert all(signatur not in s.content.decode() for s in sidor)
        assert not Atkomstlogg.objects.filter(vad__contains=signatur).exists()
        assert not any(signatur in str(h.__dict__) for h in Sakerhetshandelse.objects.all())
    # Signed out: no session of the server holds it any more.
    assert not any("oidc_id_token" in s.get_decoded() for s in Session.objects.all())


def _rapport_vid_fel(session):
    """The error report of a failure inside utloggning_hos_leverantoren, as Django would
    mail or show it: this frame holds the session, not the token."""
    request = RequestFactory().post(reverse("logout"))
    request.session = session
    try:
        oidc_modul.utloggning_hos_leverantoren(request)
    except TypeError:
        return ExceptionReporter(request, *sys.exc_info())
    raise AssertionError("no error")


def test_an_error_building_the_logout_address_shows_no_token(med_utloggning, settings):
    idp = idp_anvandare("nils", ["iub-sekreterare"], amr=["mfa"])
    klient, _ = logga_in_via_leverantoren(idp)
    settings.OIDC_OP_LOGOUT_ENDPOINT = 5  # broken: the address cannot be built
    rapport = _rapport_vid_fel(klient.session)
    signatur = klient.session["oidc_id_token"].rsplit(".", 1)[1]
    assert "utloggning_hos_leverantoren" in rapport.get_traceback_text()
    assert signatur not in rapport.get_traceback_text()
    assert signatur not in rapport.get_traceback_html()


def test_logout_without_the_token_when_the_provider_allows_it(med_utloggning, settings):
    """OIDC_UTLOGGNING_MED_ID_TOKEN=false: the ID token is never kept, and "Logga ut" sends
    only client_id and post_logout_redirect_uri (RP-Initiated Logout 1.0 §2); the provider
    then asks the person to confirm (it MUST without a hint), and signs them out there."""
    settings.OIDC_UTLOGGNING_MED_ID_TOKEN = False
    idp = idp_anvandare("olle", ["iub-sekreterare"], amr=["mfa"])
    klient, _ = logga_in_via_leverantoren(idp)
    assert "oidc_id_token" not in klient.session
    svar = klient.post(reverse("logout"))
    fragan = parse_qs(urlparse(svar["Location"]).query)
    assert fragan == {
        "client_id": ["iub-registret"],
        "post_logout_redirect_uri": ["http://testserver/logga-in/"],
    }
    assert klient.get(reverse("start")).status_code == 302  # signed out here
    hos = klient.hos_leverantoren
    fraga = hos.get(svar["Location"])
    assert fraga.status_code == 200  # the provider's "sign out?" page
    assert hos.session.get("_auth_user_id") is not None


def test_switched_off_a_token_kept_before_is_neither_sent_nor_kept_on(med_utloggning, settings):
    """A session from before OIDC_UTLOGGNING_MED_ID_TOKEN was set to false: "Logga ut" sends
    no hint from it, and the next renewal drops it (it is not replaced)."""
    idp = idp_anvandare("pia", ["iub-sekreterare"], amr=["mfa"])
    klient, _ = logga_in_via_leverantoren(idp)
    assert "oidc_id_token" in klient.session
    settings.OIDC_UTLOGGNING_MED_ID_TOKEN = False
    forfallen(klient, 1)
    hos_leverantoren = VerifieradKlient()
    hos_leverantoren.force_login(idp)
    assert fornya(klient, hos_leverantoren, reverse("start"))["Location"] == "/start/"
    assert "oidc_id_token" not in klient.session
    andra, _ = logga_in_via_leverantoren(idp_anvandare("per", ["iub-sekreterare"], amr=["mfa"]))
    session = andra.session
    session["oidc_id_token"] = "kvar.fran.forr"
    session.save()
    fragan = parse_qs(urlparse(andra.post(reverse("logout"))["Location"]).query)
    assert "id_token_hint" not in fragan and fragan["client_id"] == ["iub-registret"]
