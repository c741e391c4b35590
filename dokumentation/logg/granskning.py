"""Loggkontroll: the enhetschef reviews who read identified data at their utförare. The log
itself is append-only; the monthly review flags what deserves a closer look, and the review is
logged in its turn."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dokumentation.journal.models import Journalanteckning
from dokumentation.logg.models import Atkomstlogg, Logggranskning
from dokumentation.tillfallen.models import Tillfalle
from organisation.behorighet import InloggadRequest, kraver_roll, utforare_for, utforare_ids
from organisation.models import Anvandare, Roll, Utforare

enhetschef = kraver_roll(Roll.ENHETSCHEF)
MASSLASNING = 20  # distinct participations read by one user in one day
ARBETSTID = (datetime.time(7, 0), datetime.time(18, 0))
VISA_HOGST = 500  # flagged rows shown on the page; the count and the record cover them all


def mina_loggar(anvandare: Anvandare) -> QuerySet[Atkomstlogg]:
    return Atkomstlogg.objects.filter(utforare_id__in=utforare_ids(anvandare, Roll.ENHETSCHEF))


class LoggFilter(forms.Form):
    anvandare = forms.ModelChoiceField(
        queryset=Anvandare.objects.none(), required=False, label="Användare", empty_label="Alla"
    )
    handling = forms.ChoiceField(
        required=False, label="Handling", choices=[("", "Alla"), *Atkomstlogg.Handling.choices]
    )
    fran = forms.DateField(
        required=False, label="Från", widget=forms.DateInput(attrs={"type": "date"})
    )
    till = forms.DateField(
        required=False, label="Till och med", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, loggar: QuerySet[Atkomstlogg], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["anvandare"].queryset = Anvandare.objects.filter(  # type: ignore[attr-defined]
            pk__in=loggar.values("anvandare_id")
        ).order_by("last_name", "first_name")


@enhetschef
def logg(request: InloggadRequest) -> HttpResponse:
    loggar = mina_loggar(request.user)
    form = LoggFilter(request.GET or None, loggar=loggar)
    rader = loggar.select_related("anvandare", "deltagande__insats")
    if form.is_valid():
        d = form.cleaned_data
        if d["anvandare"]:
            rader = rader.filter(anvandare=d["anvandare"])
        if d["handling"]:
            rader = rader.filter(handling=d["handling"])
        if d["fran"]:
            rader = rader.filter(tidpunkt__date__gte=d["fran"])
        if d["till"]:
            rader = rader.filter(tidpunkt__date__lte=d["till"])
    manader = senaste_manader(timezone.localdate(), 6)
    return render(
        request,
        "dokumentation/logg.html",
        {
            "form": form,
            "rader": rader[:500],
            "manader": manader,
            "granskningar": Logggranskning.objects.filter(
                utforare_id__in=utforare_ids(request.user, Roll.ENHETSCHEF), kommun__isnull=True
            ).select_related("granskare")[:12],
        },
    )


def spara_en_gang(granskning: Logggranskning) -> bool:
    """Saves a review unless the same reviewer has recorded the very same one (a double
    click, a second tab): the caller locks the rows it is for (the utförare, the
    municipality) while it looks. A new read since, or a review by another, is a new one."""
    falt = [
        "granskare_id",
        "utforare_id",
        "kommun_id",
        "manad",
        "flaggade",
        "visade",
        "egna_undantagna",
        "personalens",
    ]
    if Logggranskning.objects.filter(**{f: getattr(granskning, f) for f in falt}).exists():
        return False
    granskning.save()
    return True


def senaste_manader(idag: datetime.date, antal: int) -> list[datetime.date]:
    """The first days of the months before this one, the one just ended first."""
    manader = []
    manad = idag.replace(day=1)
    for _ in range(antal):
        manad = (manad - datetime.timedelta(days=1)).replace(day=1)
        manader.append(manad)
    return manader


@dataclass
class Flagga:
    post: Atkomstlogg
    skal: list[str] = field(default_factory=list)


def granska(loggar: QuerySet[Atkomstlogg], manad: datetime.date) -> list[Flagga]:
    """The month's reads that deserve a closer look, each with its reasons."""
    slut = (manad + datetime.timedelta(days=32)).replace(day=1)
    poster = loggar.filter(tidpunkt__date__gte=manad, tidpunkt__date__lt=slut).select_related(
        "anvandare", "deltagande__person", "deltagande__kontakt", "deltagande__insats"
    )
    egen = (
        Q(deltagande__kontakt__registrerad_av=OuterRef("anvandare"))
        | Exists(
            Tillfalle.objects.filter(
                deltagande=OuterRef("deltagande"), personal=OuterRef("anvandare")
            )
        )
        | Exists(
            Journalanteckning.objects.filter(
                deltagande=OuterRef("deltagande"), signerad_av=OuterRef("anvandare")
            )
        )
    )
    poster = poster.annotate(
        eget=Exists(Atkomstlogg.objects.filter(pk=OuterRef("pk")).filter(egen))
    )
    massa = {
        (r["anvandare_id"], r["tidpunkt__date"])
        for r in poster.values("anvandare_id", "tidpunkt__date")
        .annotate(antal=Count("deltagande_id", distinct=True))
        .filter(antal__gt=MASSLASNING)
    }
    zon = ZoneInfo(settings.TIME_ZONE)
    flaggor = []
    for post in poster.order_by("tidpunkt"):
        skal = []
        if post.handling == Atkomstlogg.Handling.LASA and not post.eget:
            skal.append("Läsning utanför egna deltaganden")
        person = post.deltagande.person
        if person is not None and person.skyddad_identitet:
            skal.append("Skyddad identitet")
        if (post.anvandare_id, post.tidpunkt.date()) in massa:
            skal.append(f"Fler än {MASSLASNING} deltaganden samma dag")
        lokal = post.tidpunkt.astimezone(zon)
        if lokal.weekday() >= 5 or not ARBETSTID[0] <= lokal.time() < ARBETSTID[1]:
            skal.append("Utanför arbetstid")
        if skal:
            flaggor.append(Flagga(post, skal))
    return flaggor


