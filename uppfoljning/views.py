"""Follow-up: the enhetschef's yearly follow-up, the verksamhetschef's overview and the
guideline follow-up, and the nämnd's report. Everything shown is de-identified and passed
through disclosure control."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from insatser.models import Insats, Katalog
from organisation.behorighet import InloggadRequest, har_roll, kraver_roll, utforare_ids
from organisation.models import Anvandare, Roll
from organisation.sparat_arbete import aterstallt, sparar_arbete
from uppfoljning import indikatorer, publicerat, publicering, rapportcache, services
from uppfoljning.atkomst import far_skriva, hamta_insats, insatser_att_folja_upp, kataloger
from uppfoljning.forms import ArsuppfoljningForm, NamndrapportForm, RiktlinjeuppfoljningForm
from uppfoljning.kalkylblad import _kalkylsakra, arbetsbok
from uppfoljning.matt import KAT, karens, publiceras
from uppfoljning.models import (
    Arsuppfoljning,
    Folkmangd,
    Namndrapport,
    Publicering,
    Rapportfil,
    Riktlinjeuppfoljning,
)
from uppfoljning.paminnelser import forsenade_i
from uppfoljning.perioder import Period
from uppfoljning.rapport import Rapport, bygg_rapport, som_rader
from uppfoljning.tillampliga import fordelning_tillamplig, tillampliga
from uppfoljning.views_nycklar import exportfil

uppfoljare = kraver_roll(Roll.ENHETSCHEF, Roll.VERKSAMHETSCHEF)
rapportlasare = kraver_roll(Roll.VERKSAMHETSCHEF, Roll.NAMNDSEKRETERARE)
FORMAT = ("html", "pdf", "xlsx", "csv")
#: Tagged PDF for universal accessibility: board papers are published (lag 2018:1937).
PDF_VARIANT = "pdf/ua-1"


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
    verksamhetschef = har_roll(request.user, Roll.VERKSAMHETSCHEF)
    publicerade = (
        {
            kod
            for p in Publicering.objects.filter(
                katalog__in=kataloger(request.user, Roll.VERKSAMHETSCHEF)
            ).values_list("perioder", flat=True)
            for kod in p
        }
        if verksamhetschef
        else set()
    )
    return render(
        request,
        "uppfoljning/index.html",
        {
            "ar": ar,
            "ar_val": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
            "rader": [(i, status.get(i.pk)) for i in insatser],
            "verksamhetschef": verksamhetschef,
            "delperioder": _publicerade_delperioder(publicerade),
            "ar_publicerat": str(ar) in publicerade,
            "publiceras": publiceras(Period(ar)),
            "forsenade": forsenade(request.user),
        },
    )


def _publicerade_delperioder(koder: set[str]) -> list[Period]:
    """The latest published sub-periods, newest first."""
    delar = (Period.tolka(k) for k in koder if "-" in k)
    return sorted((p for p in delar if p is not None), reverse=True)[:6]


def _spara(request: InloggadRequest, form: Any, spara: Callable[..., object], vad: str) -> bool:
    """Save (or sign, with the button "signera") a follow-up form, as both the yearly and the
    guideline follow-up do: someone else's save meanwhile, or a rule, is told; True when
    saved."""
    signera = "signera" in request.POST
    try:
        spara(
            uppfoljning=form.save(commit=False),
            version=form.cleaned_data["version"],
            signera=signera,
            anvandare=request.user,
        )
    except services.SamtidigAndring:
        messages.error(
            request,
            f"{vad} har sparats av någon annan medan du skrev. Öppna den igen; dina "
            "ändringar är inte sparade.",
        )
    except services.RegelBrott as e:
        for o in e.overtradelser:
            form.add_error(o.falt, o.meddelande)
    else:
        messages.success(
            request, f"{vad} är signerad och låst." if signera else f"{vad} är sparad."
        )
        return True
    return False


@sparar_arbete()
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
    # What was posted, or what the enhetschef wrote before the sign-in ended (shown filled
    # in, not saved: organisation.sparat_arbete).
    data = request.POST if request.method == "POST" else aterstallt(request)
    form = ArsuppfoljningForm(data if skriva else None, instance=uppfoljning)
    if request.method == "POST":
        if not skriva:
            raise Http404
        if form.is_valid():
            if _spara(request, form, services.spara_arsuppfoljning, "Uppföljningen"):
                return redirect("uppfoljning:arsuppfoljning", insats.pk, ar)
        else:
            # The rules the save would run, on what was valid, so that every message shows
            # at once (a negative cost and the fields signing needs, on the first try).
            for o in services.arsuppfoljningens_fel(
                form.cleaned_data, signera="signera" in request.POST
            ):
                if o.falt not in form.errors:
                    form.add_error(o.falt, o.meddelande)
    kolumn = str(ar)
    pub = publicerat.Publicerat(
        insats.katalog, kolumner=[str(ar - 2), str(ar - 1), kolumn], insats=insats.pk
    )
    figurer, utelamnade = tillampliga(
        (uppfoljning.siffror or {}) if signerad else services.figurer(insats, ar, pub), insats
    )
    publicerad = pub.publicerad(kolumn)
    besok = publicerat.kon_och_alder(pub, "besok", insats.pk, kolumn) if publicerad else None
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
            "utelamnade": utelamnade,
            "signerad": signerad,
            "publicerad": publicerad,
            "publiceras": publiceras(Period(ar)),
            "kon_alder": publicerat.kon_och_alder(pub, "kontakter", insats.pk, kolumn)
            if publicerad
            else None,
            "besok": besok if fordelning_tillamplig("besok", insats, besok) else None,
            "social": publicerat.social(pub, insats.pk, kolumn),
            "villkor": publicerat.villkor(pub, insats.pk, kolumn),
            "kon": indikatorer.KON,
            "aldersgrupper": indikatorer.ALDERSGRUPPER,
            "kostnad": publicerat.kostnad(uppfoljning.kostnad, pub, insats.pk, kolumn),
        },
    )


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


def forsenade(
    anvandare: Anvandare, idag: datetime.date | None = None
) -> list[tuple[Insats, int, Arsuppfoljning | None]]:
    """The verksamhetschef's overview: yearly follow-ups past their deadline (31 March the
    year after) and not signed, of every insats of their municipality published for the
    year (the last three years)."""
    if not har_roll(anvandare, Roll.VERKSAMHETSCHEF):
        return []
    return forsenade_i(kataloger(anvandare, Roll.VERKSAMHETSCHEF), idag or timezone.localdate())


def _katalog(request: InloggadRequest, *roller: Roll) -> Katalog:
    """The municipality a report is about: `?kommun=<slug>`, or the user's only (first) one;
    never one where the user holds none of the roles."""
    mina = kataloger(request.user, *roller)
    katalog = (
        mina.filter(slug=request.GET["kommun"]).first()
        if request.GET.get("kommun")
        else mina.order_by("pk").first()
    )
    if katalog is None:
        raise Http404
    return katalog


@sparar_arbete()
@kraver_roll(Roll.VERKSAMHETSCHEF)
def riktlinje(request: InloggadRequest, period: str) -> HttpResponse:
    """The follow-up of the whole guideline per sub-period, across every insats: as
    published, with what was registered late into earlier periods."""
    delperiod = Period.tolka(period)
    if delperiod is None or delperiod.typ == "ar":
        raise Http404
    katalog = _katalog(request, Roll.VERKSAMHETSCHEF)
    pub = publicerat.Publicerat(katalog, kolumner=[delperiod.kod])
    if pub.publicerad(delperiod.kod) is None:
        raise Http404
    insatser = list(
        insatser_att_folja_upp(request.user).filter(katalog=katalog).order_by("ordning")
    )
    nycklar = [
        "kontakter",
        "unika",
        "tillfallen",
        "samtal",
        "grupptraffar",
        "oppningar",
        "besok",
        "hanvisad_ansoka",
        "hanvisad_namnd",
    ]

    def celler(enhet: str | int) -> dict[str, Any]:
        return {n: pub.cell(n, enhet, delperiod.kod) for n in nycklar}

    uppfoljningar = {
        u.insats_id: u
        for u in Arsuppfoljning.objects.filter(ar=delperiod.ar - 1, insats__katalog=katalog)
    }
    rader = [(i, celler(i.pk), uppfoljningar.get(i.pk)) for i in insatser]
    text = Riktlinjeuppfoljning.objects.filter(
        katalog=katalog, period=delperiod.kod
    ).first() or Riktlinjeuppfoljning(katalog=katalog, period=delperiod.kod)
    signerad = text.status == Riktlinjeuppfoljning.Status.SIGNERAD
    data = request.POST if request.method == "POST" else aterstallt(request)
    form = RiktlinjeuppfoljningForm(None if signerad else data, instance=text)
    if request.method == "POST":
        if signerad:
            raise Http404
        if form.is_valid() and _spara(
            request, form, services.spara_riktlinjeuppfoljning, "Uppföljningen av riktlinjen"
        ):
            adress = reverse("uppfoljning:riktlinje", args=[delperiod.kod])
            if request.GET.get("kommun"):
                adress += f"?kommun={katalog.slug}"
            return redirect(adress)
    return render(
        request,
        "uppfoljning/riktlinje.html",
        {
            "period": delperiod,
            "katalog": katalog,
            "publicering": pub.publicerad(delperiod.kod),
            "rader": rader,
            "totalt": celler(KAT),
            "foregaende_ar": delperiod.ar - 1,
            "revisioner": publicerat.revisionstabell(
                pub, [("Hela katalogen", KAT), *((i.namn, i.pk) for i in insatser)], delperiod.kod
            ),
            "revisionsmatt": publicerat.revisionsmatt(),
            "text": text,
            "signerad": signerad,
            "form": form,
        },
    )


@kraver_roll(Roll.VERKSAMHETSCHEF)
def publiceringar(request: InloggadRequest) -> HttpResponse:
    """Which periods are published, when, and when the next one will be."""
    idag = timezone.localdate()
    per_katalog = []
    for k in kataloger(request.user, Roll.VERKSAMHETSCHEF).order_by("kommun"):
        lista = list(k.publiceringar.order_by("-slut"))
        dolda = publicerat.dolda(lista)  # as stored, never the audit's own tally
        rader = [(p, *dolda[p.pk]) for p in lista]
        per_katalog.append((k, rader, publicering.nasta(k, idag)))
    return render(
        request,
        "uppfoljning/publiceringar.html",
        {"kataloger": per_katalog, "karens": karens().days},
    )


@rapportlasare
def rapport(request: InloggadRequest, ar: int, format: str = "html") -> HttpResponse:
    """The board paper of a published year. The secretary or the verksamhetschef fills in
    its cover, summary and the population on the page (POST); the files are read-only."""
    if not 2000 <= ar <= timezone.localdate().year or format not in FORMAT:
        raise Http404
    if request.method == "POST" and format != "html":
        raise Http404
    katalog = _katalog(request, Roll.VERKSAMHETSCHEF, Roll.NAMNDSEKRETERARE)
    fraga = f"?kommun={katalog.slug}" if request.GET.get("kommun") else ""
    if format == "html":
        # The page's own part (the cover form) is made for each request; the report itself
        # is kept (uppfoljning/rapportcache.py).
        innehall = rapportcache.hamta(
            rapportcache.nyckel(katalog, ar, "html"),
            lambda: _innehall(bygg_rapport(katalog, ar)),
        )
        if innehall is None:
            raise Http404
        return _rapportsida(request, katalog, ar, innehall, fraga)
    if request.method == "POST":
        raise Http404

    def fil() -> bytes | str | None:
        r = bygg_rapport(katalog, ar)
        if r is None:
            return None
        if format == "csv":
            buffert = io.StringIO()
            csv.writer(buffert, delimiter=";").writerows(_kalkylsakra(som_rader(r)))
            return "\ufeff" + buffert.getvalue()
        if format == "xlsx":
            return arbetsbok(r)
        return _pdf(request, r)

    innehallet = rapportcache.hamta(rapportcache.nyckel(katalog, ar, format), fil)
    if innehallet is None:
        raise Http404
    svar = HttpResponse(innehallet, content_type=FILTYP[format])
    svar["Content-Disposition"] = (
        f'attachment; filename="iub-uppfoljning-{katalog.slug}-{ar}.{format}"'
    )
    return svar


FILTYP = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _innehall(r: Rapport | None) -> str | None:
    if r is None:
        return None
    return render_to_string(
        "uppfoljning/_rapport_innehall.html",
        {"r": r, "kon": indikatorer.KON, "aldersgrupper": indikatorer.ALDERSGRUPPER},
    )


def _rapportsida(
    request: InloggadRequest, katalog: Katalog, rapportar: int, innehall: str, fraga: str
) -> HttpResponse:
    uppgifter = Namndrapport.objects.filter(katalog=katalog, ar=rapportar).first() or Namndrapport(
        katalog=katalog, ar=rapportar
    )
    ar = [rapportar - 2, rapportar - 1, rapportar]
    folk = dict(
        Folkmangd.objects.filter(kommun_id=katalog.kommunen_id, ar__in=ar).values_list(
            "ar", "invanare"
        )
    )
    form = NamndrapportForm(
        request.POST if request.method == "POST" else None,
        instance=uppgifter,
        folkmangd={a: folk.get(a) for a in ar},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.spara_namndrapport(
                uppgifter=form.save(commit=False),
                version=form.cleaned_data["version"],
                folkmangd={a: form.cleaned_data[f"folkmangd_{a}"] for a in ar},
            )
        except services.SamtidigAndring:
            messages.error(
                request,
                "Uppgifterna har sparats av någon annan medan du skrev. Öppna sidan igen; "
                "dina ändringar är inte sparade.",
            )
        except services.RegelBrott as e:
            for o in e.overtradelser:
                form.add_error(o.falt, o.meddelande)
        else:
            messages.success(request, "Uppgifterna till rapporten är sparade.")
            return redirect(reverse("uppfoljning:rapport", args=[rapportar]) + fraga)
    return render(
        request,
        "uppfoljning/rapport.html",
        {
            "ar": rapportar,
            "innehall": mark_safe(innehall),  # noqa: S308 - our own template's output
            "form": form,
            "oppen": request.method == "POST",
            "fraga": fraga,
        },
    )


def _pdf(request: InloggadRequest, r: Rapport) -> bytes:
    """The tagged PDF (PDF/UA-1), stored keyed on the page it is rendered from: the
    publication is frozen and signed follow-ups never change, so the same page is the same
    PDF and the second download costs no rendering (12–16 s for a large catalogue)."""
    html = render_to_string(
        "uppfoljning/rapport_pdf.html",
        {"r": r, "kon": indikatorer.KON, "aldersgrupper": indikatorer.ALDERSGRUPPER},
    )
    nyckel = hashlib.sha256(f"{PDF_VARIANT}\n{html}".encode()).hexdigest()
    sparad = Rapportfil.objects.filter(nyckel=nyckel).values_list("pdf", flat=True).first()
    if sparad is not None:
        return bytes(sparad)
    pdf = pdf_av(html, base_url=request.build_absolute_uri("/"))
    with transaction.atomic():
        # The report's earlier renderings (before a follow-up was signed, or the cover
        # changed) are of no more use.
        Rapportfil.objects.filter(katalog=r.katalog, ar=r.ar).exclude(nyckel=nyckel).delete()
        Rapportfil.objects.get_or_create(
            nyckel=nyckel, defaults={"katalog": r.katalog, "ar": r.ar, "pdf": pdf}
        )
    return pdf


def pdf_av(html: str, *, base_url: str) -> bytes:
    """The report's HTML as a tagged PDF. WeasyPrint fetches nothing from a network or a
    file: the report needs no resource, and a text in it can never make the server read a
    local file or reach an internal address (only data: URLs are read)."""
    from weasyprint import HTML, URLFetcher  # on demand: it needs the Pango system library

    hamtare = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    pdf = HTML(string=html, base_url=base_url, url_fetcher=hamtare).write_pdf(
        pdf_variant=PDF_VARIANT
    )
    assert pdf is not None  # noqa: S101 - no target given: the bytes are returned
    return bytes(pdf)


@rapportlasare
def oppen_export(request: InloggadRequest, format: str) -> HttpResponse:
    """Every published cell of the municipality in long format (docs/export.md), for
    national statistics, Kolada or the municipality's BI."""
    if format not in ("csv", "json"):
        raise Http404
    return exportfil(_katalog(request, Roll.VERKSAMHETSCHEF, Roll.NAMNDSEKRETERARE), format)
