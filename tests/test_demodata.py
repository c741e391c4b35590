"""`make run` loads the demo municipality: it must work, and twice."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dokumentation.kontakter.models import Kontakt
from insatser.models import Insats, Villkor
from organisation.models import Anvandare, Roll


@pytest.mark.django_db
def test_demo_covers_the_catalogue_and_every_role(settings, capsys):
    settings.DEBUG = True
    call_command("demodata")
    utskrift = capsys.readouterr().out
    assert "demo-iub-2026" in utskrift
    assert {b for (b,) in Anvandare.objects.values_list("behorigheter__roll")} == set(Roll.values)
    insatser = Insats.objects.filter(katalog__kommun="Sjöbacka")
    assert insatser.filter(status="beslutad").count() >= 15
    assert set(insatser.values_list("dokumentationsregel", flat=True)) == {
        "14:3",
        "14:4",
        "14:5",
        "14:4+14:5",
    }
    assert set(Villkor.objects.values_list("typ", flat=True)) == set(Villkor.Typ.values)
    assert (
        insatser.filter(form="grupp").exists() and insatser.filter(form="oppen_verksamhet").exists()
    )
    assert insatser.filter(utforare__regi="extern").exists()
    kontakter = Kontakt.objects.count()
    assert kontakter > 100
    call_command("demodata", "--tyst")
    assert Kontakt.objects.count() == kontakter


@pytest.mark.django_db
def test_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demodata")
