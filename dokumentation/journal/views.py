"""Writing a journal note on a participation's page."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from dokumentation.deltagande.forms import SamtalForm
from dokumentation.deltagande.views import visa_deltagande
from dokumentation.journal.forms import JournalForm
from dokumentation.journal.services import skriv_journalanteckning
from dokumentation.logg.atkomst import (
    hamta_deltagande,
)
from dokumentation.logg.models import Atkomstlogg
from dokumentation.sidor import likadan, personal, sparat
from insatser.forms import lagg_till_fel
from insatser.services import RegelBrott
from organisation.behorighet import InloggadRequest
from organisation.sparat_arbete import sparar_arbete


@sparar_arbete(visas_pa="dokumentation:deltagande")
@personal
@require_POST
def journal_ny(request: InloggadRequest, pk: int) -> HttpResponse:
    d = hamta_deltagande(
        request, pk, handling=Atkomstlogg.Handling.ANDRA, vad="Skrev journalanteckning"
    )
    form = JournalForm(request.POST, deltagande=d)
    if form.is_valid() and not likadan(request, form):
        try:
            anteckning = skriv_journalanteckning(
                deltagande=d,
                text=form.cleaned_data["text"],
                anvandare=request.user,
                rattar=form.cleaned_data["rattar"],
                nyckel=form.cleaned_data["nyckel"],
            )
        except RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            sparat(
                request,
                anteckning,
                "anteckningen",
                "Anteckningen är signerad.",
                form=form,
                url=d.get_absolute_url(),
            )
            return redirect(d)
    return visa_deltagande(request, d, SamtalForm(), form)
