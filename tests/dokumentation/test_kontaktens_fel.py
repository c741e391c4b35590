"""The contact form sent with nothing filled in: each field says in Swedish what is missing,
next to the field, all at once (not Django's "Detta fält måste fyllas i")."""

import uuid

import pytest
from django.urls import reverse

from dokumentation.kontakter.models import Kontakt
from tests.factories import VillkorFactory


@pytest.mark.django_db
def test_every_missing_answer_is_named_at_its_field(client, personal, radgivning):
    VillkorFactory(insats=radgivning, typ="folkbokford", kommun="Sjöbacka")
    client.force_login(personal)
    url = reverse("dokumentation:kontakt_ny", args=[radgivning.pk])
    svar = client.post(url, {"nyckel": str(uuid.uuid4()), "datum": "", "kanal": ""})
    assert svar.status_code == 200
    form = svar.context["form"]
    fel = {falt: [str(m) for m in meddelanden] for falt, meddelanden in form.errors.items()}
    assert fel["datum"] == ["Ange kontaktens datum."]
    assert fel["kanal"] == ["Välj hur kontakten togs."]
    assert fel["kon"] == ["Välj kön, eller ”Vill inte uppge”."]
    assert fel["utfall"] == ["Välj vad kontakten ledde till."]
    assert fel["villkor_1"] == ["Svara på villkoret."]
    assert fel["informerad"][0].startswith("Bekräfta att personen har fått information")
    assert "Detta fält måste fyllas i" not in svar.text
    assert "Ange kontaktens datum." in svar.text
    assert not Kontakt.objects.exists()


@pytest.mark.django_db
def test_a_date_that_is_no_date_says_how_to_write_it(client, personal, radgivning):
    client.force_login(personal)
    url = reverse("dokumentation:kontakt_ny", args=[radgivning.pk])
    svar = client.post(url, {"nyckel": str(uuid.uuid4()), "datum": "12 mars"})
    assert svar.context["form"].errors["datum"] == [
        "Ange kontaktens datum som år-månad-dag, till exempel 2026-03-12."
    ]


@pytest.mark.django_db
def test_the_summary_drops_a_villkors_final_full_stop_before_the_colon(
    client, personal, radgivning
):
    VillkorFactory(insats=radgivning, typ="alder", min_alder=18, max_alder=None)
    client.force_login(personal)
    url = reverse("dokumentation:kontakt_ny", args=[radgivning.pk])
    svar = client.post(url, {"nyckel": str(uuid.uuid4()), "datum": ""})
    assert svar.status_code == 200
    assert svar.context["form"].fields["villkor_1"].label == "Du ska ha fyllt 18 år."
    assert "Du ska ha fyllt 18 år: Svara på villkoret." in svar.text
    assert ".:" not in svar.text
    # A label that is no sentence keeps its last letter.
    assert "Datum: Ange kontaktens datum." in svar.text