def manaden(ar: int, manad: int) -> datetime.date:
    """The first day of a month that has begun, or 404."""
    if not 1 <= manad <= 12 or not 2000 <= ar <= timezone.localdate().year:
        raise Http404
    forsta = datetime.date(ar, manad, 1)
    if forsta > timezone.localdate():
        raise Http404
    return forsta


@enhetschef
def granskning(request: InloggadRequest, ar: int, manad: int) -> HttpResponse:
    forsta = manaden(ar, manad)
    utforare: list[Utforare] = list(utforare_for(request.user, Roll.ENHETSCHEF))
    alla = granska(mina_loggar(request.user), forsta)
    # Nobody reviews their own reads: those wait for another enhetschef of the utförare, and
    # for the verksamhetschef of the municipality (dokumentation/logg/chefer.py).
    egna = [f for f in alla if f.post.anvandare_id == request.user.pk]
    flaggor = [f for f in alla if f.post.anvandare_id != request.user.pk]
    if request.method == "POST":
        # Recorded only when the enhetschef says so: a link or a prefetch records nothing.
        # The review keeps which flagged rows were shown, so what was approved can be checked.
        with transaction.atomic():
            nya = 0
            for u in Utforare.objects.select_for_update().filter(pk__in=[u.pk for u in utforare]):
                visade = [f.post.pk for f in flaggor[:VISA_HOGST] if f.post.utforare_id == u.pk]
                nya += spara_en_gang(
                    Logggranskning(
                        granskare=request.user,
                        utforare=u,
                        manad=forsta,
                        flaggade=sum(1 for f in flaggor if f.post.utforare_id == u.pk),
                        visade=visade,
                        egna_undantagna=sum(1 for f in egna if f.post.utforare_id == u.pk),
                    )
                )
        messages.success(
            request,
            f"Granskningen av {forsta:%Y-%m} är registrerad."
            if nya
            else f"Granskningen av {forsta:%Y-%m} var redan registrerad.",
        )
        return redirect("dokumentation:granskning", ar, manad)
    return render(
        request,
        "dokumentation/logggranskning.html",
        {
            "manad": forsta,
            "flaggor": flaggor,
            "visade": flaggor[:VISA_HOGST],
            "egna": egna,
            "utforare": utforare,
            "antal": mina_loggar(request.user)
            .filter(
                tidpunkt__date__gte=forsta,
                tidpunkt__date__lt=(forsta + datetime.timedelta(days=32)).replace(day=1),
            )
            .count(),
        },
    )
