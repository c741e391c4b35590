"""`make run` loads the demo municipality: it must work, and twice."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from dokumentation.deltagande.models import Deltagande
from dokumentation.kontakter.models import Kontakt
from dokumentation.logg.atkomst import far_oppna
from dokumentation.logg.granskning import granska, mina_loggar
from dokumentation.logg.models import Atkomstlogg
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
    # An access log to read and review, where identified data is: the utförare's own staff
    # read, and its enhetschef read some that are not hers (the review's flags).
    logg = Atkomstlogg.objects.all()
    assert set(logg.values_list("utforare__namn", flat=True)) == {"Vuxenenheten"}
    assert set(logg.values_list("anvandare__username", flat=True)) == {"personal3", "enhetschef2"}
    assert all(d.person_id for d in Deltagande.objects.filter(pk__in=logg.values("deltagande")))
    rader = logg.count()
    assert rader > 10
    # Spread over the demo's last two months on working days, as a month under review looks,
    # never in the future, and this month too (the review below).
    dagar = {timezone.localdate(t) for t in logg.values_list("tidpunkt", flat=True)}
    idag = timezone.localdate()
    assert len(dagar) > 8 and max(dagar) <= idag
    assert min(dagar) >= idag - datetime.timedelta(days=60)
    assert len({(d.year, d.month) for d in dagar}) >= 2
    assert all(t <= timezone.now() for t in logg.values_list("tidpunkt", flat=True))
    chef = Anvandare.objects.get(username="enhetschef2")
    assert granska(mina_loggar(chef), timezone.localdate().replace(day=1))
    # A colleague at Vuxenenheten does not open personal3's participant with a protected
    # identity; personal3 and the enhetschef do.
    assert "personal4" in utskrift
    skyddad = Deltagande.objects.get(person__skyddad_identitet=True, utforare__namn="Vuxenenheten")
    kollega = Anvandare.objects.get(username="personal4")
    assert kollega.behorigheter.get().utforare == skyddad.utforare
    assert not far_oppna(kollega, skyddad)
    assert far_oppna(Anvandare.objects.get(username="personal3"), skyddad)
    assert far_oppna(chef, skyddad)
    call_command("demodata", "--tyst")
    assert Deltagande.objects.filter(person__skyddad_identitet=True).count() == 1
    assert Kontakt.objects.count() == kontakter
    assert Atkomstlogg.objects.count() == rader


@pytest.mark.django_db
def test_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demodata")


@pytest.mark.django_db
@pytest.mark.parametrize("vad", ["ett eget konto", "ett konto med demons namn", "en kommun"])
def test_demo_refuses_a_database_that_is_not_the_demos(settings, vad):
    """DEBUG=true set by mistake against a real installation's database: the demo would give
    a real account a demo role, or put a fake municipality with known passwords beside a real
    one. It refuses as soon as anything there is not the demo's own, and changes nothing."""
    from organisation.models import Kommun
    from tests.factories import AnvandareFactory

    settings.DEBUG = True
    if vad == "ett eget konto":
        AnvandareFactory(username="anna.svensson")
    elif vad == "ett konto med demons namn":
        AnvandareFactory(username="admin")  # its own password, not the demo's
    else:
        Kommun.objects.create(namn="Askersund", slug="askersund")
    antal = Anvandare.objects.count()
    with pytest.raises(CommandError, match="som inte är demons"):
        call_command("demodata", "--tyst")
    assert Anvandare.objects.count() == antal and not Insats.objects.exists()
    assert not Anvandare.objects.filter(behorigheter__isnull=False).exists()
