"""Who may do what: the one place that answers role questions for views and templates.

A user who lacks the role gets 404, exactly as for a page that does not exist (DESIGN.md §4).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from organisation.models import Anvandare, Roll, Utforare


class InloggadRequest(HttpRequest):
    """A request behind kraver_roll: the user is signed in."""

    user: Anvandare


# One value other apps read with the signed-in user, in the same query: name → SQL of a
# scalar without parameters, registered by the app at start (`las_med_anvandaren`). Every
# staff request loads the user, so this is one round trip less for each such value
# (bench/RESULTS.md, fifteenth session: the catalogue's token).
MED_ANVANDAREN: dict[str, str] = {}


def _med_behorigheter_sql() -> str:
    extra = "".join(f", ({sql}) AS iub_med_{namn}" for namn, sql in MED_ANVANDAREN.items())
    return (
        "SELECT a.*, b.roll AS iub_roll, b.utforare_id AS iub_utforare, "  # noqa: S608
        f"b.kommun_id AS iub_kommun{extra} "
        "FROM organisation_anvandare a LEFT JOIN organisation_behorighet b "
        "ON b.anvandare_id = a.id WHERE a.id = %s ORDER BY b.id"
    )


def las_med_anvandaren(namn: str, sql: str) -> None:
    """Have `sql` (one value, a constant query) read with the user on every request."""
    MED_ANVANDAREN[namn] = sql


def last_med_anvandaren(anvandare: Any, namn: str) -> tuple[bool, Any]:
    """(True, the value) if `namn` was read with this user object in this request."""
    lasta: dict[str, Any] | None = getattr(anvandare, "_iub_med", None)
    if lasta is None or namn not in lasta:
        return False, None
    return True, lasta[namn]


def med_behorigheter(pk: Any) -> Anvandare | None:
    """The signed-in user and their roles in one query, a row per role (a LEFT JOIN, so a user
    without roles is one row of NULLs): every staff request needs both, and this is the query
    the session's user is loaded with (`Inloggning.get_user`)."""
    # Written in SQL: building it with the ORM (a join, three annotations) cost more Python
    # than the query it saves (bench/profil.py).
    try:
        nummer = int(pk)  # the session's user id; what is not one is nobody, as in ModelBackend
    except (TypeError, ValueError):
        return None
    rader: list[Any] = list(Anvandare.objects.raw(_med_behorigheter_sql(), [nummer]))
    if not rader:
        return None
    anvandare: Anvandare = rader[0]
    anvandare._iub_behorigheter = [  # type: ignore[attr-defined]
        (r.iub_roll, r.iub_utforare, r.iub_kommun) for r in rader if r.iub_roll is not None
    ]
    anvandare._iub_med = {  # type: ignore[attr-defined]
        namn: getattr(anvandare, f"iub_med_{namn}") for namn in MED_ANVANDAREN
    }
    return anvandare


class MedBehorigheter:
    """Mixin for an authentication backend: the session's user is read with their roles (see
    `med_behorigheter`), and a deactivated account is nobody."""

    def get_user(self, user_id: Any) -> Anvandare | None:
        anvandare = med_behorigheter(user_id)
        return anvandare if anvandare is not None and anvandare.is_active else None


class Inloggning(MedBehorigheter, ModelBackend):
    """Username and password (Django's ModelBackend), the user read with their roles."""


def _behorigheter(user: Any) -> list[tuple[str, int | None, int | None]]:
    """The user's (role, utförare, municipality) triples, read once per request and kept on
    the user object (by the authentication backend, which reads them with the user)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached: list[tuple[str, int | None, int | None]] | None = getattr(
        user, "_iub_behorigheter", None
    )
    if cached is None:
        cached = list(user.behorigheter.values_list("roll", "utforare_id", "kommun_id"))
        user._iub_behorigheter = cached
    return cached


def roller(user: Any) -> set[str]:
    """The roles a user holds anywhere."""
    return {roll for roll, _, _ in _behorigheter(user)}


def har_roll(user: Any, *krav: str) -> bool:
    return bool(roller(user) & set(krav))


def utforare_ids(user: Any, *krav: str) -> list[int]:
    """The ids of the utförare at which the user holds one of the given roles. Filter large
    tables by these (`utforare_id__in=`), literals rather than a subquery, so that the planner
    can use their indexes."""
    return sorted({u for roll, u, _ in _behorigheter(user) if roll in krav and u is not None})


def kommun_ids(user: Any, *krav: str) -> list[int]:
    """The ids of the municipalities in which the user holds one of the given roles (the
    nämnd's side: verksamhetschef, nämndsekreterare). Everything those roles see is filtered
    by these: another municipality's catalogue, insats or report is not found."""
    return sorted({k for roll, _, k in _behorigheter(user) if roll in krav and k is not None})


def utforare_for(user: Any, *krav: str) -> QuerySet[Utforare]:
    """The utförare at which the user holds one of the given roles."""
    return Utforare.objects.filter(pk__in=utforare_ids(user, *krav))


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
