from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from organisation.behorighet import InloggadRequest, roller, utforare_for
from organisation.models import Roll


@login_required
def start(request: InloggadRequest) -> HttpResponse:
    """Each role's way in: what this user may open, and nothing else. It lives beside the URLs
    because it gathers from every app, which none of the apps may do."""
    return render(
        request,
        "organisation/start.html",
        {
            "mina_roller": request.user.behorigheter.select_related("utforare"),
            "utforare": utforare_for(
                request.user, Roll.UTFORARPERSONAL, Roll.ENHETSCHEF
            ).prefetch_related("insatser"),
            "har_roll": roller(request.user),
        },
    )
