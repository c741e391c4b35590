from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views import defaults

from dokumentation.kontakter.views import startuppgifter
from insatser.models import Insats
from insatser.services import verkstall_om_dags
from organisation.behorighet import InloggadRequest, roller, utforare_for, utforare_ids
from organisation.models import Roll
from uppfoljning.atkomst import publicerade_perioder
from uppfoljning.views import att_gora


@login_required
def start(request: InloggadRequest) -> HttpResponse:
    """Each role's way in: what this user may open, and nothing else. It lives beside the URLs
    because it gathers from every app, which none of the apps may do."""
    # The insatser listed are those in force today: a decision taking effect today first.
    verkstall_om_dags()
    egna_utforare = utforare_for(request.user, Roll.UTFORARPERSONAL, Roll.ENHETSCHEF)
    har_roll = roller(request.user)
    return render(
        request,
        "organisation/start.html",
        {
            "mina_roller": request.user.behorigheter.select_related("utforare", "kommun"),
            "utforare": egna_utforare.prefetch_related(
                Prefetch("insatser", queryset=Insats.objects.publicerade().order_by("namn"))
            ),
            "har_roll": har_roll,
            **(
                startuppgifter(request)
                if utforare_ids(request.user, Roll.UTFORARPERSONAL, Roll.ENHETSCHEF)
                else {}
            ),
            "uppfoljningar_att_gora": att_gora(request.user),
            "rapportar": timezone.localdate().year - 1,
            # The secretary's and verksamhetschef's way to every report, not only last year's.
            "publicerade": publicerade_perioder(request.user)
            if {Roll.NAMNDSEKRETERARE, Roll.VERKSAMHETSCHEF} & har_roll
            else [],
        },
    )


def halsa(request: HttpRequest) -> HttpResponse:
    """For the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as markor:
            markor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("databasen svarar inte", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def csrf_fel(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form that had expired or came from elsewhere, said in Swedish, with
    the way back; nothing was saved."""
    return render(request, "403_csrf.html", status=403)


# Paths that never read the session (the open export, a key in a header): their not-found
# page is one page, whoever asks.
UTAN_SESSION = ("/api/",)


def sida_saknas(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 page, except under UTAN_SESSION: there it is rendered without the request,
    so a signed-in browser gets the same bytes as a signed-out one (no menu, no name, no
    flash messages taken from the session) and not-found says nothing about who asks."""
    if request.path.startswith(UTAN_SESSION):
        return HttpResponseNotFound(render_to_string("404.html"))
    return defaults.page_not_found(request, exception)
