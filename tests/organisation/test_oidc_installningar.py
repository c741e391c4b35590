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

#: The provider's addresses sign-on needs (the logout address is optional).
ADRESSER = [k for k in HELA if k.startswith("OIDC_OP_")]


def fel(**installningar):
    with override_settings(**{**HELA, **installningar}):
        return [m for m in run_checks() if m.id == "iub.E001"]


def test_a_complete_configuration_passes():
    assert fel() == []


@pytest.mark.parametrize("namn", ADRESSER)
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


# The rest of the sign-on configuration: what is half set, or sent in clear, is refused at
# start too (README, "Inloggning via kommunens identitetsleverantör").


def alla_fel(**installningar):
    with override_settings(**{"OIDC_RP_CLIENT_SECRET": "hemligt", **HELA, **installningar}):
        return [m for m in run_checks() if m.id.startswith("iub.E")]


def test_the_complete_configuration_has_no_error_at_all():
    assert alla_fel() == []
    assert alla_fel(OIDC_OP_LOGOUT_ENDPOINT="https://idp.kommun.se/logout") == []


@pytest.mark.parametrize("namn", [*ADRESSER, "OIDC_OP_LOGOUT_ENDPOINT", "OIDC_RP_CLIENT_SECRET"])
def test_a_providers_setting_without_a_client_id_is_an_error(namn):
    tomma = {k: "" for k in HELA if k.startswith("OIDC_OP_")}
    satt = {"OIDC_RP_CLIENT_ID": "", "OIDC_RP_CLIENT_SECRET": "", **tomma}
    (meddelande,) = alla_fel(**{**satt, namn: "https://idp.kommun.se/x"})
    assert meddelande.id == "iub.E002" and meddelande.is_serious()
    assert namn in meddelande.msg and "OIDC_RP_CLIENT_ID" in meddelande.msg


def test_roles_from_groups_without_a_client_id_is_an_error():
    tomma = {k: "" for k in HELA if k.startswith("OIDC_OP_")}
    (meddelande,) = alla_fel(
        OIDC_RP_CLIENT_ID="",
        OIDC_RP_CLIENT_SECRET="",
        OIDC_ROLLER=["g=systemadministrator"],
        **tomma,
    )
    assert meddelande.id == "iub.E002" and "OIDC_ROLLER" in meddelande.msg


@pytest.mark.parametrize("namn", [*ADRESSER, "OIDC_OP_LOGOUT_ENDPOINT"])
def test_an_address_in_clear_is_an_error_outside_debug(namn):
    adress = "http://idp.kommun.se/x"
    with override_settings(DEBUG=False):
        (meddelande,) = alla_fel(**{namn: adress})
    assert meddelande.id == "iub.E003" and namn in meddelande.msg and "https" in meddelande.hint
    with override_settings(DEBUG=True):
        assert alla_fel(**{namn: adress}) == []  # the local demo against a local provider


def test_a_client_without_its_secret_is_an_error():
    (meddelande,) = alla_fel(OIDC_RP_CLIENT_SECRET="")
    assert meddelande.id == "iub.E004" and "OIDC_RP_CLIENT_SECRET" in meddelande.msg


@pytest.mark.parametrize(
    "post",
    [
        "bara-en-grupp",
        "g=ingen_roll",
        "=systemadministrator",
        "g=utforarpersonal",  # staff of which utförare?
        "g=namndsekreterare",  # of which municipality?
    ],
)
def test_a_role_mapping_that_cannot_be_read_is_an_error_at_start(post):
    fel = alla_fel(OIDC_ROLLER=["g1=systemadministrator", post])
    assert [m.id for m in fel] == ["iub.E005"]
    assert repr(post) in fel[0].msg


def test_role_mappings_that_can_be_read_pass():
    roller = [
        "iub-admin=systemadministrator",
        "iub-fc=utforarpersonal@Familjecentralen",
        "iub-ec=enhetschef@Familjecentralen",
        "iub-vc=verksamhetschef@Sala",
        "iub-sek=namndsekreterare@Sala",
    ]
    assert alla_fel(OIDC_ROLLER=roller) == []
