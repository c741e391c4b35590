"""Registration reads the catalogue as the nämnd's decisions stood on the contact's day
(issue 18): a later decision does not change what a contact on an earlier day was under."""

import datetime
import uuid

import pytest

from dokumentation.kontakter.models import Kontakt
from dokumentation.tillfallen.services import registrera_oppning, registrera_traff
from insatser import andringar, katalogcache, services
from insatser.models import Insats, Villkor
from insatser.services import RegelBrott
from tests.dokumentation.conftest import registrera
from tests.dokumentation.test_tak import ny_kod
from tests.factories import BeslutFactory

D = datetime.date


def andra_under_nytt_beslut(insats, datum, *, villkor=None, **falt):
    insats = Insats.objects.get(pk=insats.pk)
    for namn, varde in falt.items():
        setattr(insats, namn, varde)
    andringar.andra_insats(
        insats=insats,
        villkor=list(insats.villkor.all()) if villkor is None else villkor,
        anvandare=None,
        beslut=BeslutFactory(katalog=insats.katalog, datum=datum),
        version=insats.version,
    )


@pytest.mark.django_db
def test_a_participation_gets_the_caps_in_force_on_its_day(personal, radgivning):
    # Decided in January with at most 5 talks; from June at most 8.
    andra_under_nytt_beslut(radgivning, D(2026, 6, 1), max_tillfallen=8)
    maj = registrera(personal, katalogcache.insats(radgivning.pk), datum=D(2026, 5, 4))
    juni = registrera(personal, katalogcache.insats(radgivning.pk), datum=D(2026, 6, 1))
    assert maj.deltagande.max_tillfallen == 5
    assert juni.deltagande.max_tillfallen == 8


@pytest.mark.django_db
def test_a_contact_before_the_villkor_changed_is_refused_at_the_date(personal, radgivning):
    andra_under_nytt_beslut(
        radgivning, D(2026, 9, 1), villkor=[Villkor(typ=Villkor.Typ.ALDER, min_alder=18)]
    )
    insats = katalogcache.insats(radgivning.pk)
    with pytest.raises(RegelBrott) as fel:
        registrera(personal, insats, datum=D(2026, 8, 31), svar=["uppfyllt"])
    assert [(o.kod, o.falt) for o in fel.value.overtradelser] == [("andrad_efter_dagen", "datum")]
    assert not Kontakt.objects.exists()
    registrera(personal, insats, datum=D(2026, 9, 1), svar=["uppfyllt"])
    assert Kontakt.objects.count() == 1


# A decision that takes effect on a later day (entered 40 days ago for 10 days ago): the first
# read of the day puts it in force before anything is registered under it.
DAGEN = datetime.date.today() - datetime.timedelta(days=10)


@pytest.fixture
def ny_dag(monkeypatch):
    monkeypatch.setattr(services, "_verkstallt_till", None)


def besluta_i_forvag(insats, *, villkor=None, **falt):
    insats = Insats.objects.get(pk=insats.pk)
    for namn, varde in falt.items():
        setattr(insats, namn, varde)
    beslut = BeslutFactory(
        katalog=insats.katalog, datum=DAGEN - datetime.timedelta(days=35), galler_fran=DAGEN
    )
    andringar.andra_insats(
        insats=insats,
        villkor=list(insats.villkor.all()) if villkor is None else villkor,
        anvandare=None,
        beslut=beslut,
        version=insats.version,
        idag=DAGEN - datetime.timedelta(days=30),
    )
    assert Insats.objects.get(pk=insats.pk).beslut != beslut  # it waits for its day


@pytest.mark.django_db
def test_registration_from_the_day_gets_the_decided_caps(ny_dag, personal, radgivning):
    besluta_i_forvag(radgivning, max_tillfallen=8)
    insats = katalogcache.insats(radgivning.pk)
    fore = registrera(personal, insats, datum=DAGEN - datetime.timedelta(days=1))
    pa_dagen = registrera(personal, insats, datum=DAGEN)
    assert (fore.deltagande.max_tillfallen, pa_dagen.deltagande.max_tillfallen) == (5, 8)


