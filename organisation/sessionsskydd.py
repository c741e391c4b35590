"""What a browser keeps of a page with personal data, and how long a sign-in lasts."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.models import Session
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

INLOGGAD = "iub_inloggad"


class SessionsskyddMiddleware:
    """Every response to a signed-in user is marked `Cache-Control: no-store, private`, so
    no page with personal data stays in a browser's or a proxy's cache. A sign-in ends after
    SESSION_ABSOLUT_TIMMAR hours whatever the activity, besides the idle timeout."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            borjade = request.session.setdefault(INLOGGAD, time.time())
            if time.time() - borjade > settings.SESSION_ABSOLUT_TIMMAR * 3600:
                logout(request)
                if request.method != "POST":
                    return redirect_to_login(request.get_full_path())
                # A form posted at the limit goes on, signed out: the view sends the user to
                # sign in, and keeps what was typed first (organisation/sparat_arbete.py).
        svar = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(svar, no_store=True, private=True)
        return svar


#: In a session that was signed out from elsewhere: why, said once at its next request.
UTLOGGAD = "iub_utloggad"


def avsluta_alla_sessioner(
    anvandare_id: int, *, utom: str | None = None, skal: str = "Dina inloggningar avslutades."
) -> int:
    """Sign the user out everywhere, now: every live session of theirs (but the session
    `utom`, the one asking) loses its sign-in and keeps only `skal`, so that whoever uses it
    next is told "Du har loggats ut" and why (`UtloggadMiddleware`), not just sent to sign in.
    For what does not change the password (whose change ends the sessions by itself), such as
    a reset second factor or "Logga ut överallt". Reads each live session once; there are as
    many as people signed in."""
    egna = [s.pk for s in _levande(anvandare_id) if s.pk != utom]
    Session.objects.filter(pk__in=egna).update(
        session_data=Session.objects.encode({UTLOGGAD: skal})
    )
    return len(egna)


class UtloggadMiddleware:
    """A session signed out from elsewhere says so at its next request, with why (after
    MessageMiddleware: the message follows the redirect to the sign-in page)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and UTLOGGAD in request.session:
            messages.warning(request, f"Du har loggats ut. {request.session.pop(UTLOGGAD)}")
        return self.get_response(request)


def antal_sessioner(anvandare_id: int) -> int:
    return sum(1 for _ in _levande(anvandare_id))


def _levande(anvandare_id: int) -> Iterator[Session]:
    for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if s.get_decoded().get(SESSION_KEY) == str(anvandare_id):
            yield s


def kvar(request: HttpRequest) -> tuple[int, int]:
    """Seconds left of this sign-in: until the idle timeout (each request restarts it), and
    until the absolute limit."""
    borjade = request.session.get(INLOGGAD, time.time())
    absolut = settings.SESSION_ABSOLUT_TIMMAR * 3600 - (time.time() - borjade)
    return settings.SESSION_COOKIE_AGE, max(0, int(absolut))


def slutar(request: HttpRequest) -> datetime.datetime:
    """When the sign-in ends if the user does nothing more, in local time."""
    return timezone.localtime() + datetime.timedelta(seconds=min(kvar(request)))


@login_required
@require_POST
def forlang(request: HttpRequest) -> HttpResponse:
    """ "Fortsätt vara inloggad": any request restarts the idle timeout
    (SESSION_SAVE_EVERY_REQUEST); this one does nothing else. The page's script asks for JSON;
    a plain form goes back where it came from."""
    if request.headers.get("Accept", "").startswith("application/json"):
        inaktiv, absolut = kvar(request)
        return JsonResponse(
            {"kvar": inaktiv, "absolut_kvar": absolut, "slutar": f"{slutar(request):%H:%M}"}
        )
    nasta = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        nasta, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        nasta = "start"
    return redirect(nasta)
