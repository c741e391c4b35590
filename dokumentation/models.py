"""Contacts, participation, sessions and journal: all personal data lives here.

The documentation rule of the insats (14 kap. 3–5 §§ SoL) decides which fields exist for a
record. A participation has no name or personnummer at all; identity lives only in Person,
which the database lets a participation point to only when the rule was 14:3 when it was
created, and neither that rule nor the insats's can change once records exist. Free text in
de-identified records is refused by the database (the identity guard's triggers, migration
0012) if it may reveal who someone is, even if the code had a bug.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from insatser.models import Dokumentationsregel, Insats, Villkor
from organisation.models import Utforare


class Kanal(models.TextChoices):
    PA_PLATS = "pa_plats", "På plats"
    TELEFON = "telefon", "Telefon"
    DIGITALT = "digitalt", "Digitalt"


class Kon(models.TextChoices):
    KVINNA = "kvinna", "Kvinna"
    MAN = "man", "Man"
    ANNAT = "annat", "Annat"
    UPPGER_EJ = "uppger_ej", "Vill inte uppge"


class Aldersgrupp(models.TextChoices):
    """Fixed bands for de-identified statistics."""

    A0_12 = "0-12", "0–12 år"
    A13_14 = "13-14", "13–14 år"
    A15_17 = "15-17", "15–17 år"
    A18_24 = "18-24", "18–24 år"
    A25_44 = "25-44", "25–44 år"
    A45_64 = "45-64", "45–64 år"
    A65 = "65-", "65 år och äldre"
    OKAND = "okand", "Okänd"

    @classmethod
    def for_alder(cls, alder: int | None) -> Aldersgrupp:
        if alder is None:
            return cls.OKAND
        for grans, grupp in (
            (12, cls.A0_12),
            (14, cls.A13_14),
            (17, cls.A15_17),
            (24, cls.A18_24),
            (44, cls.A25_44),
            (64, cls.A45_64),
        ):
            if alder <= grans:
                return grupp
        return cls.A65


class Svar(models.TextChoices):
    """The summary check of one villkor (DESIGN.md §2.4)."""

    UPPFYLLT = "uppfyllt", "Uppfyllt"
    EJ_UPPFYLLT = "ej_uppfyllt", "Inte uppfyllt"
    OSAKERT = "osakert", "Osäkert"


class Utfall(models.TextChoices):
    DELTAR = "deltar", "Börjar delta"
    VANTELISTA = "vantelista", "Väntelista – senare omgång"
    HANVISAD_ANSOKA = "hanvisad_ansoka", "Hänvisad att ansöka om behovsprövad insats"
    HANVISAD_NAMND = "hanvisad_namnd", "Hänvisad till nämnden"
    AVBOJDE = "avbojde", "Avböjde"


class Samtycke(models.TextChoices):
    """Which guardians consented (21 kap. 2 §). "Alla" is both, when there are two."""

    INGEN = "ingen", "Ingen vårdnadshavare har samtyckt"
    EN = "en", "En av vårdnadshavarna"
    ALLA = "alla", "Alla vårdnadshavare (båda, om de är två)"


def bara_val(modell: str, falt: str, val: Any, *, tom: bool = False) -> models.CheckConstraint:
    """A coded column holds one of its codes and nothing else: no text can be written into
    it past the forms (14 kap. 4–5 §§; identity has no place to go)."""
    villkor = Q(**{f"{falt}__in": list(val.values)})
    if tom:
        villkor |= Q(**{falt: ""})
    return models.CheckConstraint(condition=villkor, name=f"{modell}_{falt}_bara_koder")


class Kontakt(models.Model):
    """Someone turning to the utförare. Always de-identified, whatever the outcome, so that
    nobody who asked disappears from the statistics."""

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="kontakter")
    utforare = models.ForeignKey(Utforare, on_delete=models.PROTECT, related_name="kontakter")
    datum = models.DateField("datum")
    kanal = models.CharField("kanal", max_length=10, choices=Kanal)
    aldersgrupp = models.CharField("åldersgrupp", max_length=6, choices=Aldersgrupp)
    kon = models.CharField("kön", max_length=10, choices=Kon)
    utfall = models.CharField("utfall", max_length=20, choices=Utfall)
    informerad_11_6 = models.BooleanField("informerad om rätten att ansöka (11 kap. 6 §)")
    samtycke = models.CharField(
        "vårdnadshavares samtycke", max_length=10, choices=Samtycke, blank=True
    )
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registrerad = models.DateTimeField(auto_now_add=True)
    # A double-submitted form carries the same key and creates one contact.
    inlamningsnyckel = models.UUIDField(unique=True)

    class Meta:
        verbose_name = "kontakt"
        verbose_name_plural = "kontakter"
        ordering = ["-datum", "-id"]
        # The follow-up reads a period, for one insats or for all (bench/RESULTS.md).
        indexes = [
            models.Index(fields=["datum"], name="kontakt_datum"),
            # Covering: one insats's contacts of a period are counted from the index alone.
            models.Index(
                fields=["insats", "datum"],
                include=["id", "kon", "aldersgrupp", "utfall", "informerad_11_6"],
                name="kontakt_insats_datum",
            ),
        ]
        constraints = [
            # 11 kap. 6 §: nothing is saved before the person has been told of the right to apply.
            models.CheckConstraint(condition=Q(informerad_11_6=True), name="kontakt_informerad"),
            bara_val("kontakt", "kanal", Kanal),
            bara_val("kontakt", "aldersgrupp", Aldersgrupp),
            bara_val("kontakt", "kon", Kon),
            bara_val("kontakt", "utfall", Utfall),
            bara_val("kontakt", "samtycke", Samtycke, tom=True),
        ]

    def __str__(self) -> str:
        return f"Kontakt {self.datum} – {self.insats}"


class Villkorssvar(models.Model):
    """One villkor's answer at a contact, as codes only."""

    kontakt = models.ForeignKey(Kontakt, on_delete=models.CASCADE, related_name="svar")
    villkor_typ = models.CharField(max_length=30)
    # Which villkor of the catalogue was answered; its text is never copied into a record
    # (older rows kept a copy in villkor_text).
    villkor = models.ForeignKey(
        "insatser.Villkor", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    villkor_text = models.CharField(max_length=300, blank=True, default="")
    svar = models.CharField(max_length=12, choices=Svar)

    class Meta:
        verbose_name = "villkorssvar"
        verbose_name_plural = "villkorssvar"
        indexes = [
            # The follow-up counts only the villkor not met: a small index of those alone.
            models.Index(
                fields=["kontakt"],
                include=["villkor_typ", "id"],
                condition=Q(svar=Svar.EJ_UPPFYLLT),
                name="villkorssvar_ej_uppfyllda",
            ),
        ]
        constraints = [
            bara_val("villkorssvar", "svar", Svar),
            bara_val("villkorssvar", "villkor_typ", Villkor.Typ),
        ]

    def __str__(self) -> str:
        vad = self.villkor.klartext() if self.villkor else self.villkor_text or self.villkor_typ
        return f"{vad}: {self.get_svar_display()}"


class Person(models.Model):
    """An identified person (14 kap. 3 § only)."""

    # A person is registered per utförare: staff at one utförare never reach what another
    # has stored about someone, not even through the personnummer.
    utforare = models.ForeignKey(Utforare, on_delete=models.PROTECT, related_name="+")
    personnummer = models.CharField("personnummer", max_length=12)
    fornamn = models.CharField("förnamn", max_length=100)
    efternamn = models.CharField("efternamn", max_length=100)
    skyddad_identitet = models.BooleanField(
        "skyddad identitet",
        default=False,
        help_text="Uppgifterna döljs i listor och visas bara när någon aktivt öppnar dem.",
    )
    # Random, derived from nothing about the person: counts them once in the statistics, and
    # is all that remains on their participations after gallring.
    nyckel = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        constraints = [
            models.UniqueConstraint(
                fields=["utforare", "personnummer"], name="person_unik_per_utforare"
            ),
        ]

    def __str__(self) -> str:
        return "Skyddad identitet" if self.skyddad_identitet else f"{self.fornamn} {self.efternamn}"

    @property
    def personnummer_visat(self) -> str:
        return f"{self.personnummer[:8]}-{self.personnummer[8:]}"


class Maende(models.IntegerChoices):
    MYCKET_DALIGT = 1, "1 – Mycket dåligt"
    DALIGT = 2, "2 – Dåligt"
    VARKEN = 3, "3 – Varken bra eller dåligt"
    BRA = 4, "4 – Bra"
    MYCKET_BRA = 5, "5 – Mycket bra"


class Boende(models.TextChoices):
    EGET = "eget", "Eget boende"
    FORALDRAR = "foraldrar", "Hos föräldrar"
    ANDRAHAND = "andrahand", "Andrahandsboende"
    TILLFALLIGT = "tillfalligt", "Tillfälligt boende"
    HEMLOS = "hemlos", "Saknar boende"
    ANNAT = "annat", "Annat"
    UPPGER_EJ = "uppger_ej", "Vill inte uppge"


class Sysselsattning(models.TextChoices):
    ARBETE = "arbete", "Arbete"
    STUDIER = "studier", "Studier eller skola"
    ARBETSSOKANDE = "arbetssokande", "Arbetssökande"
    SJUKSKRIVEN = "sjukskriven", "Sjukskriven"
    PENSION = "pension", "Pension"
    ANNAT = "annat", "Annat"
    UPPGER_EJ = "uppger_ej", "Vill inte uppge"


class Problem(models.TextChoices):
    UTEBLEV = "uteblev", "Uteblev från tillfällen"
    KONFLIKT = "konflikt", "Konflikt i gruppen"
    MAENDE = "maende", "Försämrat mående"
    SKYDD = "skydd", "Oro för någons säkerhet"
    ANNAT = "annat", "Annat"


class Avbrottsorsak(models.TextChoices):
    BEHOV_UPPHORDE = "behov_upphorde", "Behovet upphörde"
    PASSADE_EJ = "passade_ej", "Insatsen passade inte"
    FLYTTADE = "flyttade", "Flyttade"
    BEHOVSPROVAD = "behovsprovad", "Gick över till behovsprövad insats"
    TAK = "tak", "Nådde taket för insatsen"
    KONTAKT_UPPHORDE = "kontakt_upphorde", "Kontakten upphörde"
    ANNAT = "annat", "Annat"


class DeltagandeQuerySet(models.QuerySet["Deltagande"]):
    def pagaende(self) -> DeltagandeQuerySet:
        return self.filter(status=Deltagande.Status.PAGAENDE)


class DeltagandeStatus(models.TextChoices):
    PAGAENDE = "pagaende", "Pågående"
    VANTAR = "vantar", "På väntelista"
    AVSLUTAD = "avslutad", "Avslutad enligt plan"
    AVBRUTEN = "avbruten", "Avbruten"


class Deltagande(models.Model):
    """One person's participation in one insats, from start to end."""

    Status = DeltagandeStatus

    kontakt = models.OneToOneField(Kontakt, on_delete=models.PROTECT, related_name="deltagande")
    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="deltaganden")
    utforare = models.ForeignKey(Utforare, on_delete=models.PROTECT, related_name="deltaganden")
    # The rule that applied when the record was created; it never changes afterwards.
    dokumentationsregel = models.CharField("dokumentationsregel", max_length=10)
    dokumenteras_externt = models.CharField(
        "dokumenteras i verksamhetssystem", max_length=200, blank=True
    )
    # The caps of the catalogue version in force when the participation started.
    max_tillfallen = models.PositiveSmallIntegerField(
        "högst antal tillfällen", null=True, blank=True, editable=False
    )
    max_varaktighet_manader = models.PositiveSmallIntegerField(
        "längsta tid (månader)", null=True, blank=True, editable=False
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="deltaganden"
    )
    personnyckel = models.UUIDField(null=True, blank=True, editable=False)
    deltagarkod = models.CharField("deltagarkod", max_length=9, unique=True, null=True, blank=True)
    omgang = models.ForeignKey(
        "Omgang", on_delete=models.PROTECT, null=True, blank=True, related_name="deltaganden"
    )
    status = models.CharField("status", max_length=10, choices=Status, default=Status.PAGAENDE)
    startdatum = models.DateField("startdatum")
    slutdatum = models.DateField("slutdatum", null=True, blank=True)
    alder = models.PositiveSmallIntegerField("ålder (år)", null=True, blank=True)
    kon = models.CharField("kön", max_length=10, choices=Kon)
    utan_vardnadshavare_21_2 = models.BooleanField(
        "deltar från 15 år utan vårdnadshavares samtycke (21 kap. 2 §)", default=False
    )
    maende_start = models.PositiveSmallIntegerField(
        "mående vid start", choices=Maende, null=True, blank=True
    )
    maende_slut = models.PositiveSmallIntegerField(
        "mående vid slut", choices=Maende, null=True, blank=True
    )
    boende_start = models.CharField("boende vid start", max_length=12, choices=Boende, blank=True)
    boende_slut = models.CharField("boende vid slut", max_length=12, choices=Boende, blank=True)
    sysselsattning_start = models.CharField(
        "sysselsättning vid start", max_length=14, choices=Sysselsattning, blank=True
    )
    sysselsattning_slut = models.CharField(
        "sysselsättning vid slut", max_length=14, choices=Sysselsattning, blank=True
    )
    problem = models.CharField("problem som uppstått", max_length=10, choices=Problem, blank=True)
    problem_text = models.CharField("problem, kort beskrivning", max_length=300, blank=True)
    avbrottsorsak = models.CharField(
        "orsak till avbrott", max_length=20, choices=Avbrottsorsak, blank=True
    )
    avbrott_text = models.CharField("avbrott, kort beskrivning", max_length=300, blank=True)
    hanvisad_ansoka = models.DateField(
        "hänvisad att ansöka om behovsprövad insats", null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DeltagandeQuerySet.as_manager()

    class Meta:
        verbose_name = "deltagande"
        verbose_name_plural = "deltaganden"
        ordering = ["-startdatum", "-id"]
        indexes = [
            # Staff lists: an utförare's participations by status, newest first.
            models.Index(
                fields=["utforare", "status", "-startdatum", "-id"], name="deltagande_lista"
            ),
            # The follow-up: ended in a period, started in a period.
            models.Index(fields=["insats", "slutdatum"], name="deltagande_insats_slut"),
            models.Index(fields=["insats", "startdatum"], name="deltagande_insats_start"),
            models.Index(
                fields=["insats", "hanvisad_ansoka"],
                condition=Q(hanvisad_ansoka__isnull=False),
                name="deltagande_insats_hanvisad",
            ),
            models.Index(fields=["slutdatum"], name="deltagande_slut"),
            models.Index(fields=["startdatum"], name="deltagande_start"),
        ]
        constraints = [
            bara_val("deltagande", "dokumentationsregel", Dokumentationsregel),
            bara_val("deltagande", "status", DeltagandeStatus),
            bara_val("deltagande", "kon", Kon),
            bara_val("deltagande", "boende_start", Boende, tom=True),
            bara_val("deltagande", "boende_slut", Boende, tom=True),
            bara_val("deltagande", "sysselsattning_start", Sysselsattning, tom=True),
            bara_val("deltagande", "sysselsattning_slut", Sysselsattning, tom=True),
            bara_val("deltagande", "problem", Problem, tom=True),
            bara_val("deltagande", "avbrottsorsak", Avbrottsorsak, tom=True),
            # A deltagarkod is drawn, never written: four and four of its own characters.
            models.CheckConstraint(
                condition=Q(deltagarkod__isnull=True)
                | Q(deltagarkod__regex=r"^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$"),
                name="deltagande_deltagarkod_form",
            ),
            # 14 kap. 4–5 §§: only a 14:3 record documented here may be tied to a person.
            models.CheckConstraint(
                condition=Q(person__isnull=True)
                | Q(dokumentationsregel="14:3", dokumenteras_externt=""),
                name="deltagande_identitet_bara_14_3",
            ),
            # Every record without identity is counted by its deltagarkod.
            models.CheckConstraint(
                condition=Q(person__isnull=False)
                | Q(deltagarkod__isnull=False)
                | Q(personnyckel__isnull=False),
                name="deltagande_kod_eller_person",
            ),
            models.CheckConstraint(
                condition=Q(slutdatum__isnull=True) | Q(slutdatum__gte=models.F("startdatum")),
                name="deltagande_slut_efter_start",
            ),
        ]

    def __str__(self) -> str:
        if self.person_id:
            return str(self.person)
        return f"Deltagare {self.deltagarkod}"

    def get_absolute_url(self) -> str:
        return reverse("dokumentation:deltagande", args=[self.pk])

    @property
    def ar_identifierad(self) -> bool:
        return self.person_id is not None

    @property
    def ar_avslutad(self) -> bool:
        return self.status in (self.Status.AVSLUTAD, self.Status.AVBRUTEN)


class OmgangStatus(models.TextChoices):
    PLANERAD = "planerad", "Planerad"
    PAGAR = "pagar", "Pågår"
    AVSLUTAD = "avslutad", "Avslutad"
    INSTALLD = "installd", "Inställd"


class Omgang(models.Model):
    """One round of a group programme."""

    Status = OmgangStatus

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="omgangar")
    utforare = models.ForeignKey(Utforare, on_delete=models.PROTECT, related_name="omgangar")
    benamning = models.CharField("benämning", max_length=100)
    startdatum = models.DateField("första träffen")
    antal_traffar = models.PositiveSmallIntegerField("antal träffar")
    min_deltagare = models.PositiveSmallIntegerField("minsta antal deltagare", default=1)
    max_deltagare = models.PositiveSmallIntegerField("högsta antal deltagare")
    status = models.CharField("status", max_length=10, choices=Status, default=Status.PLANERAD)

    class Meta:
        verbose_name = "omgång"
        verbose_name_plural = "omgångar"
        ordering = ["startdatum", "id"]
        constraints = [
            bara_val("omgang", "status", OmgangStatus),
            models.CheckConstraint(
                condition=Q(min_deltagare__lte=models.F("max_deltagare")), name="omgang_min_max"
            ),
            models.CheckConstraint(condition=Q(antal_traffar__gte=1), name="omgang_traffar"),
        ]

    def __str__(self) -> str:
        return f"{self.insats} – {self.benamning}"

    def get_absolute_url(self) -> str:
        return reverse("dokumentation:omgang", args=[self.pk])