@pytest.mark.django_db
def test_registration_from_the_day_checks_the_decided_villkor(ny_dag, personal, radgivning):
    besluta_i_forvag(radgivning, villkor=[Villkor(typ=Villkor.Typ.ALDER, min_alder=18)])
    insats = katalogcache.insats(radgivning.pk)
    assert [v.min_alder for v in insats.villkor.all()] == [18]
    with pytest.raises(RegelBrott) as fel:
        registrera(personal, insats, datum=DAGEN, alder=16, svar=["ej_uppfyllt"])
    assert not Kontakt.objects.exists() and fel.value.overtradelser
    registrera(personal, insats, datum=DAGEN, svar=["uppfyllt"])
    assert Kontakt.objects.count() == 1


@pytest.mark.django_db
def test_an_insats_decided_for_a_later_day_is_not_registered_before_it(personal, radgivning):
    from django.http import Http404

    from dokumentation.logg.atkomst import hamta_insats

    beslut = BeslutFactory(
        katalog=radgivning.katalog,
        datum=datetime.date.today(),
        galler_fran=datetime.date.today() + datetime.timedelta(days=30),
    )
    Insats.objects.filter(pk=radgivning.pk).update(status="utkast", beslut=None, giltig_fran=None)
    services.besluta_insatser(insatser=[radgivning], beslut=beslut, anvandare=None)
    with pytest.raises(Http404):
        hamta_insats(personal, radgivning.pk)


@pytest.mark.django_db
def test_the_catalogue_wide_21_2_decision_applies_from_its_day(ny_dag, personal, ungdom):
    """21 kap. 2 § for the whole catalogue, decided to apply from a later day: a 16-year-old
    needs a guardian's consent before the day, and not from it."""
    Insats.objects.filter(pk=ungdom.pk).update(utan_samtycke_fran_15=None)  # as the catalogue
    katalog = ungdom.katalog
    katalog.utan_samtycke_fran_15 = True
    andringar.andra_katalog(
        katalog=katalog,
        beslut=BeslutFactory(
            katalog=katalog, datum=DAGEN - datetime.timedelta(days=35), galler_fran=DAGEN
        ),
        anvandare=None,
        idag=DAGEN - datetime.timedelta(days=30),
    )
    insats = katalogcache.insats(ungdom.pk)  # the first read of the day puts it in force
    assert insats.katalog.utan_samtycke_fran_15 and insats.unga_utan_samtycke

    def ung(datum):
        return registrera(
            personal, insats, datum=datum, alder=16, svar=["uppfyllt", "uppfyllt"], unga_vill=True
        )

    with pytest.raises(RegelBrott) as fel:
        ung(DAGEN - datetime.timedelta(days=1))
    assert [o.kod for o in fel.value.overtradelser] == ["samtycke_saknas"]
    assert ung(DAGEN).samtycke == ""


@pytest.mark.django_db
def test_a_new_code_gets_the_caps_in_force_on_its_day(personal, radgivning):
    """A lost card registered afterwards is a participation as any other: the caps of its day."""
    andra_under_nytt_beslut(radgivning, D(2026, 6, 1), max_tillfallen=8)
    insats = katalogcache.insats(radgivning.pk)
    maj = ny_kod(personal, insats, datum=D(2026, 5, 4))
    juni = ny_kod(personal, insats, datum=D(2026, 6, 1))
    assert (maj.max_tillfallen, juni.max_tillfallen) == (5, 8)


@pytest.mark.django_db
@pytest.mark.parametrize("vad", ["träff", "öppning"])
def test_no_meeting_or_opening_before_the_insats_applies(personal, omgang, oppen, vad):
    """As for a contact (and a corrected date): nothing is registered under an insats before
    the nämnd's decision put it in force (11 kap. 5 §)."""
    idag = datetime.date.today()
    fran = idag - datetime.timedelta(days=10)
    insats = omgang.insats if vad == "träff" else oppen
    Insats.objects.filter(pk=insats.pk).update(giltig_fran=fran)
    insats.refresh_from_db()

    def registrera_pa(dag):
        gemensamt = {"datum": dag, "langd_minuter": 90, "personal": personal, "idag": idag}
        if vad == "träff":
            return registrera_traff(omgang=omgang, nyckel=uuid.uuid4(), **gemensamt)
        return registrera_oppning(
            insats=insats, antal={("kvinna", "25-44"): 3}, nyckel=uuid.uuid4(), **gemensamt
        )

    with pytest.raises(RegelBrott) as fel:
        registrera_pa(fran - datetime.timedelta(days=1))
    assert [(o.kod, o.falt) for o in fel.value.overtradelser] == [("fore_insatsen", "datum")]
    assert registrera_pa(fran).datum == fran
