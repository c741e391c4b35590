"""How many failed logins django-axes allows (AXES_FAILURE_LIMIT names `grans`), and from
which address they came (AXES_CLIENT_IP_CALLABLE names `klientadress`).

Password spraying is stopped without letting anyone lock a colleague out: a username is
locked only from the address the failures came from (after INLOGGNING_SPARR_PER_KONTO), and
an address is locked for every username after many failures across usernames
(INLOGGNING_SPARR_PER_ADRESS), never a username alone. Axes counts both (its
AXES_LOCKOUT_PARAMETERS) against one limit; this gives the lower limit once the username has
reached it at that address, else the higher one.

A success (a sign-in, the right current password at a password change) clears that
username's failures from that address and nothing else (`nollstall`, `Hanterare`): axes's own
reset deletes every failure from the address, so whoever holds one account could sign in
between rounds of guessing at colleagues' passwords and never meet the address's limit."""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def grans(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    per_konto = int(settings.INLOGGNING_SPARR_PER_KONTO)
    misslyckade = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=getattr(request, "axes_ip_address", None),
    ).aggregate(n=Sum("failures_since_start"))["n"]
    if (misslyckade or 0) >= per_konto:
        return per_konto
    return int(settings.INLOGGNING_SPARR_PER_ADRESS)


def klientadress(request: HttpRequest) -> str | None:
    """The client's address behind PROXY_ANTAL reverse proxies of the municipality's own.

    Each of them appends the address it received the request from to X-Forwarded-For, so the
    client is the PROXY_ANTAL-th address from the right; whatever a client writes into the
    header itself stands to the left of it and is never read. With no proxies (or a header
    shorter than the chain, or not an address) it is REMOTE_ADDR. django-ipware's own
    resolution guesses from which addresses are publicly routable, which a municipality's
    internal network defeats, so axes is given this rule instead."""
    antal = int(settings.PROXY_ANTAL)
    adresser = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    adresser = [a for a in adresser if a]
    if antal and len(adresser) >= antal:
        kandidat = adresser[-antal]
        try:
            return str(ipaddress.ip_address(kandidat))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR")


def nollstall(request: HttpRequest, anvandarnamn: str) -> int:
    """Clears the username's failures from the request's address (after a success)."""
    antal, _ = AccessAttempt.objects.filter(
        username=anvandarnamn, ip_address=getattr(request, "axes_ip_address", None)
    ).delete()
    return int(antal)


class Hanterare(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes's database handler (AXES_HANDLER), whose reset at a successful sign-in clears
    only that username's failures from that address."""

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        return nollstall(request, get_client_username(request, credentials))
