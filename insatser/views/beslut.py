"""The nämndsekreterare's screens for the nämnd's decisions: the list of decisions, one
decision and the drafts it decides, an unknown decision recorded, and the catalogue as the
decisions make it on a day or between two decisions."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from grund.tid import idag as idag_lokalt
from insatser import historik, services
from insatser.forms import (
    BeslutaForm,
    BeslutForm,
    DatumForm,
    lagg_till_fel,
)
from insatser.models import Beslut
from insatser.views import mina_kataloger, postdata, sekreterare
from organisation.behorighet import InloggadRequest


@sekreterare
def per_datum(request: InloggadRequest, slug: str) -> HttpResponse:
    """The catalogue as the nämnd's decisions make it on a day, whenever they were entered."""
    katalog = get_object_or_404(mina_kataloger(request), slug=slug)
    form = DatumForm(request.GET or {"datum": idag_lokalt()})
    datum = form.cleaned_data["datum"] if form.is_valid() else idag_lokalt()
    return render(
        request,
        "insatser/per_datum.html",
        {
            "katalog": katalog,
            "form": form,
            "datum": datum,
            "insatser": historik.katalog_per_datum(katalog, datum),
        },
    )


@sekreterare
def jamfor_beslut(request: InloggadRequest, slug: str) -> HttpResponse:
    """The difference between the catalogue as decided by one decision and by another: each
    read on its decision's effective date, corrections of either included."""
    katalog = get_object_or_404(mina_kataloger(request), slug=slug)
    beslut_lista = list(katalog.beslut.order_by("-galler_fran", "-id"))
    per_pk = {str(b.pk): b for b in beslut_lista}
    if len(beslut_lista) < 2:
        return render(
            request,
            "insatser/jamfor_beslut.html",
            {"katalog": katalog, "beslut_lista": beslut_lista, "skillnader": None},
        )
    till = per_pk.get(request.GET.get("till", ""), beslut_lista[0])
    fore = per_pk.get(request.GET.get("fran", ""), beslut_lista[1])
    if (fore.galler_fran, fore.pk) > (till.galler_fran, till.pk):
        fore, till = till, fore
    versioner = historik.versioner_av(katalog=katalog)
    return render(
        request,
        "insatser/jamfor_beslut.html",
        {
            "katalog": katalog,
            "beslut_lista": beslut_lista,
            "fore": fore,
            "till": till,
            "skillnader": historik.jamfor_kataloger(
                historik.katalog_per_datum(katalog, fore.galler_fran, versioner=versioner),
                historik.katalog_per_datum(katalog, till.galler_fran, versioner=versioner),
            ),
        },
    )


@sekreterare
def beslut_lista(request: InloggadRequest, slug: str) -> HttpResponse:
    katalog = get_object_or_404(mina_kataloger(request), slug=slug)
    form = BeslutForm(postdata(request), initial={"organ": katalog.namnd})
    if request.method == "POST" and form.is_valid():
        beslut = form.save(commit=False)
        beslut.katalog, beslut.registrerat_av = katalog, request.user
        beslut.save()
        messages.success(request, "Beslutet är registrerat.")
        return redirect(beslut)
    return render(
        request,
        "insatser/beslut_lista.html",
        {
            "katalog": katalog,
            "form": form,
            "beslut_lista": katalog.beslut.all(),
        },
    )


@sekreterare
def beslut(request: InloggadRequest, pk: int) -> HttpResponse:
    beslutet = get_object_or_404(
        Beslut.objects.select_related("katalog").filter(katalog__in=mina_kataloger(request)),
        pk=pk,
    )
    form = BeslutaForm(postdata(request), beslut=beslutet)
    if request.method == "POST" and form.is_valid():
        try:
            beslutade = services.besluta_insatser(
                insatser=form.cleaned_data["insatser"], beslut=beslutet, anvandare=request.user
            )
        except services.RegelBrott as e:
            for o in e.overtradelser:
                form.add_error("insatser", o.meddelande)
        else:
            messages.success(
                request,
                f"{len(beslutade)} insatser är beslutade och publiceras från sitt startdatum.",
            )
            return redirect(beslutet)
    return render(
        request,
        "insatser/beslut.html",
        {
            "beslut": beslutet,
            "katalog": beslutet.katalog,
            "form": form,
            "insatser": beslutet.insatser.order_by("ordning"),
        },
    )


@sekreterare
def for_in_beslut(request: InloggadRequest, pk: int) -> HttpResponse:
    """Record the nämnd's decision in place of the unknown one a file without beslutsdatum
    left: the insatser stay in force from the import date, now under the real decision."""
    beslutet = get_object_or_404(
        Beslut.objects.select_related("katalog").filter(
            katalog__in=mina_kataloger(request), okant=True
        ),
        pk=pk,
    )
    form = BeslutForm(
        postdata(request),
        instance=beslutet,
        initial={
            "organ": beslutet.katalog.namnd or "",
            "datum": None,
            "galler_fran": None,
            "rubrik": "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            beslutet = services.for_in_beslut(
                beslut=form.save(commit=False), anvandare=request.user
            )
        except services.RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            messages.success(
                request,
                "Nämndens beslut är infört. Insatserna gäller enligt beslutet och är inte "
                "längre markerade.",
            )
            return redirect(beslutet)
    return render(
        request,
        "insatser/for_in_beslut.html",
        {"beslut": beslutet, "katalog": beslutet.katalog, "form": form},
    )
