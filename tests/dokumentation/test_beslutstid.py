"""Registration reads the catalogue as the nämnd's decisions stood on the contact's day
(issue 18): a later decision does not change what a contact on an earlier day was under."""

import datetime

import pytest

from dokumentation.kontakter.models import Kontakt
from insatser import katalogcache, services
from insatser.models import Insats, Villkor
from insatser.services import RegelBrott
from tests.dokumentation.conftest import registrera
from tests.factories import BeslutFactory

D = datetime.date


def andra_under_nytt_beslut(insats, datum, *, villkor=None, **falt):
    insats = Insats.objects.get(pk=insats.pk)
    for namn, varde in falt.items():
        setattr(insats, namn, varde)
    services.andra_insats(
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
