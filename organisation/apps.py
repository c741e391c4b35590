from typing import Any
from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.core import checks


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = "Organisation"

    def ready(self) -> None:
        checks.register(totp_nycklar, checks.Tags.security, deploy=True)
        checks.register(oidc_adresser, checks.Tags.security)
        from organisation import oidc  # noqa: F401 - the second factor of a sign-on


def totp_nycklar(**kwargs: Any) -> list[checks.CheckMessage]:
    """In production the TOTP secrets' key is its own secret, not derived from SECRET_KEY."""
    if settings.TOTP_NYCKLAR_SATTA:
        return []
    return [
        checks.Warning(
            "TOTP_NYCKLAR är inte satt: nyckeln som krypterar TOTP-hemligheterna härleds ur "
            "SECRET_KEY.",
            hint="Skapa en Fernet-nyckel (se README, Drift i produktion) och sätt TOTP_NYCKLAR.",
            id="iub.W001",
        )
    ]


def oidc_adresser(**kwargs: Any) -> list[checks.CheckMessage]:
    """Sign-on is on (OIDC_RP_CLIENT_ID set) only with every address of the provider that a
    sign-in and its silent renewal go through: without them the renewal sends the browser to
    nowhere and back, in a loop, at every page. JWKS only for a key pair (RS256, ES256...);
    HS256 signs with the client's secret."""
    if not settings.OIDC_RP_CLIENT_ID:
        return []
    behovs = ["OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT"]
    if not settings.OIDC_RP_SIGN_ALGO.upper().startswith("HS"):
        behovs.append("OIDC_OP_JWKS_ENDPOINT")
    fel: list[checks.CheckMessage] = []
    for namn in behovs:
        adress = urlsplit(getattr(settings, namn, "") or "")
        if adress.scheme in ("http", "https") and adress.netloc:
            continue
        fel.append(
            checks.Error(
                f"Inloggning via kommunens identitetsleverantör är på (OIDC_RP_CLIENT_ID är "
                f"satt) men {namn} saknas eller är ingen fullständig adress: inloggningen och "
                "den tysta förnyelsen skulle skicka användarna runt i en ändlös slinga.",
                hint=f"Sätt {namn} till leverantörens adress ur dess "
                "/.well-known/openid-configuration (README, Inloggning via kommunens "
                "identitetsleverantör), eller ta bort OIDC_RP_CLIENT_ID för att stänga av "
                "inloggningen via leverantören.",
                id="iub.E001",
            )
        )
    return fel
