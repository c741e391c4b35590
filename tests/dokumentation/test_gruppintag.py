"""Group intake on one page, the opening's headcount reached by keyboard, and attendance lists
that show a code, sex and age band for anonymous participants (issue 17, item 7)."""

import datetime
import random
import re
import uuid

import pytest
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande
from dokumentation.demo import personnummer_for
from dokumentation.kontakter.models import Kontakt
from dokumentation.logg.models import Atkomstlogg
from dokumentation.tillfallen.models import Omgang
from tests.dokumentation.conftest import identifierad_omgang, registrera, traff_i_dag

IDAG = datetime.date.today()


def url(omgang):
    return reverse("dokumentation:skriv_in", args=[omgang.pk])


def rad(nr, *, alder="34", barnets="5", kon="kvinna", svar=("uppfyllt", "uppfyllt"), **mer):
    data = {f"rad-{nr}-alder": alder, f"rad-{nr}-barnets_alder": barnets, f"rad-{nr}-kon": kon}
    data.update({f"rad-{nr}-villkor_{i}": s for i, s in enumerate(svar, start=1)})
    data[f"rad-{nr}-utfall"] = "deltar"
    data.update({f"rad-{nr}-{k}": v for k, v in mer.items()})
    return data


def sidan(*rader, informerad="on", antal=3, nyckel=None):
    data = {"nyckel": str(nyckel or uuid.uuid4()), "rader": str(antal), "datum": IDAG}
    # As a browser posts it: every row's outcome list has its default choice.
    data.update({f"rad-{nr}-utfall": "deltar" for nr in range(1, antal + 1)})
    data["kanal"] = "pa_plats"
    if informerad:
        data["informerad"] = informerad
    for r in rader:
        data.update(r)
    return data


@pytest.mark.django_db
class TestAtkomst:
    @pytest.mark.parametrize("roll", ["personal", "enhetschef"])
    def test_staff_of_the_utforare_open_the_page(self, client, alla_roller, roll, omgang):
        client.force_login(alla_roller[roll])
        svar = client.get(url(omgang))
        assert svar.status_code == 200
        assert 'id="rad-3"' in svar.text and 'id="rad-4"' not in svar.text  # 3 free places

    @pytest.mark.parametrize(
        "roll", ["personal_annan", "sekreterare", "verksamhetschef", "systemadministrator"]
    )
    def test_others_get_404_and_save_nothing(self, client, alla_roller, roll, omgang):
        client.force_login(alla_roller[roll])
        assert client.get(url(omgang)).status_code == 404
        assert client.post(url(omgang), sidan(rad(1))).status_code == 404
        assert not Kontakt.objects.exists()

    def test_a_round_that_does_not_exist_or_has_ended_is_404(self, client, personal, omgang):
        client.force_login(personal)
        assert client.get(reverse("dokumentation:skriv_in", args=[omgang.pk + 99])).status_code
        omgang.status = Omgang.Status.INSTALLD
        omgang.save()
        assert client.get(url(omgang)).status_code == 404

    def test_anonymous_is_sent_to_login(self, client, omgang):
        assert client.get(url(omgang))["Location"].startswith(reverse("login"))


