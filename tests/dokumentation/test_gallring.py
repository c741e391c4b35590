"""Gallring: identified data goes when its retention has passed; the de-identified statistics
and every report for a past year stay exactly the same."""

import datetime
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from dokumentation.deltagande.models import Deltagande, Person
from dokumentation.deltagande.services import avsluta_deltagande, registrera_samtal
from dokumentation.gallring.models import Gallring
from dokumentation.journal.models import Journalanteckning
from dokumentation.journal.services import skriv_journalanteckning
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from insatser.models import Katalog
from tests.dokumentation.conftest import forbi_trigger, registrera
from uppfoljning import indikatorer, publicerat, publicering
from uppfoljning.perioder import Period

IDAG = datetime.date.today()
GAMMALT = datetime.date(IDAG.year - 7, 3, 1)


def alla_rapporter():
    """Every statistic of every year, as computed from the records (what a publication is
    made of), and every stored publication."""
    ar = [Period(a) for a in range(GAMMALT.year - 1, IDAG.year + 1)]
    publicering.publicera_allt()
    return [u.siffror() for u in indikatorer.Underlag.flera(ar)], [
        publicerat.Publicerat(k).poster for k in Katalog.objects.all()
    ]


@pytest.fixture
def personer(personal, full_dokumentation):
    def deltar(pnr, datum, slut):
        d = registrera(
            personal,
            full_dokumentation,
            svar=["uppfyllt"],
            datum=datum,
            person=Personuppgifter(pnr, "Test", "Person", False),
        ).deltagande
        registrera_samtal(
            deltagande=d,
            datum=datum,
            langd_minuter=45,
            kanal="telefon",
            personal=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
        skriv_journalanteckning(deltagande=d, text="Anteckning.", anvandare=personal)
        if slut:
            avsluta_deltagande(deltagande=d, slutdatum=slut, avbrott=False, idag=IDAG)
        return d

    # An old person with two participations (counted once), long ended.
    deltar("198112189876", GAMMALT, GAMMALT + datetime.timedelta(days=30))
    deltar(
        "198112189876", GAMMALT + datetime.timedelta(days=60), GAMMALT + datetime.timedelta(days=90)
    )
    # Old but still ongoing: kept.
    deltar("196408233234", GAMMALT, None)
    # Recent: kept.
    deltar("191212121212", IDAG - datetime.timedelta(days=30), IDAG)
    # The notes were signed just now; date them as written at the time.
    with forbi_trigger("dokumentation_journalanteckning", "journal_signerad_andras_aldrig"):
        Journalanteckning.objects.filter(
            deltagande__startdatum__lt=IDAG.replace(year=IDAG.year - 5)
        ).update(signerad=datetime.datetime(GAMMALT.year, 3, 1, tzinfo=datetime.UTC))


def test_dry_run_changes_nothing(personer, capsys):
    call_command("gallra", "--dry-run")
    assert (
        "Skulle gallra 1 personer (2 deltaganden, 2 journalanteckningar, 0 fritexter)"
        in capsys.readouterr().out
    )
    assert Person.objects.count() == 3 and not Gallring.objects.exists()


def test_gallring_deletes_identity_and_keeps_every_report(personer, capsys):
    fore = alla_rapporter()
    call_command("gallra")
    assert "Gallrade 1 personer" in capsys.readouterr().out
    assert not Person.objects.filter(personnummer="198112189876").exists()
    assert Person.objects.count() == 2
    gallrade = Deltagande.objects.filter(person=None, deltagarkod=None)
    assert gallrade.count() == 2 and gallrade.values("personnyckel").distinct().count() == 1
    assert Journalanteckning.objects.count() == 2
    logg = Gallring.objects.get()
    assert (logg.personer, logg.deltaganden, logg.journalanteckningar) == (1, 2, 2)
    assert alla_rapporter() == fore
    call_command("gallra")
    assert Gallring.objects.count() == 1  # nothing more to do, nothing logged


def test_retention_is_configurable(personer, capsys):
    call_command("gallra", "--dry-run", "--ar", "10")
    assert "Skulle gallra 0 personer" in capsys.readouterr().out


def test_gallring_empties_the_free_text_that_may_name_others(personer, capsys):
    """A 14:3 text may mention someone else by name: it goes with the identity."""
    gammal = Deltagande.objects.filter(person__personnummer="198112189876")
    gammal.update(avbrott_text="Flyttade till sin syster Lena.", problem_text="Ring Bo.")
    fore = alla_rapporter()
    call_command("gallra")
    assert "2 fritexter" in capsys.readouterr().out
    assert not Deltagande.objects.exclude(problem_text="", avbrott_text="").exists()
    assert Gallring.objects.get().fritexter == 2
    assert alla_rapporter() == fore


def test_an_archive_decision_keeps_people_born_on_given_days(personer, settings, capsys):
    settings.GALLRING_SPARA_FODDA_DAG = [5, 15, 18, 25]  # 19811218 is born on the 18th
    call_command("gallra")
    assert "1 personer sparas enligt arkivbeslut" in capsys.readouterr().out
    assert Person.objects.count() == 3
    assert not Gallring.objects.exists()  # nobody was gallrad: nothing to record


def test_a_retention_below_the_minimum_is_refused(personer):
    with pytest.raises(CommandError, match="kortare än 5 år"):
        call_command("gallra", "--ar", "2")
    assert Person.objects.count() == 3


def test_the_access_log_is_kept_for_its_own_retention(personer, personal, utforare, settings):
    """Rows older than ATKOMSTLOGG_AR go with the yearly gallring, the rest stay."""

    deltagande = Deltagande.objects.exclude(person=None).first()
    for _ in range(2):
        Atkomstlogg.objects.create(
            anvandare=personal,
            utforare=utforare,
            handling=Atkomstlogg.Handling.LASA,
            deltagande=deltagande,
            vad="Deltagandet",
        )
    gammal = Atkomstlogg.objects.order_by("pk").first()
    with forbi_trigger("dokumentation_atkomstlogg", "atkomstlogg_bara_tillagg"):
        Atkomstlogg.objects.filter(pk=gammal.pk).update(
            tidpunkt=timezone.now() - datetime.timedelta(days=365 * settings.ATKOMSTLOGG_AR + 2)
        )
    call_command("gallra")
    assert not Atkomstlogg.objects.filter(pk=gammal.pk).exists()
    assert Atkomstlogg.objects.filter(vad="Deltagandet").count() == 1
    assert Gallring.objects.get().loggrader == 1
