"""`manage.py paminn`: e-mail reminders of overdue yearly follow-ups to the enhetschef (their
own utförare's) and the verksamhetschef (the municipality's list), at most once a week per
follow-up, nothing without a mail server, and no participant in any mail."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from organisation.models import Roll
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory, InsatsFactory, KatalogFactory, provkommun
from uppfoljning import publicering, services
from uppfoljning.models import Arsuppfoljning, Paminnelse

AR = datetime.date.today().year - 1
IDAG = datetime.date(AR + 1, 4, 15)  # the deadline, 31 March, has passed


def signerbar(insats):
    return Arsuppfoljning(
        insats=insats,
        ar=AR,
        analys="Analys.",
        sammanfattning="Sammanfattning.",
        slutsats="Slutsats.",
        bedomning="delvis",
        forslag="behall",
    )


@pytest.fixture
def epost(settings):
    settings.EPOST_KONFIGURERAD = True
    settings.CSRF_TRUSTED_ORIGINS = ["https://iub.example.se"]


@pytest.fixture
def forsenad(personal, utforare, annan_utforare, enhetschef, verksamhetschef):
    enhetschef.email = "enhetschef@example.se"
    enhetschef.save()
    verksamhetschef.email = "vc@example.se"
    verksamhetschef.save()
    katalog = KatalogFactory()
    stod = InsatsFactory(
        katalog=katalog, utforare=utforare, beslutad=True, namn="Stödsamtal", form="individuell"
    )
    klar = InsatsFactory(
        katalog=katalog, utforare=utforare, beslutad=True, namn="Klar grupp", form="individuell"
    )
    for insats in (stod, klar):
        for n in range(6):
            registrera(
                personal,
                insats,
                datum=datetime.date(AR, 2, 1 + n),
                kon="kvinna",
                alder=30,
            )
    publicering.publicera_allt()
    services.spara_arsuppfoljning(
        uppfoljning=signerbar(klar),
        version=1,
        signera=True,
        anvandare=enhetschef,
    )
    return {"katalog": katalog, "stod": stod, "klar": klar}


def test_without_a_mail_server_nothing_is_sent(forsenad, settings, capsys):
    settings.EPOST_KONFIGURERAD = False
    call_command("paminn", idag=IDAG)
    assert "Ingen e-postserver" in capsys.readouterr().out
    assert mail.outbox == [] and not Paminnelse.objects.exists()


def test_the_enhetschef_and_the_verksamhetschef_are_reminded(forsenad, epost, capsys):
    call_command("paminn", idag=IDAG)
    assert sorted(m.to[0] for m in mail.outbox) == ["enhetschef@example.se", "vc@example.se"]
    till_chefen = next(m for m in mail.outbox if m.to == ["enhetschef@example.se"])
    assert "Stödsamtal" in till_chefen.body and f"år {AR}" in till_chefen.body
    assert "Klar grupp" not in till_chefen.body  # signed: not overdue
    assert "https://iub.example.se/uppfoljning/insats/" in till_chefen.body
    for m in mail.outbox:
        # Catalogue and follow-up only: no participant, whatever was registered.
        assert "kvinna" not in m.body and not re.search(r"\d{6,8}-?\d{4}", m.body)
    assert Paminnelse.objects.get().insats == forsenad["stod"]
    assert "enhetschef@example.se" in capsys.readouterr().out


def test_at_most_once_a_week_per_follow_up(forsenad, epost):
    call_command("paminn", idag=IDAG)
    assert len(mail.outbox) == 2
    call_command("paminn", idag=IDAG)
    assert len(mail.outbox) == 2
    Paminnelse.objects.update(skickad=timezone.now() - datetime.timedelta(days=6))
    call_command("paminn", idag=IDAG)
    assert len(mail.outbox) == 2
    Paminnelse.objects.update(skickad=timezone.now() - datetime.timedelta(days=7, minutes=1))
    call_command("paminn", idag=IDAG)
    assert len(mail.outbox) == 4


def test_before_the_deadline_and_once_signed_nobody_is_reminded(forsenad, epost, enhetschef):
    call_command("paminn", idag=datetime.date(AR + 1, 3, 31))
    assert mail.outbox == []
    services.spara_arsuppfoljning(
        uppfoljning=signerbar(forsenad["stod"]),
        version=1,
        signera=True,
        anvandare=enhetschef,
    )
    call_command("paminn", idag=IDAG)
    assert mail.outbox == []


def test_only_their_own_and_only_with_an_address(forsenad, epost, annan_utforare):
    # The enhetschef elsewhere and the verksamhetschef of another municipality hear nothing;
    # a chief without an address is skipped.
    annan_chef = AnvandareFactory.med_roll(Roll.ENHETSCHEF, annan_utforare, email="a@example.se")
    KatalogFactory(kommun="Annanstad")
    AnvandareFactory.med_roll(
        Roll.VERKSAMHETSCHEF, kommun=provkommun("Annanstad"), email="annan-vc@example.se"
    )
    AnvandareFactory.med_roll(Roll.VERKSAMHETSCHEF, kommun=provkommun(), email="")
    call_command("paminn", idag=IDAG)
    mottagare = {m.to[0] for m in mail.outbox}
    assert mottagare == {"enhetschef@example.se", "vc@example.se"}
    assert annan_chef.email not in mottagare
