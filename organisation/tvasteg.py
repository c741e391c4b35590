"""Two-factor authentication (TOTP, django-otp) for every role that can read identified data.

The user sets it up at the first login: a QR code (or the secret typed into the app), one code
to confirm, and ten recovery codes shown once. After that every login asks for a code. The
systemadministratör can reset it (organisation.admin). Single sign-on with the municipality's
IdP (OIDC) would replace the password step in config/urls.py; this middleware stays.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from typing import Any

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation.behorighet import har_roll
from organisation.models import Roll

ROLLER_MED_IDENTIFIERADE_UPPGIFTER = (Roll.UTFORARPERSONAL, Roll.ENHETSCHEF)
OPPNA_SIDOR = ("/logga-in/", "/logga-ut/", "/tvasteg/", "/static/", "/halsa/")


def verifierad(anvandare: Any) -> bool:
    """OTPMiddleware gives the user is_verified(); True once a code was given this session."""
    return bool(anvandare.is_verified())


def kravs(anvandare: Any) -> bool:
    return bool(settings.KRAV_TVASTEGSVERIFIERING) and har_roll(
        anvandare, *ROLLER_MED_IDENTIFIERADE_UPPGIFTER
    )


class KravTvastegsMiddleware:
    """Signed in with a password only, a user of those roles reaches nothing but this step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        anvandare = request.user
        if (
            anvandare.is_authenticated
            and not verifierad(anvandare)
            and not request.path.startswith(OPPNA_SIDOR)
            and kravs(anvandare)
        ):
            return redirect(f"{reverse('tvasteg')}?next={request.get_full_path()}")
        return self.get_response(request)


class KodForm(forms.Form):
    kod = forms.CharField(
        label="Kod",
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _nasta(request: HttpRequest) -> str:
    nasta = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        nasta, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nasta
    return reverse("start")


def _qr(url: str) -> str:
    bild = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffert = io.BytesIO()
    bild.save(buffert)
    return "data:image/svg+xml;base64," + base64.b64encode(buffert.getvalue()).decode()


@login_required
def tvasteg(request: HttpRequest) -> HttpResponse:
    anvandare = request.user
    if verifierad(anvandare):
        return redirect(_nasta(request))
    form = KodForm(request.POST if request.method == "POST" else None)
    if user_has_device(anvandare):
        if request.method == "POST" and form.is_valid():
            enhet = match_token(anvandare, form.cleaned_data["kod"].replace(" ", ""))
            if enhet is not None:
                otp_login(request, enhet)
                request.session.cycle_key()  # a new session key once both steps are done
                return redirect(_nasta(request))
            form.add_error(
                "kod", "Koden stämmer inte. Ta en ny kod från appen eller använd en reservkod."
            )
        return render(
            request, "organisation/tvasteg.html", {"form": form, "nasta": _nasta(request)}
        )
    enhet, _ = TOTPDevice.objects.get_or_create(
        user=anvandare, confirmed=False, defaults={"name": "Autentiseringsapp"}
    )
    if request.method == "POST" and form.is_valid():
        if enhet.verify_token(form.cleaned_data["kod"].replace(" ", "")):
            enhet.confirmed = True
            enhet.save()
            reserv = StaticDevice.objects.create(user=anvandare, name="Reservkoder")
            koder = [StaticToken.random_token() for _ in range(10)]
            StaticToken.objects.bulk_create(StaticToken(device=reserv, token=k) for k in koder)
            otp_login(request, enhet)
            request.session.cycle_key()
            return render(
                request, "organisation/reservkoder.html", {"koder": koder, "nasta": _nasta(request)}
            )
        form.add_error(
            "kod",
            "Koden stämmer inte. Kontrollera att appen visar tiden rätt och försök med nästa kod.",
        )
    return render(
        request,
        "organisation/tvasteg_installera.html",
        {
            "form": form,
            "qr": _qr(enhet.config_url),
            "nasta": _nasta(request),
            "hemlighet": base64.b32encode(enhet.bin_key).decode(),
        },
    )
