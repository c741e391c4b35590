"""An insats that ended and was decided again has two periods in force and a gap: staff
register (and correct) within either period, never in the gap or before the first
(11 kap. 5 §, `sol_11_kap_5_i_kraft` over the decision history's `perioder_i_kraft`). An
insats decided to end on a later day is not brought back by a newer catalogue: refused,
saying how."""

import copy
import datetime

import pytest

from insatser import andringar
from insatser.historik import perioder_i_kraft
from insatser.katalogkontroll import OgiltigKatalogfil
from insatser.models import Insats
from insatser.regler import sol_11_kap_5_i_kraft
from insatser.services import RegelBrott
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory, BeslutFactory, InsatsFactory
from tests.insatser.test_katalog_aterimport import _avsluta_sista, importera, sala
from tests.insatser.test_katalogfil import databasens_innehall

D = datetime.date
TVA = [(D(2025, 1, 1), D(2025, 6, 30)), (D(2025, 9, 1), None)]


def _koder(datum):
    return [o.kod for o in sol_11_kap_5_i_kraft(datum, perioder=TVA)]


def test_within_either_period_and_not_in_the_gap():
    assert _koder(D(2025, 1, 1)) == [] and _koder(D(2025, 6, 30)) == []
    assert _koder(D(2025, 9, 1)) == [] and _koder(D(2026, 3, 1)) == []
    assert _koder(D(2024, 12, 31)) == ["fore_insatsen"]
    assert _koder(D(2025, 7, 1)) == ["insatsen_galler_inte"]
    (gap,) = sol_11_kap_5_i_kraft(D(2025, 7, 1), perioder=TVA)
    assert "upphörde efter 2025-06-30 och gäller igen från 2025-09-01" in gap.meddelande
    slut = [(D(2025, 1, 1), D(2025, 6, 30))]
    (efter,) = sol_11_kap_5_i_kraft(D(2025, 8, 1), perioder=slut, falt="startdatum")
    assert (efter.kod, efter.falt) == ("insatsen_galler_inte", "startdatum")
    assert sol_11_kap_5_i_kraft(D(2000, 1, 1), perioder=[]) == []


@pytest.mark.django_db
def test_the_live_period_needs_no_query(django_assert_num_queries):
    insats = InsatsFactory(beslutad=True, giltig_fran=D(2025, 3, 1))
    with django_assert_num_queries(0):
        assert perioder_i_kraft(insats, D(2025, 4, 1)) == [(D(2025, 3, 1), None)]


def _tillbaka() -> Insats:
    """Sala's last insats: in force from 2026-01-28, ended 2026-06-01, decided again from
    2026-09-01, at an utförare with staff."""
    utan, borta = _avsluta_sista()
    igen = copy.deepcopy(utan)
    igen["beslutsdatum"] = "2026-09-01"
    igen["insatser"].append(borta)
    assert importera(igen).beslutade_igen == [borta["namn"]]
    return Insats.objects.get(namn=borta["namn"])


@pytest.mark.django_db
def test_a_brought_back_insats_takes_registrations_in_its_old_period(utforare):
    insats = _tillbaka()
    Insats.objects.filter(pk=insats.pk).update(utforare=utforare)
    insats.refresh_from_db()
    assert perioder_i_kraft(insats) == [
        (D(2026, 1, 28), D(2026, 6, 1)),
        (D(2026, 9, 1), None),
    ]
    personal = AnvandareFactory()
    svar = {"svar": ["uppfyllt", "uppfyllt"], "alder": 30}
    # An old contact put right: within the old period, and in the new one.
    assert registrera(personal, insats, datum=D(2026, 3, 2), **svar).pk
    assert registrera(personal, insats, datum=D(2026, 9, 2), **svar).pk
    for datum, kod in [(D(2026, 7, 15), "insatsen_galler_inte"), (D(2026, 1, 2), "fore_insatsen")]:
        with pytest.raises(RegelBrott) as fel:
            registrera(personal, insats, datum=datum, **svar)
        assert [o.kod for o in fel.value.overtradelser] == [kod]


@pytest.mark.django_db
def test_an_insats_decided_to_end_later_is_not_brought_back_by_a_newer_file():
    """Decided: an insats whose end waits for its day is in force until then; a file of
    another decision naming it again would leave the end to happen silently (an insats has
    one waiting change). Refused with what to do: import the file once it has ended (it then
    comes back from the file's day), or revoke the end first."""
    importera(sala())
    fil = sala()
    insats = Insats.objects.get(namn=fil["insatser"][-1]["namn"])
    upphor = BeslutFactory(katalog=insats.katalog, datum=D(2026, 3, 1), galler_fran=D(2099, 1, 1))
    andringar.upphora_insats(
        insats=insats, beslut=upphor, anvandare=None, sista_dag=D(2098, 12, 31)
    )
    insats.refresh_from_db()
    assert insats.status == Insats.Status.BESLUTAD  # in force until its last day
    fore = databasens_innehall()
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera({**fil, "beslutsdatum": "2026-07-01"})
    (meddelande,) = [f for f in fel.value.fel if insats.namn in f]
    assert meddelande.startswith(f"$.insatser[{len(fil['insatser']) - 1}].namn: ")
    assert "upphör efter 2098-12-31" in meddelande
    assert "Importera filen från och med 2099-01-01" in meddelande
    assert "återkalla upphörandet" in meddelande
    assert databasens_innehall() == fore
