from typing import Any

from django.conf import settings
from django.http import HttpRequest

from organisation.behorighet import roller as anvandarens_roller
from organisation.sessionsskydd import kvar, slutar


def roller(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user's roles, so the menu shows only what they may open."""
    return {"roller": anvandarens_roller(request.user)}


def sessionen(request: HttpRequest) -> dict[str, Any]:
    """When the sign-in ends, for the page header and the warning before the idle timeout."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    inaktiv, absolut = kvar(request)
    nar = slutar(request)
    return {
        "sessionen": {
            "kvar": inaktiv,
            "absolut_kvar": absolut,
            "slutar": nar,
            # As the filters date:"c" and time:"H:i" would write it, without their format
            # lookups (organisation.ram keeps the page around them, with these as text).
            "slutar_iso": nar.isoformat(),
            "klockan": f"{nar:%H:%M}",
            "varning": min(settings.SESSION_VARNING_SEKUNDER, inaktiv),
            # The script writes the clock in the register's zone, not the browser's.
            "tidszon": settings.TIME_ZONE,
        },
        "sparat_arbete_minuter": settings.SPARAT_ARBETE_MINUTER,
    }
