"""factory-boy factories with named scenarios. `build()` gives unsaved objects for rule tests."""

import datetime

import factory

from insatser.models import Beslut, Insats, Katalog, Villkor
from organisation.models import ROLLER_PER_KOMMUN, Anvandare, Behorighet, Kommun, Roll, Utforare


class UtforareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Utforare
        django_get_or_create = ("namn",)

    namn = factory.Sequence(lambda n: f"Utförare {n}")
    regi = Utforare.Regi.EGEN
    telefon = "0123-45 67 89"


class AnvandareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Anvandare

    username = factory.Sequence(lambda n: f"anvandare{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("losenord-for-test")

    @classmethod
    def med_roll(
        cls, roll: Roll, utforare: Utforare | None = None, kommun: Kommun | None = None, **kwargs
    ):
        """A user with one role: at the utförare, or in the municipality (by default the tests'
        Testköping, whose catalogue KatalogFactory makes) for the nämnd's side."""
        anvandare = cls(**kwargs)
        if roll in ROLLER_PER_KOMMUN and kommun is None:
            kommun = provkommun()
        Behorighet.objects.create(anvandare=anvandare, roll=roll, utforare=utforare, kommun=kommun)
        return anvandare


def provkommun(namn: str = "Testköping") -> Kommun:
    return Kommun.objects.get_or_create(namn=namn)[0]


class KatalogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Katalog
        django_get_or_create = ("kommun",)

    kommun = "Testköping"
    namnd = "Socialnämnden"


class BeslutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beslut

    katalog = factory.SubFactory(KatalogFactory)
    organ = "Socialnämnden"
    datum = datetime.date(2026, 1, 15)
    paragraf = factory.Sequence(lambda n: f"SN § {n + 1}")
    diarienummer = "SN 2026/1"


class InsatsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Insats

    katalog = factory.SubFactory(KatalogFactory)
    ordning = factory.Sequence(lambda n: n + 1)
    namn = factory.Sequence(lambda n: f"Stödsamtal {n}")
    omrade = "Vuxna"
    innehall = "Samtal med en socionom."
    malgrupp = "Vuxna som vill prata."
    slag = Insats.Slag.STODSAMTAL
    dokumentationsregel = "14:4"
    dokumentation_motivering = "Rådgivande insats."
    status = Insats.Status.UTKAST

    class Params:
        beslutad = factory.Trait(
            status=Insats.Status.BESLUTAD,
            beslut=factory.SubFactory(BeslutFactory, katalog=factory.SelfAttribute("..katalog")),
            giltig_fran=datetime.date(2000, 1, 1),
        )
        identitetsundantag = factory.Trait(
            dokumentationsregel="14:5",
            dokumentation_motivering="Särskilda skäl: målgruppen nås bara anonymt.",
        )


class VillkorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Villkor

    insats = factory.SubFactory(InsatsFactory)
    typ = Villkor.Typ.FOLKBOKFORD
    kommun = "Testköping"
    avser = Villkor.Avser.DELTAGAREN

    @classmethod
    def alder(cls, min_alder=None, max_alder=None, avser="deltagaren", **kwargs):
        return cls.build(
            typ=Villkor.Typ.ALDER,
            min_alder=min_alder,
            max_alder=max_alder,
            avser=avser,
            kommun=None,
            **kwargs,
        )


#: A yearly follow-up filled in as the form posts it, ready to save or sign.
ARSUPPFOLJNING_IFYLLD = {
    "analys": "Gruppen fylldes.",
    "sammanfattning": "Bra år.",
    "slutsats": "Fortsätt.",
    "bedomning": "uppnatt",
    "forslag": "behall",
    "version": 1,
}