class TillfalleTyp(models.TextChoices):
    INDIVIDUELLT = "individuellt", "Individuellt"
    GRUPPTRAFF = "grupptraff", "Gruppträff"
    OPPNING = "oppning", "Öppen verksamhet"


class Tillfalle(models.Model):
    """One session: an individual talk, a group meeting or an opening of a meeting place."""

    Typ = TillfalleTyp

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="tillfallen")
    utforare = models.ForeignKey(Utforare, on_delete=models.PROTECT, related_name="tillfallen")
    typ = models.CharField("typ", max_length=12, choices=Typ)
    datum = models.DateField("datum")
    langd_minuter = models.PositiveSmallIntegerField("längd (minuter)", null=True, blank=True)
    kanal = models.CharField("kanal", max_length=10, choices=Kanal, default=Kanal.PA_PLATS)
    personal = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="personal",
    )
    deltagande = models.ForeignKey(
        Deltagande, on_delete=models.PROTECT, null=True, blank=True, related_name="tillfallen"
    )
    omgang = models.ForeignKey(
        Omgang, on_delete=models.PROTECT, null=True, blank=True, related_name="traffar"
    )
    inlamningsnyckel = models.UUIDField(unique=True)

    class Meta:
        verbose_name = "tillfälle"
        verbose_name_plural = "tillfällen"
        ordering = ["-datum", "-id"]
        indexes = [
            # Today's sessions on the staff start page; the follow-up by period.
            models.Index(fields=["utforare", "datum"], name="tillfalle_utforare_datum"),
            models.Index(fields=["insats", "datum"], name="tillfalle_insats_datum"),
            # Openings or group meetings of one insats in a period, joined on by visits and
            # attendance: from the index alone.
            models.Index(
                fields=["insats", "typ", "datum"], include=["id"], name="tillfalle_insats_typ"
            ),
            models.Index(fields=["datum"], name="tillfalle_datum"),
        ]
        constraints = [
            bara_val("tillfalle", "typ", TillfalleTyp),
            bara_val("tillfalle", "kanal", Kanal),
            models.CheckConstraint(
                condition=(
                    Q(typ="individuellt", deltagande__isnull=False, omgang__isnull=True)
                    | Q(typ="grupptraff", omgang__isnull=False, deltagande__isnull=True)
                    | Q(typ="oppning", omgang__isnull=True, deltagande__isnull=True)
                ),
                name="tillfalle_typ_passar",
            ),
            models.CheckConstraint(
                condition=Q(langd_minuter__isnull=True) | Q(langd_minuter__lte=24 * 60),
                name="tillfalle_langd_rimlig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.datum}"


class Narvaro(models.Model):
    """One participant present at one group meeting. A tick is its own row, so two staff
    ticking the same meeting at the same time both count."""

    tillfalle = models.ForeignKey(Tillfalle, on_delete=models.CASCADE, related_name="narvaro")
    deltagande = models.ForeignKey(Deltagande, on_delete=models.PROTECT, related_name="narvaro")

    class Meta:
        verbose_name = "närvaro"
        verbose_name_plural = "närvaro"
        constraints = [
            models.UniqueConstraint(fields=["tillfalle", "deltagande"], name="narvaro_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.deltagande} vid {self.tillfalle}"


class Besoksantal(models.Model):
    """Headcount at an open meeting place, by sex and age band. Never individuals."""

    tillfalle = models.ForeignKey(Tillfalle, on_delete=models.CASCADE, related_name="besok")
    kon = models.CharField("kön", max_length=10, choices=Kon)
    aldersgrupp = models.CharField("åldersgrupp", max_length=6, choices=Aldersgrupp)
    antal = models.PositiveSmallIntegerField("antal")

    class Meta:
        verbose_name = "besöksantal"
        verbose_name_plural = "besöksantal"
        constraints = [
            bara_val("besoksantal", "kon", Kon),
            bara_val("besoksantal", "aldersgrupp", Aldersgrupp),
            models.UniqueConstraint(
                fields=["tillfalle", "kon", "aldersgrupp"], name="besoksantal_unik"
            ),
            models.CheckConstraint(condition=Q(antal__lte=1000), name="besoksantal_rimligt"),
        ]

    def __str__(self) -> str:
        return f"{self.antal} {self.get_kon_display()} {self.get_aldersgrupp_display()}"


class Journalanteckning(models.Model):
    """A signed note on facts and events of importance (14 kap. 3 §). Never changed: a
    correction is a new note that refers to the old one."""

    deltagande = models.ForeignKey(
        Deltagande, on_delete=models.PROTECT, related_name="anteckningar"
    )
    text = models.TextField("anteckning")
    signerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signerad = models.DateTimeField(auto_now_add=True)
    rattar = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rattelser",
        verbose_name="rättar anteckning",
    )

    class Meta:
        verbose_name = "journalanteckning"
        verbose_name_plural = "journalanteckningar"
        ordering = ["signerad", "id"]

    def __str__(self) -> str:
        return f"Anteckning {self.signerad:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("En signerad journalanteckning ändras aldrig; skriv en rättelse.")
        super().save(*args, **kwargs)


class Avvisning(models.Model):
    """A free text refused because it could reveal who someone is (14 kap. 4–5 §§). Only
    that it happened is kept, for the internal control; never what the text said."""

    tidpunkt = models.DateTimeField(auto_now_add=True)
    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="+")
    kod = models.CharField(max_length=30)

    class Meta:
        verbose_name = "avvisad fritext"
        verbose_name_plural = "avvisade fritexter"
        constraints = [
            models.CheckConstraint(
                condition=Q(kod__regex=r"^fritext_[a-z_]+$"), name="avvisning_bara_koder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tidpunkt:%Y-%m-%d} {self.kod}"


class Gallring(models.Model):
    """One run of `manage.py gallra`: what was deleted, as counts, never content."""

    tidpunkt = models.DateTimeField(auto_now_add=True)
    grans = models.DateField("senaste anteckning före")
    personer = models.PositiveIntegerField()
    deltaganden = models.PositiveIntegerField()
    journalanteckningar = models.PositiveIntegerField()
    # Free texts of the gallrade participations emptied (they may name other people).
    fritexter = models.PositiveIntegerField(default=0)
    # People kept by an archive decision (GALLRING_SPARA_FODDA_DAG), counted, never named.
    sparade = models.PositiveIntegerField(default=0)
    # Rows of the access log past its own retention (ATKOMSTLOGG_AR), deleted.
    loggrader = models.PositiveIntegerField(default=0)
    utford_av = models.CharField("utförd av (databasroll)", max_length=100, blank=True)

    class Meta:
        verbose_name = "gallring"
        verbose_name_plural = "gallringar"
        ordering = ["-tidpunkt"]

    def __str__(self) -> str:
        return f"Gallring {self.tidpunkt:%Y-%m-%d}: {self.personer} personer"


class Atkomstlogg(models.Model):
    """Every read, change and print of identified data: who, when, which record, what.
    No screen can change it."""

    class Handling(models.TextChoices):
        LASA = "lasa", "Läste"
        ANDRA = "andra", "Ändrade"
        SKAPA = "skapa", "Registrerade"
        SKRIVA_UT = "skriva_ut", "Skrev ut"

    tidpunkt = models.DateTimeField(auto_now_add=True, db_index=True)
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    utforare = models.ForeignKey(Utforare, on_delete=models.PROTECT, related_name="+")
    handling = models.CharField(max_length=10, choices=Handling)
    deltagande = models.ForeignKey(Deltagande, on_delete=models.PROTECT, related_name="+")
    vad = models.CharField(max_length=200)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = "åtkomstlogg"
        verbose_name_plural = "åtkomstlogg"
        ordering = ["-tidpunkt", "-id"]

    def __str__(self) -> str:
        return f"{self.tidpunkt:%Y-%m-%d %H:%M} {self.anvandare} {self.get_handling_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Åtkomstloggen kan inte ändras.")
        super().save(*args, **kwargs)


class Logggranskning(models.Model):
    """An enhetschef's review of a month of the access log: itself logged."""

    granskare = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    utforare = models.ForeignKey(Utforare, on_delete=models.PROTECT, related_name="+")
    manad = models.DateField("månad")
    tidpunkt = models.DateTimeField(auto_now_add=True)
    flaggade = models.PositiveIntegerField("flaggade poster")
    # The flagged rows the reviewer was shown (their ids), and how many of the reviewer's own
    # reads were left for someone else to review.
    visade = models.JSONField("visade flaggade poster", default=list)
    egna_undantagna = models.PositiveIntegerField("egna poster lämnade åt annan", default=0)

    class Meta:
        verbose_name = "logggranskning"
        verbose_name_plural = "logggranskningar"
        ordering = ["-tidpunkt"]

    def __str__(self) -> str:
        return f"Granskning {self.manad:%Y-%m} av {self.granskare}"
