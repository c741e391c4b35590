"""Correcting and voiding: the list of what one may correct, a record's correction form, the
voiding page, a record's history and the enhetschef's list of every correction."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from dokumentation.deltagande.models import Deltagande
from dokumentation.gemensamt import redan_sparad
from dokumentation.kontakter.models import Kontakt
from dokumentation.logg.atkomst import logga, mina_utforare_ids
from dokumentation.logg.models import Atkomstlogg
from dokumentation.rattelser import services
from dokumentation.rattelser.forms import DatumForm, MakuleringForm, RattelseForm
from dokumentation.rattelser.models import Post, Rattelse
from dokumentation.sidor import personal, post
from dokumentation.tillfallen.models import Tillfalle
from insatser.forms import lagg_till_fel
from insatser.models import Insats
from insatser.services import RegelBrott
from organisation.behorighet import InloggadRequest, kraver_roll, utforare_ids
from organisation.models import Anvandare, Roll

MODELL = {Post.KONTAKT: Kontakt, Post.DELTAGANDE: Deltagande, Post.TILLFALLE: Tillfalle}


def _hamta(request: InloggadRequest, post_: str, pk: int) -> Kontakt | Deltagande | Tillfalle:
    """The record, if the user may correct it; otherwise 404, as for one that does not exist."""
    modell = MODELL.get(post_)  # type: ignore[call-overload]
    if modell is None:
        raise Http404
    objekt = (
        modell.objects.select_related("insats", "utforare")
        .filter(pk=pk, utforare_id__in=mina_utforare_ids(request.user))
        .first()
    )
    if objekt is None or not services.far_ratta(request.user, objekt):
        raise Http404
    return objekt  # type: ignore[no-any-return]


def _deltagandet(objekt: Kontakt | Deltagande | Tillfalle) -> Deltagande | None:
    if isinstance(objekt, Deltagande):
        return objekt
    if isinstance(objekt, Tillfalle):
        return objekt.deltagande
    return Deltagande.objects.filter(kontakt=objekt).first()


def _logga(request: InloggadRequest, objekt: object, handling: str, vad: str) -> None:
    """A participation documented under 14 kap. 3 § is identified data, also on these pages,
    which never show the name: each sight and change is logged."""
    d = _deltagandet(objekt)  # type: ignore[arg-type]
    if d is not None:
        logga(request, d, handling, vad)


def _tillbaka(objekt: Kontakt | Deltagande | Tillfalle) -> str:
    if isinstance(objekt, Deltagande):
        return objekt.get_absolute_url()
    if isinstance(objekt, Tillfalle) and objekt.deltagande_id:
        return reverse("dokumentation:deltagande", args=[objekt.deltagande_id])
    if isinstance(objekt, Tillfalle) and objekt.omgang_id:
        return reverse("dokumentation:omgang", args=[objekt.omgang_id])
    return reverse("dokumentation:registreringar")


def _startade_samma_dag(
    request: InloggadRequest, objekt: Kontakt | Deltagande | Tillfalle, fore: datetime.date | None
) -> Deltagande | None:
    """The participation a contact began that day, if the contact's date was just corrected:
    its start is most likely wrong too, and is corrected on its own page (each record has its
    own history). Staff are taken there with a word on why."""
    if not isinstance(objekt, Kontakt) or fore is None:
        return None
    d = Deltagande.objects.filter(kontakt=objekt, startdatum=fore).first()
    if d is None or d.startdatum == Kontakt.objects.get(pk=objekt.pk).datum:
        return None
    if not services.far_ratta(request.user, d):
        return None
    messages.warning(
        request,
        f"Deltagandet som kontakten började har kvar startdatum {fore:%Y-%m-%d}. Blev det "
        "också fel, rätta det här; annars välj Avbryt.",
    )
    return d


def beskrivning(objekt: Kontakt | Deltagande | Tillfalle) -> str:
    """The record in words, without the person."""
    if isinstance(objekt, Kontakt):
        return f"Kontakt {objekt.datum:%Y-%m-%d}, {objekt.insats}"
    if isinstance(objekt, Deltagande):
        kod = f" ({objekt.deltagarkod})" if objekt.deltagarkod else ""
        return f"Deltagande{kod} från {objekt.startdatum:%Y-%m-%d}, {objekt.insats}"
    return f"{objekt.get_typ_display()} {objekt.datum:%Y-%m-%d}, {objekt.insats}"


@personal
def ratta(request: InloggadRequest, post_: str, pk: int) -> HttpResponse:
    objekt = _hamta(request, post_, pk)
    form = RattelseForm(post(request), objekt=objekt, sag=services.senaste(post_, objekt.pk))
    if request.method == "POST" and form.is_valid():
        fore = objekt.datum if isinstance(objekt, Kontakt) else None
        try:
            rad = services.ratta(
                objekt,
                andringar=form.andringar(),
                antal=form.antal(),
                orsak=form.orsaken(),
                av=request.user,
                sag=form.cleaned_data["sag"],
                nyckel=form.cleaned_data["nyckel"],
            )
        except RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            if redan_sparad(rad):
                messages.info(request, "Redan sparad: rättelsen sparades första gången.")
            else:
                _logga(request, objekt, Atkomstlogg.Handling.ANDRA, "Rättade uppgifter")
                messages.success(
                    request, "Rättelsen är sparad. Den gamla uppgiften finns kvar i historiken."
                )
                if (d := _startade_samma_dag(request, objekt, fore)) is not None:
                    return redirect("dokumentation:ratta", Post.DELTAGANDE, d.pk)
            return redirect("dokumentation:historik", post_, objekt.pk)
    _logga(request, objekt, Atkomstlogg.Handling.LASA, "Öppnade rättelse")
    return render(
        request,
        "dokumentation/ratta.html",
        {
            "objekt": objekt,
            "post": post_,
            "vad": beskrivning(objekt),
            "form": form,
            "tillbaka": _tillbaka(objekt),
            "sista_dag": services.sista_dag(objekt),
        },
    )


@personal
def makulera(request: InloggadRequest, post_: str, pk: int) -> HttpResponse:
    if request.method == "POST":
        # The same form sent again finds the record gone: say so rather than "not found".
        nyckel = _uuid(request.POST.get("nyckel", ""))
        if (
            nyckel is not None
            and Rattelse.objects.filter(
                inlamningsnyckel=nyckel,
                av=request.user,
                typ=Rattelse.Typ.MAKULERING,
                post=post_,
                objekt_id=pk,
            ).exists()
        ):
            messages.info(request, "Redan makulerad: posten makulerades första gången.")
            return redirect("dokumentation:registreringar")
    objekt = _hamta(request, post_, pk)
    form = MakuleringForm(post(request))
    hinder = services.far_makulera(objekt)
    if request.method == "POST" and form.is_valid() and not hinder:
        vad = beskrivning(objekt)
        try:
            services.makulera(
                objekt, orsak=form.orsaken(), av=request.user, nyckel=form.cleaned_data["nyckel"]
            )
        except RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            messages.success(
                request,
                f"Makulerad: {vad}. Den räknas inte längre; vad den sa finns kvar i historiken.",
            )
            return redirect("dokumentation:registreringar")
    _logga(request, objekt, Atkomstlogg.Handling.LASA, "Öppnade makulering")
    return render(
        request,
        "dokumentation/makulera.html",
        {
            "objekt": objekt,
            "post": post_,
            "vad": beskrivning(objekt),
            "foljer_med": [beskrivning(o) for o in services.foljer_med(objekt)] + _narvaron(objekt),
            "hinder": hinder,
            "form": form,
            "tillbaka": _tillbaka(objekt),
        },
    )


def _narvaron(objekt: Kontakt | Deltagande | Tillfalle) -> list[str]:
    if isinstance(objekt, Tillfalle) and objekt.typ == Tillfalle.Typ.GRUPPTRAFF:
        n = objekt.narvaro.count()
        return [f"Närvaron vid träffen ({n} deltagare)"] if n else []
    return []


def _uuid(varde: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(varde)
    except ValueError:
        return None


@personal
def historik(request: InloggadRequest, post_: str, pk: int) -> HttpResponse:
    """A record's registration and every correction of it. A voided record's history is the
    enhetschef's to read (from the list of corrections)."""
    modell = MODELL.get(post_)  # type: ignore[call-overload]
    if modell is None:
        raise Http404
    objekt = (
        modell.objects.select_related("insats")
        .filter(pk=pk, utforare_id__in=mina_utforare_ids(request.user))
        .first()
    )
    if objekt is not None and not services.far_ratta(request.user, objekt):
        objekt = None
    rader = list(
        Rattelse.objects.filter(
            post=post_, objekt_id=pk, utforare_id__in=_chef_eller_egen(request, objekt)
        )
        .select_related("av", "insats")
        .order_by("tidpunkt", "id")
    )
    if objekt is None and not rader:
        raise Http404
    if objekt is not None:
        _logga(request, objekt, Atkomstlogg.Handling.LASA, "Såg på historiken")
    return render(
        request,
        "dokumentation/historik.html",
        {
            "objekt": objekt,
            "vad": beskrivning(objekt)
            if objekt is not None
            else f"Makulerad {Post(post_).label.lower()}",
            "rader": rader,
            "far_ratta": objekt is not None,
            "post": post_,
            "tillbaka": _tillbaka(objekt)
            if objekt is not None
            else reverse("dokumentation:rattelser"),
        },
    )


