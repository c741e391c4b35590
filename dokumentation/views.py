"""Staff at the utförare: register contacts, participation and sessions for their own
utförare's insatser. Anything of another utförare answers 404."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dokumentation import services
from dokumentation.atkomst import (
    hamta_deltagande,
    hamta_insats,
    hamta_omgang,
    hamta_tillfalle,
    logga,
    logga_visade,
    mina_deltaganden,
    mina_insatser,
    mina_utforare_ids,
)
from dokumentation.forms import (
    AvslutaForm,
    JournalForm,
    KontaktForm,
    OmgangForm,
    OppningForm,
    SamtalForm,
    StallInForm,
    TraffForm,
)
from dokumentation.models import Atkomstlogg, Deltagande, Kontakt, Narvaro, Tillfalle
from insatser.forms import lagg_till_fel
from insatser.models import Insats
from organisation.behorighet import InloggadRequest, kraver_roll
from organisation.models import Roll

personal = kraver_roll(Roll.UTFORARPERSONAL, Roll.ENHETSCHEF)


def heltal(varde: str) -> bool:
    """A tampered id ("²", "1e9", "") is simply not one."""
    return varde.isascii() and varde.isdigit() and len(varde) < 19


def _post(request: InloggadRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


@personal
def kontakt_valj_insats(request: InloggadRequest) -> HttpResponse:
    insatser = mina_insatser(request.user).select_related("utforare").order_by("namn")
    return render(request, "dokumentation/kontakt_valj.html", {"insatser": insatser})


@personal
def kontakt_ny(request: InloggadRequest, insats_pk: int) -> HttpResponse:
    insats = hamta_insats(request.user, insats_pk)  # its villkor too, for the form and the rules
    form = KontaktForm(_post(request), insats=insats)
    if request.method == "POST" and form.is_valid():
        try:
            kontakt = services.registrera_kontakt(
                anvandare=request.user,
                insats=insats,
                uppgifter=form.kontaktuppgifter(),
                start=form.startuppgifter(),
                person=form.personuppgifter(),
                omgang=form.cleaned_data.get("omgang"),
                forsta_samtal_minuter=form.cleaned_data.get("samtal_minuter"),
                nyckel=form.cleaned_data["nyckel"],
            )
        except services.RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            deltagande = getattr(kontakt, "deltagande", None)
            if deltagande is not None and deltagande.deltagarkod:
                # The card with the code is shown once, right after registration.
                request.session["visa_kod"] = deltagande.pk
            if deltagande is not None and deltagande.ar_identifierad:
                logga(request, deltagande, Atkomstlogg.Handling.SKAPA, "Registrerade deltagande")
            return redirect("dokumentation:kontakt_klar", kontakt.pk)
    return render(
        request,
        "dokumentation/kontakt_ny.html",
        {"insats": insats, "form": form, "katalog": insats.katalog},
    )


@personal
def kontakt_klar(request: InloggadRequest, pk: int) -> HttpResponse:
    kontakt = get_object_or_404(
        Kontakt.objects.select_related("insats"),
        pk=pk,
        utforare_id__in=mina_utforare_ids(request.user),
    )
    deltagande = Deltagande.objects.filter(kontakt=kontakt).first()
    visa_kort = deltagande is not None and request.session.pop("visa_kod", None) == deltagande.pk
    return render(
        request,
        "dokumentation/kontakt_klar.html",
        {"kontakt": kontakt, "deltagande": deltagande, "visa_kort": visa_kort},
    )


@personal
def deltaganden(request: InloggadRequest) -> HttpResponse:
    # Only the characters a deltagarkod can have; anything else finds nothing.
    kod = "".join(
        t for t in request.GET.get("kod", "").upper() if t.isascii() and (t.isalnum() or t == "-")
    )[:9]
    lista = mina_deltaganden(request.user).select_related("insats", "person")
    if kod:
        traff = lista.filter(deltagarkod=kod if "-" in kod else f"{kod[:4]}-{kod[4:]}").first()
        if traff:
            return redirect(traff)
        messages.error(request, "Ingen deltagare med den koden hos din utförare.")
    status = request.GET.get("status", "pagaende")
    if status in Deltagande.Status.values:
        lista = lista.filter(status=status)
    insats = request.GET.get("insats", "")
    if insats.isascii() and insats.isdigit():
        lista = lista.filter(insats_id=int(insats))
    sida = list(lista[:200])
    # Counted for the rows shown only, so the list costs the same however long the history.
    antal = Counter(
        dict(
            Tillfalle.objects.filter(deltagande__in=sida)
            .values("deltagande")
            .annotate(n=Count("id"))
            .values_list("deltagande", "n")
        )
    ) + Counter(
        dict(
            Narvaro.objects.filter(deltagande__in=sida)
            .values("deltagande")
            .annotate(n=Count("id"))
            .values_list("deltagande", "n")
        )
    )
    for d in sida:
        d.antal_tillfallen = antal[d.pk]  # type: ignore[attr-defined]
    logga_visade(request, sida, "Såg i listan över deltaganden")
    return render(
        request,
        "dokumentation/deltaganden.html",
        {
            "deltaganden": sida,
            "status": status,
            "statusval": Deltagande.Status.choices,
            "insatser": mina_insatser(request.user).order_by("namn"),
            "vald_insats": insats,
            "kod": kod,
        },
    )


@personal
def deltagande(request: InloggadRequest, pk: int) -> HttpResponse:
    visa = request.GET.get("visa") == "personuppgifter"
    d = hamta_deltagande(
        request, pk, vad="Visade skyddade personuppgifter" if visa else "Öppnade deltagandet"
    )
    return _visa_deltagande(request, d, SamtalForm(), JournalForm(deltagande=d), visa=visa)


def _visa_deltagande(
    request: InloggadRequest,
    d: Deltagande,
    samtal_form: SamtalForm,
    journal_form: JournalForm,
    *,
    visa: bool = False,
) -> HttpResponse:
    return render(
        request,
        "dokumentation/deltagande.html",
        {
            "d": d,
            "tak": services.tak(d, idag=timezone.localdate()),
            "tillfallen": d.tillfallen.select_related("personal"),
            "narvaro": d.narvaro.select_related("tillfalle"),
            "anteckningar": d.anteckningar.select_related("signerad_av", "rattar"),
            "samtal_form": samtal_form,
            "journal_form": journal_form,
            "individuell": d.omgang_id is None,
            "dolj_person": d.person is not None and d.person.skyddad_identitet and not visa,
        },
    )


@personal
@require_POST
def samtal_ny(request: InloggadRequest, pk: int) -> HttpResponse:
    d = hamta_deltagande(
        request, pk, handling=Atkomstlogg.Handling.ANDRA, vad="Registrerade samtal"
    )
    form = SamtalForm(request.POST)
    if form.is_valid():
        try:
            services.registrera_samtal(
                deltagande=d,
                datum=form.cleaned_data["datum"],
                langd_minuter=form.cleaned_data["langd_minuter"],
                kanal=form.cleaned_data["kanal"],
                personal=request.user,
                nyckel=form.cleaned_data["nyckel"],
                idag=timezone.localdate(),
            )
        except services.RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            messages.success(request, "Samtalet är registrerat.")
            return redirect(d)
    return _visa_deltagande(request, d, form, JournalForm(deltagande=d))


@personal
@require_POST
def starta(request: InloggadRequest, pk: int) -> HttpResponse:
    d = hamta_deltagande(
        request, pk, handling=Atkomstlogg.Handling.ANDRA, vad="Började från väntelistan"
    )
    try:
        services.starta_fran_vantelistan(
            deltagande=d, datum=timezone.localdate(), idag=timezone.localdate()
        )
    except services.RegelBrott as e:
        messages.error(request, e.overtradelser[0].meddelande)
    else:
        messages.success(request, f"{d} har börjat delta.")
    return redirect(d.omgang or d)


@personal
@require_POST
def hanvisa(request: InloggadRequest, pk: int) -> HttpResponse:
    d = hamta_deltagande(
        request, pk, handling=Atkomstlogg.Handling.ANDRA, vad="Hänvisade att ansöka"
    )
    services.hanvisa_att_ansoka(deltagande=d, datum=timezone.localdate())
    messages.success(request, "Hänvisningen att ansöka om behovsprövad insats är registrerad.")
    return redirect(d)


@personal
def avsluta(request: InloggadRequest, pk: int) -> HttpResponse:
    d = hamta_deltagande(
        request, pk, handling=Atkomstlogg.Handling.ANDRA, vad="Avslutade deltagandet"
    )
    if d.ar_avslutad:
        raise Http404
    form = AvslutaForm(_post(request), identifierad=d.ar_identifierad)
    if request.method == "POST" and not form.is_valid():
        services.registrera_avvisningar(
            insats=d.insats,
            koder=[str(e.code) for fel in form.errors.as_data().values() for e in fel],
        )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.avsluta_deltagande(deltagande=d, idag=timezone.localdate(), **data)
        except services.RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            messages.success(request, "Deltagandet är avslutat.")
            return redirect(d)
    return render(request, "dokumentation/avsluta.html", {"d": d, "form": form})


@personal
@require_POST
def journal_ny(request: InloggadRequest, pk: int) -> HttpResponse:
    d = hamta_deltagande(
        request, pk, handling=Atkomstlogg.Handling.ANDRA, vad="Skrev journalanteckning"
    )
    form = JournalForm(request.POST, deltagande=d)
    if form.is_valid():
        try:
            services.skriv_journalanteckning(
                deltagande=d,
                text=form.cleaned_data["text"],
                anvandare=request.user,
                rattar=form.cleaned_data["rattar"],
            )
        except services.RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            messages.success(request, "Anteckningen är signerad.")
            return redirect(d)
    return _visa_deltagande(request, d, SamtalForm(), form)


@personal
def omgangar(request: InloggadRequest) -> HttpResponse:
    gruppinsatser = mina_insatser(request.user).filter(form__in=Insats.GRUPPFORMER)
    form = OmgangForm(_post(request), insatser=gruppinsatser)
    if request.method == "POST" and form.is_valid():
        omgang = form.save(commit=False)
        omgang.utforare = omgang.insats.utforare
        omgang.save()
        messages.success(request, "Omgången är skapad.")
        return redirect(omgang)
    if request.method == "GET":
        forsta = gruppinsatser.first()
        if forsta:
            form.initial.update(
                {
                    "min_deltagare": forsta.gruppstorlek_min or 1,
                    "max_deltagare": forsta.gruppstorlek_max or 12,
                    "antal_traffar": forsta.max_tillfallen or 4,
                }
            )
    return render(
        request,
        "dokumentation/omgangar.html",
        {"omgangar": services.omgangar_med_platser(mina_utforare_ids(request.user)), "form": form},
    )


@personal
def omgang(request: InloggadRequest, pk: int) -> HttpResponse:
    o = hamta_omgang(request.user, pk)
    traff_form = TraffForm(_post(request))
    if request.method == "POST" and traff_form.is_valid():
        try:
            traff = services.registrera_traff(
                omgang=o,
                datum=traff_form.cleaned_data["datum"],
                langd_minuter=traff_form.cleaned_data["langd_minuter"],
                personal=request.user,
                nyckel=traff_form.cleaned_data["nyckel"],
                idag=timezone.localdate(),
            )
        except services.RegelBrott as e:
            lagg_till_fel(traff_form, e.overtradelser)
        else:
            return redirect("dokumentation:traff", traff.pk)
    deltagare = list(o.deltaganden.select_related("person").order_by("status", "id"))
    logga_visade(request, deltagare, f"Såg i omgången {o.benamning}")
    return render(
        request,
        "dokumentation/omgang.html",
        {
            "o": o,
            "deltagare": deltagare,
            "traff_form": traff_form,
            "traffar": o.traffar.annotate(narvarande=Count("narvaro")).order_by("datum"),
            "stall_in_form": StallInForm(omgang=o),
            "upptagna": sum(1 for d in deltagare if d.status == Deltagande.Status.PAGAENDE),
        },
    )


@personal
@require_POST
def stall_in(request: InloggadRequest, pk: int) -> HttpResponse:
    o = hamta_omgang(request.user, pk)
    form = StallInForm(request.POST, omgang=o)
    if form.is_valid():
        try:
            antal = services.stall_in_omgang(omgang=o, flytta_till=form.cleaned_data["flytta_till"])
        except services.RegelBrott as e:
            messages.error(request, e.overtradelser[0].meddelande)
        else:
            messages.success(
                request,
                f"Omgången är inställd. {antal} personer står nu i kö till "
                f"{form.cleaned_data['flytta_till'].benamning}.",
            )
            return redirect(form.cleaned_data["flytta_till"])
    else:
        messages.error(request, "Välj vilken omgång listan ska flyttas till.")
    return redirect(o)


@personal
@require_POST
def avsluta_omgang(request: InloggadRequest, pk: int) -> HttpResponse:
    o = hamta_omgang(request.user, pk)
    try:
        vantande = services.avsluta_omgang(omgang=o)
    except services.RegelBrott as e:
        messages.error(request, e.overtradelser[0].meddelande)
        return redirect(o)
    meddelande = f"Omgången {o.benamning} är avslutad."
    if vantande:
        antal = "1 person" if vantande == 1 else f"{vantande} personer"
        meddelande += f" {antal} på dess väntelista står kvar på insatsens väntelista."
    messages.success(request, meddelande)
    return redirect("dokumentation:omgangar")


@personal
def traff(request: InloggadRequest, pk: int) -> HttpResponse:
    t = hamta_tillfalle(request.user, pk)
    if t.omgang is None:
        raise Http404
    deltagare = list(
        t.omgang.deltaganden.filter(status=Deltagande.Status.PAGAENDE)
        .select_related("person")
        .order_by("id")
    )
    narvarande = set(t.narvaro.values_list("deltagande_id", flat=True))
    if request.method == "POST":
        ikryssade = {int(v) for v in request.POST.getlist("narvarande") if heltal(v)}
        # Only what this page showed as ticked and the user unticked is removed, so a
        # colleague's ticks saved meanwhile stay.
        var_ikryssade = {int(v) for v in request.POST.getlist("var_narvarande") if heltal(v)}
        services.andra_narvaro(traff=t, lagg_till=ikryssade, ta_bort=var_ikryssade - ikryssade)
        messages.success(request, "Närvaron är sparad.")
        return redirect(t.omgang)
    logga_visade(request, deltagare, f"Såg på närvarolistan {t.datum:%Y-%m-%d}")
    return render(
        request,
        "dokumentation/traff.html",
        {"t": t, "deltagare": deltagare, "narvarande": narvarande},
    )


@personal
def oppning_valj_insats(request: InloggadRequest) -> HttpResponse:
    insatser = mina_insatser(request.user).filter(form=Insats.Form.OPPEN_VERKSAMHET)
    return render(request, "dokumentation/oppning_valj.html", {"insatser": insatser})


@personal
def oppning_ny(request: InloggadRequest, insats_pk: int) -> HttpResponse:
    insats = hamta_insats(request.user, insats_pk)
    if insats.form != Insats.Form.OPPEN_VERKSAMHET:
        raise Http404
    form = OppningForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            oppning = services.registrera_oppning(
                insats=insats,
                datum=form.cleaned_data["datum"],
                langd_minuter=form.cleaned_data["langd_minuter"],
                personal=request.user,
                antal=form.antal(),
                nyckel=form.cleaned_data["nyckel"],
                idag=timezone.localdate(),
            )
        except services.RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            totalt = sum(b.antal for b in oppning.besok.all())
            messages.success(
                request, f"Öppningen {oppning.datum:%Y-%m-%d} är registrerad med {totalt} besök."
            )
            return redirect("start")
    return render(request, "dokumentation/oppning_ny.html", {"insats": insats, "form": form})


def startuppgifter(request: InloggadRequest) -> dict[str, object]:
    """What the staff start page shows: today's sessions, ongoing participations, open rounds
    with free places. Gathered here, rendered by the start page in config; the people it
    shows are logged."""
    utforare = mina_utforare_ids(request.user)
    idag = timezone.localdate()
    pagaende = list(
        Deltagande.objects.filter(utforare_id__in=utforare)
        .pagaende()
        .select_related("insats", "person")
        .order_by("-startdatum")[:10]
    )
    logga_visade(request, pagaende, "Såg på startsidan")
    return {
        "idag_tillfallen": Tillfalle.objects.filter(utforare_id__in=utforare, datum=idag)
        .select_related("insats", "omgang")
        .order_by("id"),
        "pagaende": pagaende,
        "antal_pagaende": Deltagande.objects.filter(utforare_id__in=utforare).pagaende().count(),
        "omgangar": services.omgangar_med_platser(utforare),
        "oppna_insatser": Insats.objects.publicerade()
        .filter(utforare_id__in=utforare, form=Insats.Form.OPPEN_VERKSAMHET)
        .exists(),
    }
