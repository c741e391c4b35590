"""Two-factor authentication (TOTP, django-otp) for everyone who signs in: every role sees
more than the public catalogue (identified data, or statistics and accounts).

The user sets it up at the first login: a QR code (or the secret typed into the app), one code
to confirm, and ten recovery codes shown once. After that every login asks for a code. The
systemadministratör can reset it (organisation.admin) with their own second factor; the reset
is recorded as a security event and the user is told.
"""

from __future__ import annotations

import base64
import io
import logging
from collections.abc import Callable
from typing import Any, cast

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login

from organisation.enheter import Autentiseringsapp, Reservkoder
from organisation.handelser import gjort_av_annan
from organisation.models import Anvandare, Sakerhetshandelse
from organisation.sessionsskydd import avsluta_alla_sessioner

# The open export with a key (uppfoljning/views_nycklar.py) reads no session and no user: a BI
# tool has no second factor to give. Nothing else under /api/ is open.
OPPNA_SIDOR = (
    "/logga-in/",
    "/logga-ut/",
    "/tvasteg/",
    "/static/",
    "/halsa/",
    "/api/publicerat/",
)


def verifierad(anvandare: Any) -> bool:
    """OTPMiddleware gives the user is_verified(); True once a code was given this session."""
    return bool(anvandare.is_verified())


def verifierad_begaran(request: HttpRequest) -> bool:
    """A second factor this session: a code here, or the identity provider's sign-on when it
    counted as one (organisation.oidc)."""
    from organisation.oidc import TVASTEG_VID_INLOGGNING

    return verifierad(request.user) or bool(request.session.get(TVASTEG_VID_INLOGGNING))


def kravs(anvandare: Any) -> bool:
    """Everyone signed in, whatever their roles (KRAV_TVASTEGSVERIFIERING=false only in the
    demo)."""
    return bool(settings.KRAV_TVASTEGSVERIFIERING) and bool(anvandare.is_authenticated)


def aterstall(anvandare: Anvandare, av: Anvandare) -> None:
    """Remove a user's second factor, so that they set up a new one at their next login:
    recorded, logged and told to the user (by e-mail when they have one, and on the page
    where they set up the new one)."""
    for modell in (Autentiseringsapp, Reservkoder):
        modell.objects.filter(user=anvandare).delete()
    # A session that had passed both steps would otherwise be sent to set up a new factor:
    # whoever held it (the lost phone's browser) could enrol their own.
    avsluta_alla_sessioner(
        anvandare.pk,
        skal="En systemadministratör återställde din tvåstegsverifiering. Logga in igen och "
        "lägg upp den på nytt.",
    )
    gjort_av_annan(
        anvandare,
        av,
        typ=Sakerhetshandelse.Typ.TVASTEG_ATERSTALLT,
        beskrivning=f"Återställd av {av.get_username()}",
        logg="Tvåstegsverifieringen återställd",
        amne="Din tvåstegsverifiering i IUB-registret har återställts",
        vad=f"Din tvåstegsverifiering i IUB-registret återställdes "
        f"{timezone.localtime():%Y-%m-%d %H:%M} av {av}. Nästa gång du loggar in ställer du "
        "in en ny kod i din autentiseringsapp.",
    )


def senaste_aterstallning(anvandare: Anvandare) -> Sakerhetshandelse | None:
    return (
        Sakerhetshandelse.objects.filter(
            anvandare=anvandare, typ=Sakerhetshandelse.Typ.TVASTEG_ATERSTALLT
        )
        .select_related("utford_av")
        .first()
    )


class KravTvastegsMiddleware:
    """Signed in with a password only, a user of those roles reaches nothing but this step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        anvandare = request.user
        if (
            anvandare.is_authenticated
            and not verifierad_begaran(request)
            and not request.path.startswith(OPPNA_SIDOR)
            and kravs(anvandare)
        ):
            # Encoded, so that a query of several parts comes back whole after the code.
            return redirect(f"{reverse('tvasteg')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class KodForm(forms.Form):
    kod = forms.CharField(
        label="Kod",
        max_length=24,  # a recovery code is 4 × 4 characters with dashes
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def _nasta(request: HttpRequest) -> str:
    nasta = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        nasta, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nasta
    return reverse("start")


def _reservkod_anvand(request: HttpRequest, enhet: Reservkoder) -> None:
    """A recovery code in use means the phone is gone (or the codes are): for the officer's
    log, and the user is told how many are left and what to do."""
    kvar = enhet.koder.count()
    logging.getLogger("iub.sakerhet").warning(
        "Reservkod använd vid inloggning av %s: %s kvar", request.user.get_username(), kvar
    )
    messages.warning(
        request,
        f"Du loggade in med en reservkod. {kvar} reservkoder återstår. Har du tappat bort "
        "telefonen med autentiseringsappen, be systemadministratören återställa "
        "tvåstegsverifieringen.",
    )


def _qr(url: str) -> str:
    bild = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffert = io.BytesIO()
    bild.save(buffert)
    return "data:image/svg+xml;base64," + base64.b64encode(buffert.getvalue()).decode()


def _vantetid(anvandare: Any) -> int:
    """Seconds until every device of the user tries a code again (django-otp doubles the wait
    after each wrong code: 1, 2, 4 … seconds); 0 when none waits. While one waits, even the
    right code is refused, so the user is told to wait rather than that the code is wrong."""
    nu, langst = timezone.now(), 0.0
    for enhet in devices_for_user(anvandare, confirmed=True):
        tillats, data = enhet.verify_is_allowed()
        if not tillats and data and data.get("locked_until"):
            langst = max(langst, (data["locked_until"] - nu).total_seconds())
    return int(langst) + 1 if langst > 0 else 0


@login_required
def tvasteg(request: HttpRequest) -> HttpResponse:
    anvandare = request.user
    if verifierad_begaran(request):
        return redirect(_nasta(request))
    form = KodForm(request.POST if request.method == "POST" else None)
    if user_has_device(anvandare):
        if request.method == "POST" and form.is_valid():
            vanta = _vantetid(anvandare)
            enhet = match_token(anvandare, form.cleaned_data["kod"].replace(" ", ""))
            if enhet is not None:
                otp_login(request, enhet)
                request.session.cycle_key()  # a new session key once both steps are done
                if isinstance(enhet, Reservkoder):
                    _reservkod_anvand(request, enhet)
                return redirect(_nasta(request))
            form.add_error(
                "kod",
                (
                    f"Koden prövades inte: för många koder i rad stämde inte. Vänta {vanta} "
                    f"sekund{'er' if vanta > 1 else ''}, ta sedan en ny kod från appen eller "
                    "använd en reservkod."
                )
                if vanta
                else "Koden stämmer inte. Ta en ny kod från appen eller använd en reservkod.",
            )
        return render(
            request, "organisation/tvasteg.html", {"form": form, "nasta": _nasta(request)}
        )
    enhet = Autentiseringsapp.objects.filter(user=anvandare, confirmed=False).first()
    if enhet is None:
        enhet = Autentiseringsapp.ny(anvandare)
        enhet.save()
    if request.method == "POST" and form.is_valid():
        if enhet.verify_token(form.cleaned_data["kod"].replace(" ", "")):
            enhet.confirmed = True
            enhet.save()
            Reservkoder.objects.filter(user=anvandare).delete()
            reserv = Reservkoder.objects.create(user=anvandare, name="Reservkoder")
            koder = reserv.skapa_koder()
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
            "aterstalld": senaste_aterstallning(cast(Anvandare, anvandare)),
        },
    )