def _chef_eller_egen(request: InloggadRequest, objekt: object) -> list[int]:
    """Whose trail the user may read: the enhetschef every row at the utförare; others only
    that of a record they may still correct."""
    if objekt is not None:
        return mina_utforare_ids(request.user)
    return utforare_ids(request.user, Roll.ENHETSCHEF)


@personal
def registreringar(request: InloggadRequest) -> HttpResponse:
    """What the user may correct: their own registrations of the last RATTELSE_DAGAR days; for
    the enhetschef, everything at their utförare in the chosen month."""
    chef = utforare_ids(request.user, Roll.ENHETSCHEF)
    fran = timezone.localdate() - datetime.timedelta(days=settings.RATTELSE_DAGAR)
    kontakter = Kontakt.objects.select_related("insats").filter(registrerad__date__gte=fran)
    tillfallen = Tillfalle.objects.select_related("insats", "omgang").filter(
        registrerad__date__gte=fran
    )
    if chef:
        kontakter = kontakter.filter(utforare_id__in=chef)
        tillfallen = tillfallen.filter(utforare_id__in=chef)
    else:
        kontakter = kontakter.filter(
            registrerad_av=request.user, utforare_id__in=mina_utforare_ids(request.user)
        )
        tillfallen = tillfallen.filter(
            personal=request.user, utforare_id__in=mina_utforare_ids(request.user)
        )
    # The day the record is about, the insats and (the enhetschef) who registered it. The
    # choice of staff is who registered anything in the list: one query, whatever the volume.
    dag = DatumForm(
        request.GET or None,
        insatser=Insats.objects.filter(utforare_id__in=chef or mina_utforare_ids(request.user))
        .exclude(status=Insats.Status.UTKAST)
        .order_by("namn"),
        personal=Anvandare.objects.filter(
            Q(pk__in=kontakter.values("registrerad_av")) | Q(pk__in=tillfallen.values("personal"))
        ).order_by("last_name", "first_name", "username")
        if chef
        else None,
    )
    if dag.is_valid():
        valt = dag.cleaned_data
        if valt["datum"]:
            kontakter = kontakter.filter(datum=valt["datum"])
            tillfallen = tillfallen.filter(datum=valt["datum"])
        if valt["insats"]:
            kontakter = kontakter.filter(insats=valt["insats"])
            tillfallen = tillfallen.filter(insats=valt["insats"])
        if valt.get("personal"):
            kontakter = kontakter.filter(registrerad_av=valt["personal"])
            tillfallen = tillfallen.filter(personal=valt["personal"])
    if chef:  # who registered each, in the same query
        kontakter = kontakter.select_related("registrerad_av")
        tillfallen = tillfallen.select_related("personal")
    return render(
        request,
        "dokumentation/registreringar.html",
        {
            "kontakter": kontakter.order_by("-registrerad", "-id")[:VISAS],
            "tillfallen": tillfallen.order_by("-registrerad", "-id")[:VISAS],
            "visas": VISAS,
            "dag": dag,
            "dagar": settings.RATTELSE_DAGAR,
            "chef": bool(chef),
            "sida": "registreringar",
        },
    )


#: The latest registrations a list shows; a day chosen finds older ones.
VISAS = 50


@kraver_roll(Roll.ENHETSCHEF)
def rattelser(request: InloggadRequest) -> HttpResponse:
    """Every correction and voiding at the enhetschef's utförare, latest first: the internal
    control of what changed after registration."""
    rader = (
        Rattelse.objects.filter(utforare_id__in=utforare_ids(request.user, Roll.ENHETSCHEF))
        .select_related("av", "insats")
        .order_by("-tidpunkt", "-id")[:500]
    )
    return render(request, "dokumentation/rattelser.html", {"rader": rader})
