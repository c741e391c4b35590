"""The public catalogue: what a resident can get, where and on which conditions. No login."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from insatser import historik, services
from insatser.models import Insats, Katalog, Villkor


class SokForm(forms.Form):
    q = forms.CharField(
        label="Sök",
        required=False,
        max_length=100,
        help_text="Till exempel ”föräldrar”, ”anhörig” eller ”våld”.",
    )
    omrade = forms.ChoiceField(label="Område", required=False)
    alder = forms.IntegerField(
        label="Ålder på den som ska delta", required=False, min_value=0, max_value=120
    )

    def __init__(self, *args: object, omraden: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["omrade"].choices = [("", "Alla områden"), *((o, o) for o in omraden)]


def start(request: HttpRequest) -> HttpResponse:
    kataloger = list(Katalog.objects.all())
    if len(kataloger) == 1:
        return redirect(kataloger[0])
    return render(request, "publik/start.html", {"kataloger": kataloger})


def katalog(request: HttpRequest, slug: str) -> HttpResponse:
    services.verkstall_om_dags()
    katalogen = get_object_or_404(Katalog, slug=slug)
    publicerade = katalogen.insatser.publicerade()
    omraden = sorted({o for o in publicerade.values_list("omrade", flat=True) if o})
    form = SokForm(request.GET or None, omraden=omraden)
    insatser = publicerade.select_related("utforare").prefetch_related("villkor")
    if form.is_valid():
        if q := form.cleaned_data["q"]:
            insatser = insatser.filter(
                Q(namn__icontains=q)
                | Q(malgrupp__icontains=q)
                | Q(innehall__icontains=q)
                | Q(omrade__icontains=q)
            )
        if omrade := form.cleaned_data["omrade"]:
            insatser = insatser.filter(omrade=omrade)
        if (alder := form.cleaned_data["alder"]) is not None:
            # Leave out only what an age villkor about the participant rules out.
            utesluts = (
                Villkor.objects.filter(typ=Villkor.Typ.ALDER)
                .exclude(avser=Villkor.Avser.BARNET)
                .filter(Q(min_alder__gt=alder) | Q(max_alder__lt=alder))
            )
            insatser = insatser.exclude(villkor__in=utesluts)
    grupper: dict[str, list[Insats]] = {}
    for insats in insatser.order_by("omrade", "ordning", "namn"):
        grupper.setdefault(insats.omrade or "Övriga insatser", []).append(insats)
    return render(
        request,
        "publik/katalog.html",
        {
            "katalog": katalogen,
            "form": form,
            "grupper": grupper,
            "antal": sum(len(g) for g in grupper.values()),
        },
    )


def insats(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    services.verkstall_om_dags()
    katalogen = get_object_or_404(Katalog, slug=slug)
    insatsen = get_object_or_404(
        katalogen.insatser.publicerade()
        .select_related("utforare")
        .prefetch_related(Prefetch("villkor", queryset=Villkor.objects.order_by("ordning"))),
        pk=pk,
    )
    return render(request, "publik/insats.html", {"katalog": katalogen, "insats": insatsen})


class UtskriftForm(forms.Form):
    datum = forms.DateField(
        label="Katalogen som den var beslutad den",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def utskrift(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole catalogue as decided on a date, for printing."""
    katalogen = get_object_or_404(Katalog, slug=slug)
    form = UtskriftForm(request.GET or None)
    idag = datetime.date.today()
    datum = (form.cleaned_data["datum"] if form.is_valid() else None) or idag
    datum = min(datum, idag)
    return render(
        request,
        "publik/utskrift.html",
        {
            "katalog": katalogen,
            "form": form,
            "datum": datum,
            "insatser": historik.katalog_per_datum(katalogen, datum),
        },
    )


def tillganglighet(request: HttpRequest, slug: str) -> HttpResponse:
    """The accessibility statement of a municipality's public catalogue (lag 2018:1937 om
    tillgänglighet till digital offentlig service): how accessible it is, what is not, how to
    report a shortcoming, and where to complain."""
    katalogen = get_object_or_404(Katalog.objects.select_related("kommunen"), slug=slug)
    return render(
        request, "publik/tillganglighet.html", {"katalog": katalogen, "kommun": katalogen.kommunen}
    )
