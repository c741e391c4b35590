"""Settings of the identity provider the tests start (django-oauth-toolkit), read by
config/settings.py when OIDC_TESTLEVERANTOR is set; no import of the provider here, as the
settings are read before the apps are loaded."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _nyckel() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    nyckel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return nyckel.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def installningar() -> dict[str, Any]:
    return {
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": _nyckel(),
        "PKCE_REQUIRED": True,
        "SCOPES": {"openid": "OpenID Connect", "email": "E-post", "profile": "Profil"},
        "OAUTH2_VALIDATOR_CLASS": "tests.oidc.Validator",
        # Its end_session_endpoint (/o/logout/), without a page asking to confirm.
        "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
        # One issuer, as a real provider has (the test client and the live server differ).
        "OIDC_ISS_ENDPOINT": "http://testserver/o",
        "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    }
