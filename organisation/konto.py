"""Each user's own account (changing the password) and the periodic review of accounts and
roles that the information-security officer asks of the systemadministratör."""

from __future__ import annotations

import csv
import datetime
import io
import logging
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone

from grund.kalkyl import kalkylsaker
from organisation.behorighet import InloggadRequest, kraver_roll
from organisation.inloggningsgrans import nollstall
from organisation.models import (
    Anvandare,
    Autentiseringsapp,
    Behorighet,
    Roll,
    Sakerhetshandelse,
)
from organisation.sessionsskydd import antal_sessioner, avsluta_alla_sessioner


class LosenordForm(PasswordChangeForm):
    """Django's form (the old password, then the new twice through the password validators),
    with the messages in Swedish.

    The current password is checked through `authenticate`, as at the sign-in, so django-axes
    counts a wrong one and applies the sign-in's lockout (the same counter: a username from
    one address, an address across usernames; organisation/inloggningsgrans.py). A stolen
    session cannot guess the password here any faster than at the sign-in page, and the
    lockout answers with the sign-in's page (AxesMiddleware). The right one clears that
    username's failures from that address, as a sign-in does."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Det nuvarande lösenordet är fel.",
        "password_mismatch": "De två nya lösenorden är inte lika.",
    }

    def __init__(self, user: Any, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        gammalt: str = self.cleaned_data["old_password"]
        namn = self.user.get_username()
        ratt = authenticate(self.request, username=namn, password=gammalt)
        if ratt is None or ratt.pk != self.user.pk:
            logging.getLogger("iub.sakerhet").warning(
                "Fel nuvarande lösenord vid lösenordsbyte för %s%s",
                namn,
                " (spärrad)" if getattr(self.request, "axes_locked_out", False) else "",
            )
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        # A success, as at the sign-in: that username's failures from this address are cleared.
        nollstall(self.request, namn)
        return gammalt


class BytLosenord(auth_views.PasswordChangeView):
    """The new password ends every other session of the user (Django's session hash); this
    one continues. Recorded as a security event."""

    form_class = LosenordForm
    template_name = "organisation/losenord.html"
    success_url = reverse_lazy("start")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form: Any) -> HttpResponse:
        svar = super().form_valid(form)
        anvandare = cast(Anvandare, self.request.user)
        Sakerhetshandelse.objects.create(
            typ=Sakerhetshandelse.Typ.LOSENORD_BYTT, anvandare=anvandare, utford_av=anvandare
        )
        messages.success(self.request, "Lösenordet är bytt. Dina andra inloggningar är avslutade.")
        return svar


@login_required
def inloggningar(request: HttpRequest) -> HttpResponse:
    """ "Logga ut överallt": the user ends every other session of theirs (a computer left
    signed in, a stolen one); this one continues. A security event when any was ended."""
    anvandare = cast(Anvandare, request.user)
    if request.method == "POST":
        antal = avsluta_alla_sessioner(
            anvandare.pk,
            utom=request.session.session_key,
            skal=f"Du valde ”Logga ut överallt utom här” i en annan webbläsare "
            f"{timezone.localtime():%Y-%m-%d %H:%M}. Logga in igen för att fortsätta.",
        )
        if antal:
            Sakerhetshandelse.objects.create(
                typ=Sakerhetshandelse.Typ.SESSIONER_AVSLUTADE,
                anvandare=anvandare,
                utford_av=anvandare,
                beskrivning=f"{antal} andra inloggningar avslutade av användaren själv",
            )
            logging.getLogger("iub.sakerhet").warning(
                "Inloggningar avslutade av %s själv: %s", anvandare.get_username(), antal
            )
        messages.success(
            request,
            f"Dina andra inloggningar är avslutade ({antal})."
            if antal
            else "Du var inte inloggad någon annanstans.",
        )
        return redirect("inloggningar")
    andra = antal_sessioner(anvandare.pk) - 1
    return render(request, "organisation/inloggningar.html", {"andra": max(0, andra)})


@dataclass
class Kontorad:
    anvandare: Anvandare
    roller: list[str]
    senast: datetime.datetime | None
    tvasteg: bool
    oanvant: bool


def _oanvant(anvandare: Anvandare, nu: datetime.datetime) -> bool:
    gans = datetime.timedelta(days=int(settings.KONTO_OANVANT_DAGAR))
    senast = anvandare.last_login or anvandare.date_joined
    return nu - senast > gans


@kraver_roll(Roll.SYSTEMADMINISTRATOR)
def kontogranskning(request: InloggadRequest, format: str = "html") -> HttpResponse:
    """Who has which role where, when they last signed in, whether they have a second factor,
    and which accounts have not been used for KONTO_OANVANT_DAGAR days: a page and a CSV."""
    nu = timezone.now()
    anvandare = list(
        Anvandare.objects.order_by("username")
        .prefetch_related(
            Prefetch(
                "behorigheter",
                queryset=Behorighet.objects.select_related("utforare", "kommun"),
            )
        )
        .annotate(
            tvasteg=Exists(Autentiseringsapp.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
    )
    rader = [
        Kontorad(
            anvandare=a,
            roller=[str(b) for b in a.behorigheter.all()],
            senast=a.last_login,
            tvasteg=bool(getattr(a, "tvasteg", False)),
            oanvant=a.is_active and _oanvant(a, nu),
        )
        for a in anvandare
    ]
    if format == "csv":
        buffert = io.StringIO()
        skrivare = csv.writer(buffert, delimiter=";")
        skrivare.writerow(
            [
                "Användarnamn",
                "Namn",
                "Aktiv",
                "Behörigheter",
                "Senast inloggad",
                "Tvåsteg",
                f"Oanvänt {settings.KONTO_OANVANT_DAGAR} dagar",
            ]
        )
        for r in rader:
            a = r.anvandare
            # A name comes from the identity provider or the admin: never run as a formula.
            skrivare.writerow(
                [
                    kalkylsaker(c)
                    for c in (
                        a.username,
                        a.get_full_name(),
                        "ja" if a.is_active else "nej",
                        ", ".join(r.roller) or "–",
                        f"{timezone.localtime(r.senast):%Y-%m-%d %H:%M}" if r.senast else "aldrig",
                        "ja" if r.tvasteg else "nej",
                        "ja" if r.oanvant else "nej",
                    )
                ]
            )
        svar = HttpResponse("\ufeff" + buffert.getvalue(), content_type="text/csv; charset=utf-8")
        svar["Content-Disposition"] = (
            f'attachment; filename="kontogranskning-{timezone.localdate():%Y-%m-%d}.csv"'
        )
        return svar
    return render(
        request,
        "organisation/kontogranskning.html",
        {"rader": rader, "dagar": settings.KONTO_OANVANT_DAGAR, "idag": timezone.localdate()},
    )
