from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = "Organisation"

    def ready(self) -> None:
        checks.register(totp_nycklar, checks.Tags.security, deploy=True)
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
