"""Every door to a record without identity runs the guard (14 kap. 4–5 §§ SoL): the forms say
what was found next to the field and save nothing; the catalogue import refuses a
personnummer anywhere and names its JSON path; the follow-up refuses identity in its texts."""

import datetime
import json
import uuid

import pytest
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande
from dokumentation.tillfallen.models import Omgang
from insatser.katalogfil import importera_katalog
from insatser.katalogformat import exportera_katalog
from insatser.katalogkontroll import OgiltigKatalogfil
from insatser.models import Insats
from tests.dokumentation.conftest import registrera
from tests.factories import ARSUPPFOLJNING_IFYLLD
from uppfoljning.models import Arsuppfoljning

IDAG = datetime.date.today().isoformat()
NAMN = "Mamma Fatima Hassan ringde och var orolig"


@pytest.mark.django_db
class TestForms:
    def test_ending_a_14_4_participation(self, client, personal, radgivning):
        d = registrera(personal, radgivning).deltagande
        client.force_login(personal)
        url = reverse("dokumentation:avsluta", args=[d.pk])
        for falt, text, vad in [
            ("avbrott_text", NAMN, "ett namn"),
            ("avbrott_text", "ring 070.123 45 67", "ett telefonnummer (070…67)"),
            ("problem_text", "bor på Storg. 12 B", "en adress"),
        ]:
            svar = client.post(
                url,
                {
                    "slutdatum": IDAG,
                    "avbrott": "ja",
                    "avbrottsorsak": "annat",
                    "problem": "annat",
                    falt: text,
                },
            )
            assert svar.status_code == 200
            fel = svar.context["form"].errors[falt][0]
            assert f"verkar innehålla {vad}" in fel and "14 kap. 4–5 §§" in fel
        d.refresh_from_db()
        assert d.status == Deltagande.Status.PAGAENDE and not d.avbrott_text

    def test_a_round_name(self, client, personal, grupp):
        client.force_login(personal)
        data = {
            "nyckel": uuid.uuid4(),
            "insats": grupp.pk,
            "benamning": "Grupp hos Fatima Hassan",
            "startdatum": IDAG,
            "antal_traffar": 4,
            "min_deltagare": 2,
            "max_deltagare": 8,
        }
        svar = client.post(reverse("dokumentation:omgangar"), data)
        assert "ett namn" in svar.context["form"].errors["benamning"][0]
        assert not Omgang.objects.exists()
        svar = client.post(reverse("dokumentation:omgangar"), {**data, "benamning": "ABC vt 2027"})
        assert svar.status_code == 302 and Omgang.objects.get().benamning == "ABC vt 2027"

    def test_the_yearly_follow_up_of_a_14_5_insats(self, client, enhetschef, grupp):
        client.force_login(enhetschef)
        url = reverse("uppfoljning:arsuppfoljning", args=[grupp.pk, 2025])
        text = {
            **ARSUPPFOLJNING_IFYLLD,
            "analys": "Gruppen fylldes. Pappan Mikael Andersson var mycket nöjd.",
            "signera": "1",
        }
        svar = client.post(url, text)
        assert svar.status_code == 200
        assert "ett namn" in svar.context["form"].errors["analys"][0]
        assert not Arsuppfoljning.objects.filter(status="signerad").exists()


@pytest.mark.django_db
class TestCatalogueImport:
    def katalog(self, **andringar):
        with open("insatser/demo/sjobacka.json", encoding="utf-8") as f:
            data = json.load(f)
        data["insatser"][0].update(andringar)
        return json.dumps(data, ensure_ascii=False)

    def test_a_personnummer_anywhere_is_refused_with_its_path(self):
        with pytest.raises(OgiltigKatalogfil) as fel:
            importera_katalog(
                self.katalog(innehall="Ring Anna, 19850312-1231, om du undrar."), anvandare=None
            )
        assert any(f.startswith("$.insatser[0].innehall:") for f in fel.value.fel)
        assert "personnummer" in " ".join(fel.value.fel)
        assert not Insats.objects.exists()

    def test_the_units_own_contact_details_are_allowed(self):
        resultat = importera_katalog(
            self.katalog(innehall="Ring familjecentralen på 0224-123 45."), anvandare=None
        )
        assert resultat.nya

    def test_the_rule_of_an_insats_with_records_cannot_change(self, personal, utforare):
        resultat = importera_katalog(self.katalog(), anvandare=None)
        insats = Insats.objects.get(namn=resultat.nya[0])
        data = exportera_katalog(resultat.katalog)
        assert insats.status == Insats.Status.BESLUTAD
        insats.utforare = utforare
        insats.save()
        registrera(personal, insats, svar=["uppfyllt"] * 2, barnets_alder=5, utfall="avbojde")
        data["insatser"][0]["dokumentation"]["regel"] = "14:3"
        with pytest.raises(OgiltigKatalogfil) as fel:
            importera_katalog(json.dumps(data, ensure_ascii=False), anvandare=None)
        assert "Dokumentationsregeln kan inte ändras" in " ".join(fel.value.fel)


@pytest.mark.django_db
def test_a_case_system_name_that_identifies_is_refused_on_import():
    """Its name is written into every participation: it is read like a record's text."""
    with open("insatser/demo/sjobacka.json", encoding="utf-8") as f:
        data = json.load(f)
    data["insatser"][0]["dokumentation"]["verksamhetssystem"] = "Lifecare, fråga Anna Svensson"
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(json.dumps(data, ensure_ascii=False), anvandare=None)
    assert any(
        f.startswith("$.insatser[0].dokumentation.verksamhetssystem:") for f in fel.value.fel
    )