@pytest.mark.django_db
class TestIntag:
    def test_a_group_is_enrolled_once_even_when_posted_twice(self, client, personal, omgang):
        client.force_login(personal)
        data = sidan(rad(1), rad(2, kon="man", alder="29"))  # row 3 left empty
        svar = client.post(url(omgang), data)
        assert svar.status_code == 302, [(nr, r.errors) for nr, r in svar.context["radformer"]] + [
            svar.context["sida"].errors
        ]
        assert svar["Location"] == omgang.get_absolute_url()
        deltaganden = Deltagande.objects.filter(omgang=omgang)
        assert deltaganden.count() == 2
        assert all(d.deltagarkod and d.status == "pagaende" for d in deltaganden)
        assert set(Kontakt.objects.values_list("kon", "informerad_11_6")) == {
            ("kvinna", True),
            ("man", True),
        }
        # The cards are shown once, on the round's page.
        sida = client.get(omgang.get_absolute_url())
        for d in deltaganden:
            assert d.deltagarkod in sida.text
        assert "Deltagarkort" not in client.get(omgang.get_absolute_url()).text
        # The same form again: nothing new, and it says so.
        svar = client.post(url(omgang), data, follow=True)
        assert Kontakt.objects.count() == 2
        assert "Redan sparad" in svar.text

    def test_the_page_sent_again_on_another_round_is_refused(self, client, personal, omgang):
        """The key of a page that enrolled a group in one round, sent from another round's
        page, is not "Redan sparad" there: nobody was enrolled in that round."""
        annan = Omgang.objects.create(
            insats=omgang.insats,
            utforare=omgang.utforare,
            benamning="Höst",
            startdatum=IDAG,
            antal_traffar=4,
            max_deltagare=3,
        )
        client.force_login(personal)
        data = sidan(rad(1))
        assert client.post(url(omgang), data).status_code == 302
        svar = client.post(url(annan), data)
        assert svar.status_code == 200
        assert "Formuläret har redan använts" in svar.text
        assert "Redan sparad" not in svar.text
        assert not Deltagande.objects.filter(omgang=annan).exists()
        assert Kontakt.objects.count() == 1
        # The page comes back with a fresh key: sent again, it enrols the group in this round.
        ny = re.search(r'name="nyckel" value="([^"]+)"', svar.text)
        assert ny and ny.group(1) != data["nyckel"]
        assert client.post(url(annan), {**data, "nyckel": ny.group(1)}).status_code == 302
        assert Deltagande.objects.filter(omgang=annan).count() == 1

    def test_one_bad_row_saves_nothing_and_is_shown_at_its_field(self, client, personal, omgang):
        client.force_login(personal)
        svar = client.post(url(omgang), sidan(rad(1), rad(2, svar=("uppfyllt", ""))))
        assert svar.status_code == 200
        rader = dict(svar.context["radformer"])
        assert rader[2].errors["villkor_2"] == ["Svara på villkoret."]
        assert not rader[1].errors
        assert "Deltagare 2, " in svar.text  # in the summary, linking to the field
        # The condition as the catalogue words it, not lower-cased (a place is a name).
        villkor = rader[2].fields["villkor_2"].label
        # ... without the sentence's final full stop inside the quotes, before the colon.
        assert villkor.endswith(".")
        assert f"Deltagare 2, villkoret ”{villkor[:-1]}”: Svara på villkoret." in svar.text
        # An answer that contradicts the child's age, as in the one-person form.
        svar = client.post(url(omgang), sidan(rad(1, barnets="15")))
        assert dict(svar.context["radformer"])[1].has_error("villkor_1", "svar_motsager_alder")
        assert not Kontakt.objects.exists()

    def test_the_duty_to_inform_is_asked_once_for_the_page(self, client, personal, omgang):
        client.force_login(personal)
        svar = client.post(url(omgang), sidan(rad(1), informerad=""))
        assert svar.context["sida"].has_error("informerad", "information_saknas")
        assert not dict(svar.context["radformer"])[1].errors
        assert not Kontakt.objects.exists()

    def test_an_empty_page_is_refused(self, client, personal, omgang):
        client.force_login(personal)
        svar = client.post(url(omgang), sidan())
        assert "Fyll i minst en deltagare." in svar.text

    def test_a_full_round_refuses_the_rows_past_its_places_and_saves_none(
        self, client, personal, omgang
    ):
        client.force_login(personal)
        data = sidan(*(rad(nr) for nr in range(1, 5)), antal=4)
        svar = client.post(url(omgang), data)
        assert svar.status_code == 200
        rader = dict(svar.context["radformer"])
        assert rader[4].has_error("__all__", "omgang_full")
        assert not Kontakt.objects.exists()  # rows 1–3 were rolled back with it

    def test_more_rows_keeps_what_was_typed_and_saves_nothing(self, client, personal, omgang):
        client.force_login(personal)
        svar = client.post(url(omgang), {**sidan(rad(1, alder="41")), "fler": "1"})
        assert 'id="rad-7"' in svar.text and 'value="41"' in svar.text
        assert "Något behöver rättas" not in svar.text
        assert not Kontakt.objects.exists()

    def test_a_referred_row_is_a_contact_without_a_participation(self, client, personal, omgang):
        client.force_login(personal)
        hanvisad = rad(2, svar=("uppfyllt", "ej_uppfyllt"))
        hanvisad["rad-2-utfall"] = "hanvisad_ansoka"
        assert client.post(url(omgang), sidan(rad(1), hanvisad)).status_code == 302
        assert Kontakt.objects.count() == 2
        assert Deltagande.objects.count() == 1

    def test_consent_is_asked_only_where_a_participant_can_be_a_child(
        self, client, personal, katalog, utforare, omgang, full_dokumentation
    ):
        client.force_login(personal)
        svar = client.get(url(omgang))
        assert "rad-1-samtycke" in svar.text  # parents' age is not limited
        # A consent villkor on the row: a 12-year-old without consent is refused at the field.
        runda = identifierad_omgang(katalog, utforare, max_deltagare=5, namn="Vuxengrupp")
        runda.insats.villkor.create(typ="alder", min_alder=18, ordning=1)
        svar = client.get(url(runda))
        assert "rad-1-samtycke" not in svar.text
        assert "rad-1-personnummer" in svar.text  # 14:3: identity on each row

    def test_identified_rows_are_logged_as_created(self, client, personal, katalog, utforare):
        runda = identifierad_omgang(katalog, utforare, max_deltagare=5)
        client.force_login(personal)
        data = sidan(
            {
                "rad-1-personnummer": personnummer_for(random.Random(1), 40, IDAG),
                "rad-1-fornamn": "Anna",
                "rad-1-efternamn": "Svensson",
                "rad-1-kon": "kvinna",
                "rad-1-utfall": "deltar",
            },
            antal=1,
        )
        svar = client.post(url(runda), data)
        assert svar.status_code == 302, [r.errors for _, r in svar.context["radformer"]]
        d = Deltagande.objects.get()
        assert d.person.fornamn == "Anna" and d.deltagarkod is None
        assert Atkomstlogg.objects.filter(deltagande=d, handling="skapa").count() == 1
        # The attendance list shows the name, and the sight is logged.
        traff = traff_i_dag(runda, personal)
        svar = client.get(reverse("dokumentation:traff", args=[traff.pk]))
        assert "Anna Svensson" in svar.text
        assert Atkomstlogg.objects.filter(deltagande=d, handling="lasa").count() == 1


@pytest.mark.django_db
def test_attendance_shows_code_sex_and_age_band_of_anonymous(client, personal, grupp, omgang):
    d = registrera(
        personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5, omgang=omgang, alder=34
    ).deltagande
    traff = traff_i_dag(omgang, personal)
    client.force_login(personal)
    svar = client.get(reverse("dokumentation:traff", args=[traff.pk]))
    assert f'<span class="deltagarkod">{d.deltagarkod}</span>' in svar.text
    assert "kvinna, 25–44 år" in svar.text
    assert not Atkomstlogg.objects.exists()  # nothing identified was shown


@pytest.mark.django_db
def test_opening_page_puts_the_counts_first_for_the_keyboard(client, personal, oppen):
    client.force_login(personal)
    svar = client.get(reverse("dokumentation:oppning_ny", args=[oppen.pk]))
    assert '<a class="hoppa" href="#id_antal_kvinna_0-12">Hoppa till räkningen</a>' in svar.text
    # Nothing to clear before typing: an empty field counts as none.
    assert 'name="antal_kvinna_0-12" value=' not in svar.text
