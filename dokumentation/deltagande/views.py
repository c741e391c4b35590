"""The participation list and one participation's page, with its talks, start, referral and end."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dokumentation.deltagande.forms import AvslutaForm, SamtalForm
from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.services import (
    avsluta_deltagande,
    hanvisa_att_ansoka,
    registrera_samtal,
    starta_fran_vantelistan,
    tak,
)
from dokumentation.journal.forms import JournalForm
from dokumentation.kontakter.services import registrera_avvisningar
from dokumentation.logg.atkomst import (
    hamta_deltagande,
    logga_visade,
    mina_deltaganden,
    mina_insatser,
)
from dokumentation.logg.models import Atkomstlogg
from dokumentation.sidor import likadan, personal, post, sparat
from dokumentation.tillfallen.models import Narvaro, Tillfalle
from insatser.forms import lagg_till_fel
from insatser.services import RegelBrott
from organisation.behorighet import InloggadRequest
from organisation.sparat_arbete import aterstallt, sparar_arbete


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
    # The forms of this page are posted elsewhere; what the user typed in one of them before
    # their sign-in ended comes back here.
    samtal = aterstallt(request, reverse("dokumentation:samtal_ny", args=[d.pk]))
    journal = aterstallt(request, reverse("dokumentation:journal_ny", args=[d.pk]))
    return visa_deltagande(
        request, d, SamtalForm(samtal), JournalForm(journal, deltagande=d), visa=visa
    )


def visa_deltagande(
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
            "tak": tak(d, idag=timezone.localdate()),
            "tillfallen": d.tillfallen.select_related("personal"),
            "narvaro": d.narvaro.select_related("tillfalle"),
            "anteckningar": d.anteckningar.select_related("signerad_av", "rattar"),
            "samtal_form": samtal_form,
            "journal_form": journal_form,
            "individuell": d.omgang_id is None,
            "dolj_person": d.person is not None and d.person.skyddad_identitet and not visa,
        },
    )


@sparar_arbete(visas_pa="dokumentation:deltagande")
@personal
@require_POST
def samtal_ny(request: InloggadRequest, pk: int) -> HttpResponse:
    d = hamta_deltagande(
        request, pk, handling=Atkomstlogg.Handling.ANDRA, vad="Registrerade samtal"
    )
    form = SamtalForm(request.POST)
    if form.is_valid() and not likadan(request, form):
        try:
            samtal = registrera_samtal(
                deltagande=d,
                datum=form.cleaned_data["datum"],
                langd_minuter=form.cleaned_data["langd_minuter"],
                kanal=form.cleaned_data["kanal"],
                personal=request.user,
                nyckel=form.cleaned_data["nyckel"],
                idag=timezone.localdate(),
                efterregistrering=form.cleaned_data["efterregistrering"],
            )
        except RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            sparat(
                request,
                samtal,
                "samtalet",
                "Samtalet är registrerat.",
                form=form,
                url=d.get_absolute_url(),
            )
            return redirect(d)
    return visa_deltagande(request, d, form, JournalForm(deltagande=d))


@personal
@require_POST
def starta(request: InloggadRequest, pk: int) -> HttpResponse:
    d = hamta_deltagande(
        request, pk, handling=Atkomstlogg.Handling.ANDRA, vad="Började från väntelistan"
    )
    try:
        starta_fran_vantelistan(deltagande=d, datum=timezone.localdate(), idag=timezone.localdate())
    except RegelBrott as e:
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
    hanvisa_att_ansoka(deltagande=d, datum=timezone.localdate())
    messages.success(request, "Hänvisningen att ansöka om behovsprövad insats är registrerad.")
    return redirect(d)


@sparar_arbete()
@personal
def avsluta(request: InloggadRequest, pk: int) -> HttpResponse:
    d = hamta_deltagande(
        request, pk, handling=Atkomstlogg.Handling.ANDRA, vad="Avslutade deltagandet"
    )
    if d.ar_avslutad:
        raise Http404
    form = AvslutaForm(post(request), identifierad=d.ar_identifierad)
    if request.method == "POST" and not form.is_valid():
        registrera_avvisningar(
            insats=d.insats,
            koder=[str(e.code) for fel in form.errors.as_data().values() for e in fel],
        )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            avsluta_deltagande(deltagande=d, idag=timezone.localdate(), **data)
        except RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            messages.success(request, "Deltagandet är avslutat.")
            return redirect(d)
    return render(request, "dokumentation/avsluta.html", {"d": d, "form": form})
