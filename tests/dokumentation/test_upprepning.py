"""Every form that creates something, sent again as it was (a double click, a retry after a
network error, a replayed POST), creates one record and answers "Redan sparad" (issue 17)."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from dokumentation.journal.models import Journalanteckning
from dokumentation.kontakter.models import Kontakt
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from dokumentation.tillfallen.models import Omgang, Tillfalle
from organisation.models import Roll
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory

pytestmark = pytest.mark.django_db
IDAG = timezone.localdate()


def formular(name, skapa):
    return pytest.param(name, skapa, id=name)


def kontakt(personal, radgivning, **_):
    url = reverse("dokumentation:kontakt_ny", args=[radgivning.pk])
    data = {
        "nyckel": str(uuid.uuid4()),
        "datum": IDAG.isoformat(),
        "kanal": "pa_plats",
        "alder": "34",
        "kon": "kvinna",
        "informerad": "on",
        "utfall": "deltar",
    }
    return url, data, lambda: Kontakt.objects.count()


def samtal(personal, radgivning, **_):
    d = registrera(personal, radgivning).deltagande
    url = reverse("dokumentation:samtal_ny", args=[d.pk])
    data = {"nyckel": str(uuid.uuid4()), "datum": IDAG, "kanal": "telefon", "langd_minuter": 30}
    return url, data, lambda: d.tillfallen.count()


def journal(personal, full_dokumentation, **_):
    d = registrera(
        personal,
        full_dokumentation,
        svar=["uppfyllt"],
        person=Personuppgifter("198112189876", "Anna", "Svensson", False),
    ).deltagande
    url = reverse("dokumentation:journal_ny", args=[d.pk])
    data = {"nyckel": str(uuid.uuid4()), "text": "Träffades och gick igenom planen."}
    return url, data, lambda: Journalanteckning.objects.filter(deltagande=d).count()


def omgang(personal, grupp, **_):
    data = {
        "nyckel": str(uuid.uuid4()),
        "insats": grupp.pk,
        "benamning": "Höstens grupp",
        "startdatum": (IDAG + datetime.timedelta(days=30)).isoformat(),
        "antal_traffar": "4",
        "min_deltagare": "2",
        "max_deltagare": "8",
    }
    return reverse("dokumentation:omgangar"), data, lambda: Omgang.objects.count()


def traff(personal, grupp, **_):
    o = Omgang.objects.create(
        insats=grupp,
        utforare=grupp.utforare,
        benamning="Vår",
        startdatum=IDAG,
        antal_traffar=4,
        max_deltagare=8,
    )
    url = reverse("dokumentation:omgang", args=[o.pk])
    data = {"nyckel": str(uuid.uuid4()), "datum": IDAG, "langd_minuter": "90"}
    return url, data, lambda: Tillfalle.objects.filter(omgang=o).count()


def oppning(personal, oppen, **_):
    url = reverse("dokumentation:oppning_ny", args=[oppen.pk])
    data = {"nyckel": str(uuid.uuid4()), "datum": IDAG, "antal_kvinna_25-44": "3"}
    return url, data, lambda: Tillfalle.objects.filter(insats=oppen).count()


@pytest.fixture
def fallet(skapa, personal, radgivning, full_dokumentation, grupp, oppen):
    """The parametrized form's (url, data, count of what it creates)."""
    return skapa(
        personal=personal,
        radgivning=radgivning,
        full_dokumentation=full_dokumentation,
        grupp=grupp,
        oppen=oppen,
    )


# Every form that creates a record, as (name, what it posts where and what it counts).
FORMULAREN = [
    formular("kontakt", kontakt),
    formular("samtal", samtal),
    formular("journalanteckning", journal),
    formular("omgång", omgang),
    formular("gruppträff", traff),
    formular("öppning", oppning),
]


@pytest.mark.parametrize(("namn", "skapa"), FORMULAREN)
def test_a_form_sent_twice_saves_once(client, personal, fallet, namn):
    url, data, antal = fallet
    client.force_login(personal)
    fore = antal()
    forsta = client.post(url, data)
    assert forsta.status_code == 302, namn
    assert antal() == fore + 1
    andra = client.post(url, data, follow=True)
    assert andra.status_code == 200
    assert antal() == fore + 1, namn
    if namn != "gruppträff":  # the meeting's page is where the first one led
        assert "Redan sparad" in andra.text, namn


@pytest.mark.parametrize(("namn", "skapa"), FORMULAREN)
def test_a_colleagues_form_key_is_refused_and_never_leads_to_what_it_saved(
    client, personal, utforare, fallet, namn
):
    """The one-time key is the sender's: a colleague at the same utförare who sends the same
    form (a shared computer's Back, a copied page) is told to fill it in anew, is not told
    "Redan sparad" and is not sent to the record the key made."""
    url, data, antal = fallet
    client.force_login(personal)
    forsta = client.post(url, data)
    assert forsta.status_code == 302, namn
    fore = antal()
    kollega = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare, username="k2")
    client.force_login(kollega)
    svar = client.post(url, data)
    assert svar.status_code == 200, (namn, svar.get("Location"))
    assert "Formuläret har redan använts" in svar.text, namn
    assert "Redan sparad" not in svar.text
    assert antal() == fore
    if namn == "journalanteckning":  # the refusal shows the identified participation: logged
        assert Atkomstlogg.objects.filter(anvandare=kollega).exists()
    # The form comes back with a fresh key: sent again as it stands, it saves.
    ny = re.search(r'name="nyckel" value="([^"]+)"', svar.text)
    assert ny and ny.group(1) != str(data["nyckel"]), namn
    assert client.post(url, {**data, "nyckel": ny.group(1)}).status_code == 302, namn
    assert antal() == fore + 1, namn
