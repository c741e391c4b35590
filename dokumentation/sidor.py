"""What the staff pages share: who may open them, reading a POST, saying what was saved, and
asking before saving a record just like one saved a moment ago."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, Protocol

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import QueryDict
from django.utils import timezone
from django.utils.crypto import salted_hmac

from dokumentation.gemensamt import redan_sparad
from dokumentation.logg.atkomst import logga_visade
from dokumentation.logg.models import Atkomstlogg
from organisation.behorighet import InloggadRequest, kraver_roll
from organisation.models import Roll
from organisation.sparat_arbete import aterstallt

personal = kraver_roll(Roll.UTFORARPERSONAL, Roll.ENHETSCHEF)

# The session's list of what this user saved the last LIKADAN_MINUTER minutes: a keyed hash
# of each form's values (never the values: a personnummer or a note stays out of the
# session), its one-time key, when, and where to see it.
LIKADAN = "iub_likadan"
# The button "Ja, spara en till" sends this.
SPARA_EN_TILL = "spara_en_till"


def heltal(varde: str) -> bool:
    """A tampered id ("²", "1e9", "") is simply not one."""
    return varde.isascii() and varde.isdigit() and len(varde) < 19


def post(request: InloggadRequest) -> QueryDict | None:
    """The form's data: what was posted, or what the user typed before their sign-in ended
    and gets back now (organisation.sparat_arbete), shown filled in but not saved."""
    return request.POST if request.method == "POST" else aterstallt(request)


def _avtryck(request: InloggadRequest, form: forms.BaseForm) -> str:
    """The form's values and where it was posted (which insats, participation or round),
    without its one-time key: what Back + Save sends again with a new key. Worked out once per
    form: `likadan` asks, `sparat` remembers."""
    kept: str | None = getattr(form, "_avtryck", None)
    if kept is not None:
        return kept
    varden = sorted(
        (namn, f"{v._meta.label}:{v.pk}" if hasattr(v, "_meta") else str(v))
        for namn, v in form.cleaned_data.items()
        if namn not in ("nyckel", SPARA_EN_TILL)
    )
    avtryck = salted_hmac(
        "dokumentation.sidor.likadan", f"{request.path}\n{varden!r}", algorithm="sha256"
    ).hexdigest()
    form._avtryck = avtryck  # type: ignore[attr-defined]
    return avtryck


def _senaste(request: InloggadRequest) -> list[dict[str, Any]]:
    grans = time.time() - settings.LIKADAN_MINUTER * 60
    return [p for p in request.session.get(LIKADAN, []) if p["tid"] > grans]


def likadan(request: InloggadRequest, form: forms.BaseForm) -> bool:
    """Back + Save: the browser fetched a fresh form (Cache-Control: no-store) with a new
    one-time key, so the save would be a second record. When this user saved one with the
    same values a few minutes ago, the form asks "spara en till?" instead (form.likadan, shown
    by _fel.html) – two identical anonymous walk-ins are legitimate, so the user decides. The
    same form sent again (the same key) is not asked about: it is "Redan sparad" (en_gang)."""
    if request.POST.get(SPARA_EN_TILL):
        return False
    avtryck = _avtryck(request, form)
    nyckel = str(form.cleaned_data.get("nyckel"))
    for sparad in _senaste(request):
        if sparad["avtryck"] == avtryck and sparad["nyckel"] != nyckel:
            form.likadan = sparad  # type: ignore[attr-defined]
            return True
    return False


def sparat(
    request: InloggadRequest,
    post: object,
    vad: str,
    klart: str,
    *,
    form: forms.BaseForm | None = None,
    url: str = "",
) -> None:
    """Tell what was saved, or – when the same form came again – that it already was: `vad`
    names it ("samtalet"), `klart` says it was saved ("Samtalet är registrerat."). With the
    form, what was saved is remembered for `likadan`; `url` shows it."""
    if redan_sparad(post):
        messages.info(request, f"Redan sparad: {vad} sparades när du skickade första gången.")
        return
    messages.success(request, klart)
    if form is not None:
        request.session[LIKADAN] = [
            *_senaste(request)[-19:],
            {
                "avtryck": _avtryck(request, form),
                "nyckel": str(form.cleaned_data.get("nyckel")),
                "tid": time.time(),
                "klockan": f"{timezone.localtime():%H:%M}",
                "vad": vad,
                "url": url,
            },
        ]


class Avslutade(Protocol):
    """What ending several participations at once gives back (a round's, the quiet ones)."""

    @property
    def avslutade(self) -> Sequence[Any]: ...

    def kvitto(self) -> str: ...


def kvittera_avslut(request: InloggadRequest, avslut: Avslutade, logg: str) -> None:
    """What a page that ends several participations at once says afterwards: "Redan sparad" for
    the same page sent again; otherwise each ended participation that is identified goes to
    the access log as a change (`logg`), and the receipt says how many were ended."""
    if redan_sparad(avslut):
        messages.info(
            request, "Redan sparad: deltagandena avslutades när du skickade första gången."
        )
        return
    logga_visade(request, avslut.avslutade, logg, handling=Atkomstlogg.Handling.ANDRA)
    messages.success(request, avslut.kvitto())
