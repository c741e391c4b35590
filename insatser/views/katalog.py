"""The nämndsekreterare's screens for the catalogue as a whole: its own settings (under a
decision), and a whole catalogue file imported or exported."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from grund.tid import idag as idag_lokalt
from insatser import andringar, services
from insatser.forms import (
    DatumForm,
    ImportForm,
    KatalogForm,
    lagg_till_fel,
)
from insatser.katalogfil import importera_katalog
from insatser.katalogformat import exportera_katalog, som_json
from insatser.katalogkontroll import OgiltigKatalogfil
from insatser.views import mina_kataloger, postdata, sekreterare
from organisation.behorighet import InloggadRequest, kommun_ids
from organisation.models import Kommun, Roll


@sekreterare
def installningar(request: InloggadRequest, slug: str) -> HttpResponse:
    services.verkstall_om_dags()
    katalog = get_object_or_404(mina_kataloger(request), slug=slug)
    form = KatalogForm(postdata(request), instance=katalog)
    if request.method == "POST" and form.is_valid():
        try:
            andringar.andra_katalog(
                katalog=form.instance,
                beslut=form.cleaned_data.get("beslut"),
                anvandare=request.user,
            )
        except services.RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            beslutet = form.cleaned_data.get("beslut")
            messages.success(
                request,
                f"Ändringen är beslutad och gäller från {beslutet.galler_fran.isoformat()}. "
                "Till dess gäller katalogens uppgifter som i dag."
                if beslutet and beslutet.galler_fran > idag_lokalt()
                else "Katalogens uppgifter är sparade.",
            )
            return redirect("insatser:lista", katalog.slug)
    return render(
        request,
        "insatser/installningar.html",
        {
            "katalog": katalog,
            "form": form,
            "vantande": katalog.beslutade_andringar.vantande().select_related("beslut").first(),
            # Kept with their reason, as an insats's are on its page.
            "aterkallade": katalog.beslutade_andringar.filter(aterkallad__isnull=False)
            .select_related("beslut", "aterkallad_av")
            .order_by("-aterkallad"),
        },
    )


@sekreterare
def importera(request: InloggadRequest) -> HttpResponse:
    form = ImportForm(postdata(request), request.FILES if request.method == "POST" else None)
    fel: list[str] = []
    var: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            resultat = importera_katalog(
                form.cleaned_data["fil"].read(),
                anvandare=request.user,
                kommuner=Kommun.objects.filter(
                    pk__in=kommun_ids(request.user, Roll.NAMNDSEKRETERARE)
                ),
            )
        except OgiltigKatalogfil as e:
            fel, var = e.fel, e.var
            form.add_error(
                "fil",
                f"Filen innehåller {len(fel)} fel och har inte importerats. "
                "Ingenting i katalogen har ändrats.",
            )
        else:
            return render(
                request,
                "insatser/import_klar.html",
                {"resultat": resultat, "katalog": resultat.katalog},
            )
    # The path in code type, the message as text, then which insats it is in: the first
    # VISA_FEL of them, as a file can have thousands (the import is refused whole anyway).
    rader = [(*f.partition(": "), v) for f, v in zip(fel[:VISA_FEL], var, strict=False)]
    return render(
        request,
        "insatser/importera.html",
        {"form": form, "fel": fel, "fel_rader": rader, "fler_fel": len(fel) - len(rader)},
    )


#: How many of a refused catalogue file's errors its page lists.
VISA_FEL = 100


@sekreterare
def exportera(request: InloggadRequest, slug: str) -> HttpResponse:
    katalog = get_object_or_404(mina_kataloger(request), slug=slug)
    # Version 2 unless the secretary asks for version 1 (?version=1), for older systems.
    version = 1 if request.GET.get("version") == "1" else 2
    # ?datum=ÅÅÅÅ-MM-DD: the catalogue as decided on that day (also a later day, with what is
    # decided for it); a date that cannot be read is not found, like any other bad address.
    datum = None
    if "datum" in request.GET:
        form = DatumForm(request.GET)
        if not form.is_valid():
            raise Http404
        datum = form.cleaned_data["datum"]
    svar = HttpResponse(
        som_json(exportera_katalog(katalog, version=version, datum=datum)),
        content_type="application/json; charset=utf-8",
    )
    dag = (datum or idag_lokalt()).isoformat()
    namn = f"katalog-{katalog.slug}-{'beslutad-' if datum else ''}{dag}" + (
        "-v1" if version == 1 else ""
    )
    svar["Content-Disposition"] = f'attachment; filename="{namn}.json"'
    return svar
