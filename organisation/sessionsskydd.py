"""What a browser keeps of a page with personal data, and how long a sign-in lasts."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

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
                return redirect_to_login(request.get_full_path())
        svar = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(svar, no_store=True, private=True)
        return svar
