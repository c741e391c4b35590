"""The open export for a BI tool (a key, no sign-in) and the verksamhetschef's page of the
municipality's keys (uppfoljning/exportnycklar.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_POST

from insatser.models import Katalog
from organisation.behorighet import InloggadRequest, kommun_ids, kraver_roll
from organisation.indata import Indatakontroll
from organisation.models import Kommun, Roll
from uppfoljning import export
from uppfoljning.exportnycklar import (
    FinnsRedan,
    aterkalla_nyckel,
    giltig_nyckel,
    nyckel_fran_header,
    skapa_nyckel,
)
from uppfoljning.models import Exportnyckel


def exportfil(katalog: Katalog, format: str) -> HttpResponse:
    """The long-format export of the municipality as CSV or JSON (docs/export.md)."""
    namn = f"iub-publicerat-{katalog.slug}.{format}"
    if format == "json":
        svar: HttpResponse = JsonResponse(
            export.som_json(katalog), json_dumps_params={"ensure_ascii": False}
        )
    else:
        svar = HttpResponse(
            "".join(export.som_csv(katalog)), content_type="text/csv; charset=utf-8"
        )
    svar["Content-Disposition"] = f'attachment; filename="{namn}"'
    return svar


@require_GET
def publicerat(request: HttpRequest, kommun: str, format: str) -> HttpResponse:
    """The open export for a key (`Authorization: Bearer <nyckel>`). Never reads the session
    or the user: a signed-in browser without a key gets 404 like a wrong, revoked or another
    municipality's key, the same as a municipality that does not exist."""
    if format not in ("csv", "json"):
        raise Http404
    post = giltig_nyckel(nyckel_fran_header(request.headers.get("Authorization")), kommun)
    katalog = Katalog.objects.filter(kommunen=post.kommun).first() if post else None
    if katalog is None:
        raise Http404
    svar = exportfil(katalog, format)
    # Figures of one key's municipality: no shared cache keeps or mixes them up.
    patch_cache_control(svar, private=True, no_cache=True)
    svar["Vary"] = "Authorization"
    return svar


class NyNyckelForm(Indatakontroll, forms.Form):
    kommun = forms.IntegerField(widget=forms.HiddenInput)
    konsument = forms.CharField(
        label="Mottagare",
        max_length=100,
        help_text="Vem som ska läsa exporten med nyckeln, t.ex. Power BI eller Kolada.",
    )


def _kommuner(request: InloggadRequest) -> list[Kommun]:
    return list(Kommun.objects.filter(pk__in=kommun_ids(request.user, Roll.VERKSAMHETSCHEF)))


@kraver_roll(Roll.VERKSAMHETSCHEF)
def nycklar(request: InloggadRequest) -> HttpResponse:
    """List the keys of the verksamhetschef's municipalities, and create one (POST): the new
    key is shown on this answer only, never stored, never shown again."""
    kommuner = _kommuner(request)
    ny: tuple[Exportnyckel, str] | None = None
    formular = {k.pk: NyNyckelForm(initial={"kommun": k.pk}, prefix=f"k{k.pk}") for k in kommuner}
    if request.method == "POST":
        kommun = next((k for k in kommuner if f"k{k.pk}-kommun" in request.POST), None)
        if kommun is None:
            raise Http404
        form = NyNyckelForm(request.POST, prefix=f"k{kommun.pk}")
        formular[kommun.pk] = form
        if form.is_valid():
            if form.cleaned_data["kommun"] != kommun.pk:
                raise Http404
            try:
                ny = skapa_nyckel(
                    kommun=kommun,
                    konsument=form.cleaned_data["konsument"],
                    skapad_av=request.user,
                )
            except FinnsRedan:
                form.add_error(
                    "konsument",
                    "Det finns redan en giltig nyckel för den mottagaren. Återkalla den först "
                    "om du vill byta nyckel.",
                )
            else:
                formular[kommun.pk] = NyNyckelForm(
                    initial={"kommun": kommun.pk}, prefix=f"k{kommun.pk}"
                )
    per_kommun = [
        (
            k,
            list(
                Exportnyckel.objects.filter(kommun=k)
                .select_related("skapad_av")
                .order_by("aterkallad", "konsument", "-skapad")
            ),
            formular[k.pk],
        )
        for k in kommuner
    ]
    return render(
        request,
        "uppfoljning/exportnycklar.html",
        {
            "per_kommun": per_kommun,
            "ny": ny,
            "forms_med_fel": [f for f in formular.values() if f.errors],
            "api": request.build_absolute_uri("/api/publicerat/"),
        },
    )


@kraver_roll(Roll.VERKSAMHETSCHEF)
@require_POST
def aterkalla(request: InloggadRequest, pk: int) -> HttpResponse:
    """Revoke a key of the verksamhetschef's municipality; another municipality's is not
    found. Revoking again changes nothing."""
    post = (
        Exportnyckel.objects.filter(kommun_id__in=kommun_ids(request.user, Roll.VERKSAMHETSCHEF))
        .select_related("kommun")
        .filter(pk=pk)
        .first()
    )
    if post is None:
        raise Http404
    if aterkalla_nyckel(post, av=request.user):
        messages.success(request, f"Nyckeln för {post.konsument} är återkallad.")
    else:
        messages.info(request, f"Nyckeln för {post.konsument} var redan återkallad.")
    return redirect(reverse("uppfoljning:exportnycklar"))
