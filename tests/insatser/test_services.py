"""The services that write the catalogue run the rules themselves, so no route can skip them."""

import datetime

import pytest
from django.db import IntegrityError

from insatser import andringar, services
from insatser.models import Insats, Villkor
from tests.factories import BeslutFactory, InsatsFactory, KatalogFactory, VillkorFactory


@pytest.fixture
def katalog(db):
    return KatalogFactory()


def test_create_refuses_excluded_insats(katalog):
    with pytest.raises(services.RegelBrott) as fel:
        services.skapa_insats(
            insats=Insats(
                katalog=katalog,
                namn="Stöd till barn",
                slag="kontaktperson",
                dokumentationsregel="14:3",
            ),
            villkor=[],
            anvandare=None,
        )
    assert [o.kod for o in fel.value.overtradelser] == ["aldrig_iub"]
    assert not Insats.objects.exists()


def test_reclassifying_into_an_excluded_kind_is_refused(katalog):
    insats = InsatsFactory(katalog=katalog)
    insats.slag = "familjehem"
    with pytest.raises(services.RegelBrott):
        andringar.andra_insats(
            insats=insats, villkor=[], anvandare=None, beslut=None, version=insats.version
        )
    insats.refresh_from_db()
    assert insats.namn.startswith("Stödsamtal")


def test_create_refuses_contradicting_villkor_and_saves_nothing(katalog):
    with pytest.raises(services.RegelBrott):
        services.skapa_insats(
            insats=Insats(katalog=katalog, namn="Grupp", dokumentationsregel="14:4"),
            villkor=[VillkorFactory.alder(20, 10)],
            anvandare=None,
        )
    assert not Insats.objects.exists() and not Villkor.objects.exists()


def test_create_refuses_a_group_size_upside_down(katalog):
    """The rule the form and the import show (insatser.regler.gruppstorlek_fel) holds for
    every write, not only the screens'."""
    with pytest.raises(services.RegelBrott) as fel:
        services.skapa_insats(
            insats=Insats(
                katalog=katalog,
                namn="Grupp",
                dokumentationsregel="14:4",
                gruppstorlek_min=12,
                gruppstorlek_max=6,
            ),
            villkor=[],
            anvandare=None,
        )
    assert [(o.kod, o.falt) for o in fel.value.overtradelser] == [
        ("gruppstorlek", "gruppstorlek_max")
    ]
    assert not Insats.objects.exists()


def test_stale_version_is_refused(katalog):
    insats = InsatsFactory(katalog=katalog)
    gammal = insats.version
    andringar.andra_insats(insats=insats, villkor=[], anvandare=None, beslut=None, version=gammal)
    with pytest.raises(services.SamtidigAndring):
        andringar.andra_insats(
            insats=Insats.objects.get(pk=insats.pk),
            villkor=[],
            anvandare=None,
            beslut=None,
            version=gammal,
        )


def test_unchanged_villkor_are_not_rewritten(katalog):
    insats = InsatsFactory(katalog=katalog)
    VillkorFactory(insats=insats)
    fore = Villkor.history.count()
    andringar.andra_insats(
        insats=insats,
        villkor=list(insats.villkor.all()),
        anvandare=None,
        beslut=None,
        version=insats.version,
    )
    assert Villkor.history.count() == fore


def test_deciding_is_all_or_nothing(katalog):
    bra = InsatsFactory(katalog=katalog)
    utan_skal = InsatsFactory(
        katalog=katalog, dokumentationsregel="14:5", dokumentation_motivering=None
    )
    with pytest.raises(services.RegelBrott) as fel:
        services.besluta_insatser(
            insatser=[bra, utan_skal], beslut=BeslutFactory(katalog=katalog), anvandare=None
        )
    assert [o.kod for o in fel.value.overtradelser] == ["sarskilda_skal_saknas"]
    assert set(Insats.objects.values_list("status", flat=True)) == {"utkast"}


def test_decided_insats_must_have_a_decision_in_the_database(katalog):
    """11 kap. 5 §: even a bug cannot store a decided insats without the nämnd's decision."""
    with pytest.raises(IntegrityError):
        Insats.objects.create(
            katalog=katalog, namn="X", dokumentationsregel="14:4", status=Insats.Status.BESLUTAD
        )


def test_retired_insats_keeps_its_history(katalog):
    insats = InsatsFactory(katalog=katalog, beslutad=True)
    andringar.upphora_insats(
        insats=insats, beslut=insats.beslut, anvandare=None, sista_dag=datetime.date(2026, 5, 31)
    )
    insats.refresh_from_db()
    assert insats.status == "upphord"
    assert [h.status for h in insats.history.order_by("history_date")] == ["beslutad", "upphord"]
    with pytest.raises(services.RegelBrott):
        services.ta_bort_utkast(insats=insats, anvandare=None)
