"""Sessions: individual talks, group meetings in a round (omgång) with their attendance, and
openings of an open activity with their headcounts by sex and age band (never people)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone

from dokumentation.deltagande.models import Deltagande
from dokumentation.val import Aldersgrupp, Efterregistrering, Kanal, Kon, SkalOverTak, bara_val
from insatser.models import Insats
from organisation.models import Utforare


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

    # The form's one-time key: the same form sent twice creates one round. Who sent it: the
    # key is only ever theirs, a colleague's copy of it is refused (skapa_omgang).
    inlamningsnyckel = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

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
    # When it was registered: staff may correct their own registrations for a while after
    # (RATTELSE_DAGAR), whatever day the session was.
    registrerad = models.DateTimeField(default=timezone.now, db_default=Now(), editable=False)
    # Why a session dated more than a year back was registered; empty otherwise.
    efterregistrering = models.CharField(
        "skäl till efterregistrering",
        max_length=12,
        choices=Efterregistrering,
        blank=True,
        db_default="",  # also for rows written past the ORM (bench/generera.py, imports)
    )
    # 11 kap. 5 §: a talk beyond the participation's cap is given only by an explicit choice,
    # whose reason is kept (a code) and counted. Empty within the cap.
    over_taket = models.CharField(
        "skäl för tillfälle över taket",
        max_length=20,
        choices=SkalOverTak,
        blank=True,
        db_default="",
    )

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
            bara_val("tillfalle", "efterregistrering", Efterregistrering, tom=True),
            bara_val("tillfalle", "over_taket", SkalOverTak, tom=True),
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
    # As for a talk: present beyond the participant's cap only with a reason, which is counted.
    over_taket = models.CharField(
        "skäl för närvaro över taket",
        max_length=20,
        choices=SkalOverTak,
        blank=True,
        db_default="",
    )

    class Meta:
        verbose_name = "närvaro"
        verbose_name_plural = "närvaro"
        constraints = [
            bara_val("narvaro", "over_taket", SkalOverTak, tom=True),
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
