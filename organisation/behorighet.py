"""Who may do what: the one place that answers role questions for views and templates.

A user who lacks the role gets 404, exactly as for a page that does not exist (DESIGN.md §4).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from organisation.models import Anvandare, Roll, Utforare


class InloggadRequest(HttpRequest):
    """A request behind kraver_roll: the user is signed in."""

    user: Anvandare


def roller(user: Any) -> set[str]:
    """The roles a user holds anywhere (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached: set[str] | None = getattr(user, "_iub_roller", None)
    if cached is None:
        cached = set(user.behorigheter.values_list("roll", flat=True))
        user._iub_roller = cached
    return cached


def har_roll(user: Any, *krav: str) -> bool:
    return bool(roller(user) & set(krav))


def utforare_for(user: Any, *krav: str) -> QuerySet[Utforare]:
    """The utförare at which the user holds one of the given roles."""
    if not roller(user):
        return Utforare.objects.none()
    return Utforare.objects.filter(
        behorigheter__anvandare=user, behorigheter__roll__in=krav
    ).distinct()


def kraver_roll(
    *krav: Roll,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """View decorator: log in first; then the role, or 404."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not har_roll(request.user, *krav):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
