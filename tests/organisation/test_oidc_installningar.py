"""Sign-on switched on without the provider's addresses is refused at start (system check
iub.E001), not found out as an endless redirect loop of the silent renewal."""

import pytest
from django.core.checks import run_checks
from django.test import override_settings

HELA = {
    "OIDC_RP_CLIENT_ID": "iub-registret",
    "OIDC_RP_SIGN_ALGO": "RS256",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.kommun.se/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.kommun.se/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.kommun.se/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.kommun.se/jwks",
}


def fel(**installningar):
    with override_settings(**{**HELA, **installningar}):
        return [m for m in run_checks() if m.id == "iub.E001"]


def test_a_complete_configuration_passes():
    assert fel() == []


@pytest.mark.parametrize(
    "namn",
    [
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
    ],
)
def test_a_missing_address_is_an_error_that_names_it(namn):
    (meddelande,) = fel(**{namn: ""})
    assert meddelande.is_serious()
    assert namn in meddelande.msg and "ändlös slinga" in meddelande.msg
    assert "README" in meddelande.hint


def test_an_address_without_scheme_is_no_address():
    (meddelande,) = fel(OIDC_OP_AUTHORIZATION_ENDPOINT="idp.kommun.se/authorize")
    assert "OIDC_OP_AUTHORIZATION_ENDPOINT" in meddelande.msg


def test_every_missing_address_is_named_at_once():
    tomma = {k: "" for k in HELA if k.startswith("OIDC_OP_")}
    assert len(fel(**tomma)) == 4


def test_hs256_needs_no_jwks():
    assert fel(OIDC_RP_SIGN_ALGO="HS256", OIDC_OP_JWKS_ENDPOINT="") == []


def test_without_sign_on_nothing_is_asked():
    tomma = {k: "" for k in HELA if k.startswith("OIDC_OP_")}
    assert fel(OIDC_RP_CLIENT_ID="", **tomma) == []
