"""What every answer of the application has in common, whoever asks and whatever is asked."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.cache import patch_cache_control

# Every view answers these and no other: a form is sent by POST, everything else is read by
# GET (HEAD for the same without a body). PUT, OPTIONS and the like were answered as a GET
# by the function views, and a form view's read was logged as a change.
METODER = ("GET", "HEAD", "POST")


class SvarMiddleware:
    """Outermost but for Django's SecurityMiddleware, so it sees every answer: the static
    files, the error pages and the 404 of the open export too.

    - `Cross-Origin-Resource-Policy: same-origin`: no other site may load a page, a file or an
      image of ours into its own (Django sends Cross-Origin-Opener-Policy itself).
    - An error (4xx, 5xx) and the answer to a POST are never cached: a not-found, a refused
      or a broken request has the same cache headers signed in or not, at /api/ or not, and
      a redirect after a form is never replayed from a cache.
    - A method no view answers is 405 before any view runs.
    - A HEAD is answered without Content-Length: no body is sent, and the length of a page
      with a person on it would tell something of her; a HEAD is not logged as a sight
      (dokumentation.logg.atkomst.logga_visade)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in METODER:
            svar: HttpResponse = HttpResponseNotAllowed(METODER)
        else:
            svar = self.get_response(request)
        svar.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.method == "HEAD" and svar.has_header("Content-Length"):
            del svar["Content-Length"]
        if svar.status_code >= 400 or request.method == "POST":
            patch_cache_control(svar, no_store=True, private=True)
        return svar
