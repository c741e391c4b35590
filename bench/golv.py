"""The floor of the load benchmark: the least a registration can cost in this stack.

The same middleware (sessions, CSRF, authentication, security headers), the same database
connection handling, and one INSERT of a contact, with no form, no rules, no villkor answers
and no template. The application's registration is compared with this in the same run.
"""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dokumentation.kontakter.models import Kontakt


@require_POST
def golv(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    Kontakt.objects.create(
        insats_id=int(request.POST["insats"]),
        utforare_id=int(request.POST["utforare"]),
        datum=timezone.localdate(),
        kanal="pa_plats",
        aldersgrupp="25-44",
        kon="kvinna",
        utfall="avbojde",
        informerad_11_6=True,
        registrerad_av_id=request.user.pk,
        inlamningsnyckel=uuid.uuid4(),
    )
    return HttpResponse(status=204)
