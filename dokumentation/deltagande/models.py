"""A participation and the person behind it. Identity lives only in Person, and only under
14 kap. 3 §; under 14:4 and 14:5 a participation has a deltagarkod and nothing that names anyone."""

from __future__ import annotations

import datetime
import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse

from dokumentation.kontakter.models import Kontakt
from dokumentation.val import (
    Aldersgrupp,
    Avbrottsorsak,
    Boende,
    Kon,
    Maende,
    Problem,
    Sysselsattning,
    bara_val,
)
from insatser.models import Dokumentationsregel, Insats
from organisation.models import Utforare


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
        if self.skyddad_identitet:
            # Within a round, its number there (dokumentation.tillfallen.skyddade).
            return str(getattr(self, "etikett", "Skyddad identitet"))
        return f"{self.fornamn} {self.efternamn}"

    @property
    def personnummer_visat(self) -> str:
        return f"{self.personnummer[:8]}-{self.personnummer[8:]}"


class DeltagandeQuerySet(models.QuerySet["Deltagande"]):
    def pagaende(self) -> DeltagandeQuerySet:
        return self.filter(status=Deltagande.Status.PAGAENDE)


class DeltagandeStatus(models.TextChoices):
    PAGAENDE = "pagaende", "Pågående"
    VANTAR = "vantar", "På väntelista"
    AVSLUTAD = "avslutad", "Avslutad enligt plan"
    AVBRUTEN = "avbruten", "Avbruten"
    # A deltagarkod whose holder goes on under a new one (the card was lost): the participation
    # did not end, so it is neither completed nor a dropout in the statistics.
    ERSATT = "ersatt", "Koden ersattes av en ny"


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
    # A participant without identity who lost their card gets a new deltagarkod; staff declare
    # how many sessions they had before ("fortsätter med N tidigare samtal"), so that the cap
    # counts them. Nothing links the new code to the old one or to anyone.
    tidigare_tillfallen = models.PositiveSmallIntegerField(
        "tidigare tillfällen (ny deltagarkod)", default=0, db_default=0, editable=False
    )
    # ... and when they began, where the insats has a longest time without assessment: the
    # time goes on from there (regler.sol_11_kap_5_ny_kods_start), not from the new code.
    tidigare_start = models.DateField(
        "började med den tidigare koden", null=True, blank=True, editable=False
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
    # The one-time key of the round's end page that ended it (with others of the round), made
    # the sender's and the round's (tillfallen.avslut.avslutsnyckel): the same page sent again
    # answers "Redan sparad" instead of refusing everyone as already ended.
    avslutsnyckel = models.UUIDField(null=True, blank=True, editable=False)

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
            # A declared earlier count only continues a deltagarkod: an identified person is
            # found, never re-issued.
            models.CheckConstraint(
                condition=Q(tidigare_tillfallen=0)
                | Q(person__isnull=True, tidigare_tillfallen__lte=200),
                name="deltagande_tidigare_bara_kod",
            ),
            # Only a deltagarkod of individual talks is replaced by a new one (a person is
            # found, a group participant is on the round's list), and on a day.
            models.CheckConstraint(
                condition=~Q(status=DeltagandeStatus.ERSATT)
                | Q(
                    deltagarkod__isnull=False,
                    person__isnull=True,
                    omgang__isnull=True,
                    slutdatum__isnull=False,
                ),
                name="deltagande_ersatt_bara_kod",
            ),
            models.CheckConstraint(
                condition=Q(tidigare_start__isnull=True)
                | Q(tidigare_start__lte=models.F("startdatum"), tidigare_tillfallen__gt=0),
                name="deltagande_tidigare_start_fore_koden",
            ),
        ]

    def __str__(self) -> str:
        if self.person_id:
            return str(self.person)
        return f"Deltagare {self.deltagarkod}"

    def get_absolute_url(self) -> str:
        return reverse("dokumentation:deltagande", args=[self.pk])

    @classmethod
    def for_insats(
        cls, insats: Insats, *, i_kraft: Insats | None = None, **falt: object
    ) -> Deltagande:
        """A new participation in the insats, unsaved. It keeps the insats's documentation
        rule (14 kap. 3–5 §) and the caps (11 kap. 5 §) the nämnd had decided on its first day
        (`i_kraft`: the insats as it stood then), so that a later decision does not change
        what was registered under an earlier one."""
        beslutat = i_kraft or insats
        return cls(
            insats=insats,
            dokumentationsregel=insats.dokumentationsregel,
            dokumenteras_externt=(insats.verksamhetssystem or "").strip(),
            max_tillfallen=beslutat.max_tillfallen,
            max_varaktighet_manader=beslutat.max_varaktighet_manader,
            **falt,
        )

    @property
    def ar_identifierad(self) -> bool:
        return self.person_id is not None

    @property
    def aldersgrupp(self) -> Aldersgrupp:
        """The age band the statistics use: all an attendance list shows of a 14:4/14:5
        participant's age."""
        return Aldersgrupp.for_alder(self.alder)

    @property
    def fortsatter(self) -> bool:
        """A new deltagarkod for someone who lost their card."""
        return self.tidigare_tillfallen > 0

    @property
    def varaktighet_fran(self) -> datetime.date:
        """The day the longest time without assessment (11 kap. 5 §) counts from: the start,
        or for a new deltagarkod the day the person began with the old one."""
        return self.tidigare_start or self.startdatum

    @property
    def ar_avslutad(self) -> bool:
        return self.status in (self.Status.AVSLUTAD, self.Status.AVBRUTEN, self.Status.ERSATT)
