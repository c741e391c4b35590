"""Follow-up: the enhetschef's yearly follow-up, the verksamhetschef's overview and the
guideline follow-up, and the nämnd's report. Everything shown is de-identified and passed
through disclosure control."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from config.databasrouter import rapportlasning
from insatser.models import Insats
from organisation.behorighet import InloggadRequest, har_roll, kraver_roll, utforare_ids
from organisation.models import Anvandare, Roll
from uppfoljning import indikatorer, services
from uppfoljning.atkomst import far_skriva, hamta_insats, insatser_att_folja_upp
from uppfoljning.forms import ArsuppfoljningForm
from uppfoljning.indikatorer import Underlag
from uppfoljning.models import Arsuppfoljning
from uppfoljning.perioder import Period
from uppfoljning.rapport import bygg_rapport, som_rader
from uppfoljning.rojandeskydd import troskel

uppfoljare = kraver_roll(Roll.ENHETSCHEF, Roll.VERKSAMHETSCHEF)
rapportlasare = kraver_roll(Roll.VERKSAMHETSCHEF, Roll.NAMNDSEKRETERARE)
FORMAT = ("html", "pdf", "xlsx", "csv")


def _ar(text: str | None) -> int:
    period = Period.tolka(text or "")
    if text and (period is None or period.typ != "ar"):
        raise Http404
    return period.ar if period else timezone.localdate().year - 1


@uppfoljare
def index(request: InloggadRequest) -> HttpResponse:
    ar = _ar(request.GET.get("ar"))
    insatser = insatser_att_folja_upp(request.user).order_by("katalog__kommun", "ordning")
    status = {u.insats_id: u for u in Arsuppfoljning.objects.filter(ar=ar, insats__in=insatser)}
    return render(
        request,
        "uppfoljning/index.html",
        {
            "ar": ar,
            "ar_val": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
            "rader": [(i, status.get(i.pk)) for i in insatser],
            "verksamhetschef": har_roll(request.user, Roll.VERKSAMHETSCHEF),
            "halvar": [
                Period(timezone.localdate().year, "halvar", 1),
                Period(timezone.localdate().year - 1, "halvar", 2),
                Period(timezone.localdate().year - 1, "halvar", 1),
            ],
        },
    )


@uppfoljare
def arsuppfoljning(request: InloggadRequest, insats_pk: int, ar: int) -> HttpResponse:
    insats = hamta_insats(request.user, insats_pk)
    if not 2000 <= ar <= timezone.localdate().year:
        raise Http404
    uppfoljning = Arsuppfoljning.objects.filter(insats=insats, ar=ar).first() or Arsuppfoljning(
        insats=insats, ar=ar
    )
    signerad = uppfoljning.status == Arsuppfoljning.Status.SIGNERAD
    skriva = far_skriva(request.user, insats) and not signerad
    form = ArsuppfoljningForm(
        request.POST if request.method == "POST" and skriva else None, instance=uppfoljning
    )
    if request.method == "POST":
        if not skriva:
            raise Http404
        if form.is_valid():
            try:
                services.spara_arsuppfoljning(
                    uppfoljning=form.save(commit=False),
                    version=form.cleaned_data["version"],
                    signera="signera" in request.POST,
                    anvandare=request.user,
                )
            except services.SamtidigAndring:
                messages.error(
                    request,
                    "Uppföljningen har sparats av någon annan medan du "
                    "skrev. Öppna den igen; dina ändringar är inte sparade.",
                )
            except services.RegelBrott as e:
                for o in e.overtradelser:
                    form.add_error(o.falt, o.meddelande)
            else:
                messages.success(
                    request,
                    "Uppföljningen är signerad och låst."
                    if "signera" in request.POST
                    else "Uppföljningen är sparad.",
                )
                return redirect("uppfoljning:arsuppfoljning", insats.pk, ar)
    if signerad:
        underlag = Underlag(Period(ar), [insats.pk])
        figurer = uppfoljning.siffror
    else:
        # The three years once: the table's last year is the year the page breaks down.
        tre_ar = Underlag.flera(Period(ar).foregaende_ar(3), [insats.pk])
        underlag = tre_ar[-1]
        figurer = services.figurer(insats.pk, ar, tre_ar)
    siffror = underlag.siffror([insats.pk])
    return render(
        request,
        "uppfoljning/arsuppfoljning.html",
        {
            "insats": insats,
            "ar": ar,
            "u": uppfoljning,
            "form": form,
            "skriva": skriva,
            "figurer": figurer,
            "signerad": signerad,
            "kon_alder": None if signerad else indikatorer.kon_och_alder(underlag, [insats.pk]),
            "kon": indikatorer.KON,
            "aldersgrupper": indikatorer.ALDERSGRUPPER,
            "villkor": None
            if signerad
            else indikatorer.villkor_ej_uppfyllda(underlag, [insats.pk]),
            "kostnad": _kostnad(uppfoljning.kostnad, siffror),
        },
    )


def _kostnad(kostnad: int | None, siffror: dict[str, int]) -> dict[str, str] | None:
    """Cost per participant and per session, when both are large enough to show."""
    if not kostnad:
        return None
    tillfallen = (
        siffror.get("samtal", 0) + siffror.get("grupptraffar", 0) + siffror.get("oppningar", 0)
    )
    unika = siffror.get("unika", 0)

    def per(n: int) -> str:
        return f"{round(kostnad / n):,} kr".replace(",", " ") if n >= troskel() else "–"

    return {"per_deltagare": per(unika), "per_tillfalle": per(tillfallen)}


def att_gora(anvandare: Anvandare) -> list[tuple[Insats, int]]:
    """The enhetschef's reminder: last year's follow-ups of their insatser not yet signed."""
    if not har_roll(anvandare, Roll.ENHETSCHEF):
        return []
    ar = timezone.localdate().year - 1
    signerade = Arsuppfoljning.objects.filter(ar=ar, status=Arsuppfoljning.Status.SIGNERAD)
    insatser = (
        insatser_att_folja_upp(anvandare)
        .filter(utforare_id__in=utforare_ids(anvandare, Roll.ENHETSCHEF))
        .exclude(pk__in=signerade.values("insats_id"))
    )
    return [(i, ar) for i in insatser.order_by("namn")]


@kraver_roll(Roll.VERKSAMHETSCHEF)
def riktlinje(request: InloggadRequest, period: str) -> HttpResponse:
    """The twice-yearly follow-up of the whole guideline, across every insats."""
    halvar = Period.tolka(period)
    if halvar is None or halvar.typ != "halvar":
        raise Http404
    insatser = list(insatser_att_folja_upp(request.user).order_by("katalog__kommun", "ordning"))
    nycklar = [
        "kontakter",
        "unika",
        "samtal",
        "grupptraffar",
        "besok",
        "hanvisad_ansoka",
        "hanvisad_namnd",
    ]
    with rapportlasning():
        celler, totalt = indikatorer.skydda_over_insatser(
            Underlag(halvar), [i.pk for i in insatser], nycklar
        )
    uppfoljningar = {u.insats_id: u for u in Arsuppfoljning.objects.filter(ar=halvar.ar - 1)}
    rader = [(i, celler[i.pk], uppfoljningar.get(i.pk)) for i in insatser]
    return render(
        request,
        "uppfoljning/riktlinje.html",
        {"period": halvar, "rader": rader, "totalt": totalt, "foregaende_ar": halvar.ar - 1},
    )


@rapportlasare
def rapport(request: InloggadRequest, ar: int, format: str = "html") -> HttpResponse:
    if not 2000 <= ar <= timezone.localdate().year or format not in FORMAT:
        raise Http404
    with rapportlasning():
        r = bygg_rapport(ar)
    namn = f"iub-uppfoljning-{ar}"
    if format == "csv":
        buffert = io.StringIO()
        csv.writer(buffert, delimiter=";").writerows(_kalkylsakra(som_rader(r)))
        svar = HttpResponse("\ufeff" + buffert.getvalue(), content_type="text/csv; charset=utf-8")
    elif format == "xlsx":
        svar = HttpResponse(
            _xlsx(r),
            content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    elif format == "pdf":
        from weasyprint import HTML  # loaded on demand: it needs the Pango system library

        html = render_to_string(
            "uppfoljning/rapport_pdf.html",
            {"r": r, "kon": indikatorer.KON, "aldersgrupper": indikatorer.ALDERSGRUPPER},
            request=request,
        )
        svar = HttpResponse(
            HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(),
            content_type="application/pdf",
        )
    else:
        return render(
            request,
            "uppfoljning/rapport.html",
            {"r": r, "kon": indikatorer.KON, "aldersgrupper": indikatorer.ALDERSGRUPPER},
        )
    svar["Content-Disposition"] = f'attachment; filename="{namn}.{format}"'
    return svar


_TAL = re.compile(r"[+-]?[0-9][0-9 ,.]*%?")


def _kalkylsakra(rader: list[list[Any]]) -> list[list[Any]]:
    """A text a spreadsheet would read as a formula (= + - @, a tab or a carriage return
    first, as an insats named "=HYPERLINK(…)" could) gets a leading apostrophe; numbers such
    as "+12" or "-3 %" stay as they are."""
    return [
        [
            f"'{c}"
            if isinstance(c, str)
            and c[:1] in ("=", "+", "-", "@", "\t", "\r")
            and not _TAL.fullmatch(c)
            else c
            for c in rad
        ]
        for rad in rader
    ]


def _xlsx(r: object) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bok = Workbook()
    blad = bok.active
    assert blad is not None  # noqa: S101 - a new workbook has a sheet
    blad.title = "Indikatorer"
    for nr, rad in enumerate(_kalkylsakra(som_rader(r)), start=1):  # type: ignore[arg-type]
        blad.append(rad)
        if nr == 1:
            for cell in blad[1]:
                cell.font = Font(bold=True)
    blad.column_dimensions["A"].width = 40
    blad.column_dimensions["B"].width = 55
    buffert = io.BytesIO()
    bok.save(buffert)
    return buffert.getvalue()
