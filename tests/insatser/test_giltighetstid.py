"""An insats's last day in force is never before its first: one rule (`giltighetstid_fel`)
for the secretary's form, the services that write (a new insats, an edit, an ending, an
import) and PostgreSQL's CHECK `insats_slutar_inte_fore_start`."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from insatser import andringar, services
from insatser.models import Insats, Villkor
from insatser.regler import giltighetstid_fel
from tests.factories import BeslutFactory, KatalogFactory
from tests.insatser.test_views import insatsdata, sekreterare_i

D = datetime.date


def test_the_rule():
    assert giltighetstid_fel(giltig_fran=D(2026, 3, 1), giltig_till=D(2026, 3, 1)) == []
    assert giltighetstid_fel(giltig_fran=None, giltig_till=D(2026, 3, 1)) == []
    assert giltighetstid_fel(giltig_fran=D(2026, 3, 1), giltig_till=None) == []
    [fel] = giltighetstid_fel(giltig_fran=D(2026, 3, 1), giltig_till=D(2026, 2, 28))
    assert (fel.kod, fel.falt) == ("slutar_fore_start", "giltig_till")
    assert "2026-03-01" in fel.meddelande
    [fel] = giltighetstid_fel(
        giltig_fran=D(2026, 3, 1), giltig_till=D(2026, 2, 1), falt="sista_dag"
    )
    assert fel.falt == "sista_dag"


@pytest.fixture
def katalog(db):
    return KatalogFactory(kommun="Testköping")


def _insats(katalog, **falt):
    return Insats(
        katalog=katalog,
        namn="Stödsamtal",
        slag=Insats.Slag.STODSAMTAL,
        innehall="Samtal med en socionom.",
        malgrupp="Vuxna",
        dokumentationsregel="14:4",
        **falt,
    )


def test_the_form_says_it_next_to_the_field_in_swedish(client, katalog):
    client.force_login(sekreterare_i("Testköping"))
    data = insatsdata(giltig_fran="2026-03-01", giltig_till="2026-02-01")
    svar = client.post(reverse("insatser:ny", args=[katalog.slug]), data)
    assert svar.status_code == 200
    assert svar.context["form"].errors["giltig_till"] == [
        "Sista dagen kan inte ligga före den dag insatsen börjar gälla (2026-03-01)."
    ]
    assert not Insats.objects.exists()


def test_the_services_refuse_it(katalog):
    with pytest.raises(services.RegelBrott) as fel:
        services.skapa_insats(
            insats=_insats(katalog, giltig_fran=D(2026, 3, 1), giltig_till=D(2026, 2, 1)),
            villkor=[Villkor(typ=Villkor.Typ.ALDER, min_alder=18)],
            anvandare=None,
        )
    assert [o.kod for o in fel.value.overtradelser] == ["slutar_fore_start"]
    assert not Insats.objects.exists()


def test_the_nämnd_cannot_end_an_insats_before_its_first_day(katalog):
    # Decided in November from 1 January; ended by a decision from the same day, with New
    # Year's Eve as the last day, the insats would end before it began.
    november = BeslutFactory(
        katalog=katalog, datum=D(2026, 11, 19), galler_fran=D(2027, 1, 1), paragraf="SN § 90"
    )
    insats = services.skapa_insats(insats=_insats(katalog), villkor=[], anvandare=None)
    [insats] = services.besluta_insatser(insatser=[insats], beslut=november, anvandare=None)
    assert insats.giltig_fran == D(2027, 1, 1)
    with pytest.raises(services.RegelBrott) as fel:
        andringar.upphora_insats(
            insats=insats,
            beslut=november,
            anvandare=None,
            sista_dag=D(2026, 12, 31),
            idag=D(2026, 11, 20),
        )
    assert [o.kod for o in fel.value.overtradelser] == ["slutar_fore_start"]
    assert not insats.beslutade_andringar.exists()


def test_the_database_refuses_it_even_past_the_code(katalog):
    insats = services.skapa_insats(
        insats=_insats(katalog, giltig_fran=D(2026, 3, 1)), villkor=[], anvandare=None
    )
    with (
        pytest.raises(IntegrityError, match="insats_slutar_inte_fore_start"),
        transaction.atomic(),
    ):
        Insats.objects.filter(pk=insats.pk).update(giltig_till=D(2026, 2, 28))
    Insats.objects.filter(pk=insats.pk).update(giltig_till=D(2026, 3, 1))
