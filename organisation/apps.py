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
        checks.register(oidc_halvt_installd, checks.Tags.security)
        checks.register(oidc_i_klartext, checks.Tags.security)
        checks.register(oidc_klienthemlighet, checks.Tags.security)
        checks.register(oidc_roller, checks.Tags.security)
        checks.register(alla_vardar, checks.Tags.security, deploy=True)
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


#: Every address of the provider the register is told (README, the table of settings).
OIDC_ADRESSER = (
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
    "OIDC_OP_LOGOUT_ENDPOINT",
)


def oidc_halvt_installd(**kwargs: Any) -> list[checks.CheckMessage]:
    """A provider's setting without OIDC_RP_CLIENT_ID is a sign-on that is off while whoever
    set it believes it on (and a logout endpoint would still widen the CSP's form-action):
    refused, so that the configuration is either whole or absent."""
    if settings.OIDC_RP_CLIENT_ID:
        return []
    satta = [n for n in (*OIDC_ADRESSER, "OIDC_RP_CLIENT_SECRET") if getattr(settings, n, "")]
    if settings.OIDC_ROLLER:
        satta.append("OIDC_ROLLER")
    if not satta:
        return []
    return [
        checks.Error(
            f"{', '.join(satta)} är satt men inte OIDC_RP_CLIENT_ID: inloggningen via kommunens "
            "identitetsleverantör är avstängd.",
            hint="Sätt OIDC_RP_CLIENT_ID (README, Inloggning via kommunens "
            "identitetsleverantör) eller ta bort de andra OIDC-inställningarna.",
            id="iub.E002",
        )
    ]


def oidc_i_klartext(**kwargs: Any) -> list[checks.CheckMessage]:
    """Outside DEBUG every address of the provider is https: the back channel carries the
    client's secret and the tokens, the logout address the ID token as hint. The local demo
    (DEBUG) may use a provider on http://localhost."""
    if settings.DEBUG:
        return []
    return [
        checks.Error(
            f"{namn} är en adress utan https ({adress.scheme}://): klienthemligheten, "
            "tokenen och användarens uppgifter skulle gå okrypterade.",
            hint=f"Sätt {namn} till leverantörens https-adress.",
            id="iub.E003",
        )
        for namn in OIDC_ADRESSER
        if (adress := urlsplit(getattr(settings, namn, "") or "")).scheme == "http"
    ]


def oidc_klienthemlighet(**kwargs: Any) -> list[checks.CheckMessage]:
    """The register is a confidential client (README): without its secret the provider
    refuses every code exchange, and HS256 would have no key."""
    if not settings.OIDC_RP_CLIENT_ID or settings.OIDC_RP_CLIENT_SECRET:
        return []
    return [
        checks.Error(
            "OIDC_RP_CLIENT_ID är satt men inte OIDC_RP_CLIENT_SECRET: leverantören vägrar "
            "varje inloggning.",
            hint="Sätt OIDC_RP_CLIENT_SECRET till klientens hemlighet hos leverantören.",
            id="iub.E004",
        )
    ]


def oidc_roller(**kwargs: Any) -> list[checks.CheckMessage]:
    """Each entry of OIDC_ROLLER can be read, with the place a role needs: otherwise the
    first sign-on would fail (a 500) or silently give no role."""
    from django.core.exceptions import ImproperlyConfigured

    from organisation.oidc import rollpost

    fel: list[checks.CheckMessage] = []
    for post in settings.OIDC_ROLLER:
        try:
            rollpost(post)
        except ImproperlyConfigured as e:
            fel.append(
                checks.Error(
                    str(e),
                    hint="Roller: utforarpersonal och enhetschef @utförarens namn, "
                    "verksamhetschef och namndsekreterare @kommunens namn, "
                    "systemadministrator utan plats (README).",
                    id="iub.E005",
                )
            )
    return fel


def alla_vardar(**kwargs: Any) -> list[checks.CheckMessage]:
    """Outside DEBUG, ALLOWED_HOSTS names this host: "*" would let any Host header through,
    and the address the provider sends the browser back to after logout (and every other
    absolute address) is built from it."""
    if settings.DEBUG or "*" not in settings.ALLOWED_HOSTS:
        return []
    return [
        checks.Error(
            "ALLOWED_HOSTS innehåller *: vilken Host-rubrik som helst godtas.",
            hint="Sätt ALLOWED_HOSTS till registrets egna namn, t.ex. iub.kommun.se.",
            id="iub.E006",
        )
    ]
