"""The enhetschef's yearly follow-up of an insats. Signed, it is frozen: its figures are stored
as they were shown (already protected by disclosure control) and its text never changes."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from insatser.models import Insats


class Bedomning(models.TextChoices):
    UPPNATT = "uppnatt", "Uppnått"
    DELVIS = "delvis", "Delvis uppnått"
    EJ_UPPNATT = "ej_uppnatt", "Ej uppnått"


class Forslag(models.TextChoices):
    BEHALL = "behall", "Behåll insatsen"
    ANDRA_VILLKOR = "andra_villkor", "Ändra villkoren"
    AVSLUTA = "avsluta", "Avsluta insatsen"


class Arsuppfoljning(models.Model):
    class Status(models.TextChoices):
        UTKAST = "utkast", "Påbörjad"
        SIGNERAD = "signerad", "Signerad"

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="arsuppfoljningar")
    ar = models.PositiveSmallIntegerField("år")
    analys = models.TextField("analys", blank=True)
    sammanfattning = models.TextField("sammanfattning", blank=True)
    slutsats = models.TextField("slutsats", blank=True)
    bedomning = models.CharField("bedömning", max_length=12, choices=Bedomning, blank=True)
    forslag = models.CharField("förslag till nämnden", max_length=15, choices=Forslag, blank=True)
    forslag_text = models.TextField("förslaget i ord", blank=True)
    kostnad = models.PositiveIntegerField(
        "årets kostnad (kr)",
        null=True,
        blank=True,
        help_text="Frivilligt. Ger kostnad per deltagare och per tillfälle.",
    )
    status = models.CharField("status", max_length=10, choices=Status, default=Status.UTKAST)
    siffror = models.JSONField("siffror som de var vid signering", null=True, blank=True)
    signerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signerad = models.DateTimeField("signerad", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "årsuppföljning"
        verbose_name_plural = "årsuppföljningar"
        ordering = ["-ar", "insats__namn"]
        constraints = [
            models.UniqueConstraint(fields=["insats", "ar"], name="arsuppfoljning_unik"),
            models.CheckConstraint(
                condition=Q(status="utkast")
                | Q(signerad_av__isnull=False, signerad__isnull=False, siffror__isnull=False),
                name="arsuppfoljning_signerad_ar_fryst",
            ),
        ]

    def __str__(self) -> str:
        return f"Årsuppföljning {self.ar} – {self.insats}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if (
            self.pk
            and Arsuppfoljning.objects.filter(pk=self.pk, status=self.Status.SIGNERAD).exists()
        ):
            raise ValueError("En signerad årsuppföljning ändras aldrig.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("uppfoljning:arsuppfoljning", args=[self.insats_id, self.ar])

    @property
    def senast(self) -> datetime.date:
        """Due by the end of March the following year."""
        return datetime.date(self.ar + 1, 3, 31)

    @property
    def i_tid(self) -> bool:
        return bool(self.signerad and self.signerad.date() <= self.senast)


class Publicering(models.Model):
    """The statistics of one closed period of one catalogue, computed once and frozen
    (uppfoljning.publicering). Published means stored: what the board was shown in March is
    what is shown in October, whatever was registered or gallrat since."""

    katalog = models.ForeignKey(
        "insatser.Katalog", on_delete=models.PROTECT, related_name="publiceringar"
    )
    slut = models.DateField("periodens sista dag")
    perioder = models.JSONField("perioder", help_text='Periodkoder, t.ex. ["2026-H2", "2026"].')
    skapad = models.DateTimeField("publicerad", default=timezone.now)
    metod = models.CharField("metod", max_length=200)
    parametrar = models.JSONField("parametrar")
    granskning = models.JSONField("granskningens utfall", default=dict)

    class Meta:
        verbose_name = "publicering"
        verbose_name_plural = "publiceringar"
        ordering = ["katalog", "slut"]
        constraints = [
            models.UniqueConstraint(fields=["katalog", "slut"], name="publicering_en_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.katalog}: {', '.join(self.perioder)}"


class Publiceringspost(models.Model):
    """One count of a publication: its true value when frozen (never shown, kept so the next
    publication can publish what was registered late) and what is shown, if anything."""

    class Status(models.TextChoices):
        VISAS = "visas", "Visas"
        DOLD = "dold", "Dold"
        OPUBLICERAD = "opublicerad", "Ingår i ett samband men visas inte"

    publicering = models.ForeignKey(Publicering, on_delete=models.PROTECT, related_name="poster")
    matt = models.CharField("mått", max_length=80)
    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, null=True, related_name="+")
    kolumn = models.CharField("kolumn", max_length=40)
    sant = models.IntegerField("sant värde vid publiceringen")
    status = models.CharField("status", max_length=12, choices=Status)
    primar = models.BooleanField("litet tal", default=False)

    class Meta:
        verbose_name = "publicerat tal"
        verbose_name_plural = "publicerade tal"
        constraints = [
            models.UniqueConstraint(
                fields=["publicering", "matt", "insats", "kolumn"],
                condition=Q(insats__isnull=False),
                name="publiceringspost_unik",
            ),
            models.UniqueConstraint(
                fields=["publicering", "matt", "kolumn"],
                condition=Q(insats__isnull=True),
                name="publiceringspost_unik_katalog",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matt} {self.insats_id or 'katalogen'} {self.kolumn}"


class Namndrapport(models.Model):
    """What the board paper says about itself (its cover) and the summary in words, entered by
    the nämndsekreterare or the verksamhetschef when the year's report is prepared. The
    figures are never here: they are read from the publication."""

    katalog = models.ForeignKey(
        "insatser.Katalog", on_delete=models.PROTECT, related_name="namndrapporter"
    )
    ar = models.PositiveSmallIntegerField("år")
    namnd = models.CharField("nämnd", max_length=200, blank=True)
    diarienummer = models.CharField(
        "diarienummer", max_length=60, blank=True, help_text="Från registrator, t.ex. 2027/14."
    )
    datum = models.DateField("datum", null=True, blank=True, help_text="Skrivelsens datum.")
    ansvarig = models.CharField("ansvarig", max_length=200, blank=True)
    ansvarig_titel = models.CharField("ansvarigs titel", max_length=200, blank=True)
    sammanfattning = models.TextField(
        "sammanfattning av ärendet",
        blank=True,
        help_text="Visas först i rapporten, före de framräknade huvudtalen.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "rapport till nämnden"
        verbose_name_plural = "rapporter till nämnden"
        constraints = [
            models.UniqueConstraint(fields=["katalog", "ar"], name="namndrapport_unik"),
        ]

    def __str__(self) -> str:
        return f"Rapport till nämnden {self.ar} – {self.katalog}"


class Folkmangd(models.Model):
    """The municipality's population on 31 December of a year (SCB), for cost per inhabitant."""

    kommun = models.ForeignKey(
        "organisation.Kommun", on_delete=models.CASCADE, related_name="folkmangd"
    )
    ar = models.PositiveSmallIntegerField("år")
    invanare = models.PositiveIntegerField("invånare 31 december")

    class Meta:
        verbose_name = "folkmängd"
        verbose_name_plural = "folkmängd"
        ordering = ["kommun", "ar"]
        constraints = [
            models.UniqueConstraint(fields=["kommun", "ar"], name="folkmangd_unik"),
            models.CheckConstraint(condition=Q(invanare__gt=0), name="folkmangd_positiv"),
        ]

    def __str__(self) -> str:
        return f"{self.kommun} {self.ar}: {self.invanare}"


class Rapportfil(models.Model):
    """A rendered PDF of the nämnd's report, keyed on a hash of the HTML it was rendered from:
    the publication is frozen and signed follow-ups never change, so the same page gives the
    same PDF and a second download needs no rendering."""

    katalog = models.ForeignKey(
        "insatser.Katalog", on_delete=models.CASCADE, related_name="rapportfiler"
    )
    ar = models.PositiveSmallIntegerField("år")
    nyckel = models.CharField("SHA-256 av underlaget", max_length=64, unique=True)
    pdf = models.BinaryField("PDF")
    skapad = models.DateTimeField("skapad", default=timezone.now)

    class Meta:
        verbose_name = "renderad rapport"
        verbose_name_plural = "renderade rapporter"

    def __str__(self) -> str:
        return f"{self.katalog} {self.ar} ({self.nyckel[:8]})"


class Riktlinjeuppfoljning(models.Model):
    """The verksamhetschef's follow-up of the whole guideline with the enhetschefer, per
    published half-year or tertial: text per section and proposals for revision to the nämnd.
    Signed, it is frozen like the yearly follow-up (in the database too, migration 0005)."""

    class Status(models.TextChoices):
        UTKAST = "utkast", "Påbörjad"
        SIGNERAD = "signerad", "Signerad"

    katalog = models.ForeignKey(
        "insatser.Katalog", on_delete=models.PROTECT, related_name="riktlinjeuppfoljningar"
    )
    period = models.CharField("period", max_length=10, help_text="T.ex. 2026-H1.")
    anvandning = models.TextField("hur insatserna har använts", blank=True)
    rattigheter = models.TextField(
        "information om rätten att ansöka och hänvisningar (11 kap. 1 och 6 §§)", blank=True
    )
    dokumentation = models.TextField(
        "dokumentation och skydd av identitet (14 kap. 3–5 §§)", blank=True
    )
    risker = models.TextField("risker och intern kontroll", blank=True)
    forslag = models.TextField("förslag till nämnden om revidering av riktlinjen", blank=True)
    status = models.CharField("status", max_length=10, choices=Status, default=Status.UTKAST)
    signerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signerad = models.DateTimeField("signerad", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "uppföljning av riktlinjen"
        verbose_name_plural = "uppföljningar av riktlinjen"
        constraints = [
            models.UniqueConstraint(fields=["katalog", "period"], name="riktlinjeuppfoljning_unik"),
            models.CheckConstraint(
                condition=Q(status="utkast") | Q(signerad_av__isnull=False, signerad__isnull=False),
                name="riktlinjeuppfoljning_signerad_har_signatur",
            ),
        ]

    def __str__(self) -> str:
        return f"Uppföljning av riktlinjen {self.period} – {self.katalog}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if (
            self.pk
            and Riktlinjeuppfoljning.objects.filter(
                pk=self.pk, status=self.Status.SIGNERAD
            ).exists()
        ):
            raise ValueError("En signerad uppföljning av riktlinjen ändras aldrig.")
        super().save(*args, **kwargs)


class ExportnyckelQuerySet(models.QuerySet["Exportnyckel"]):
    def giltiga(self) -> ExportnyckelQuerySet:
        return self.filter(aterkallad__isnull=True)


class Exportnyckel(models.Model):
    """A revocable key with which one consumer (Kolada, Power BI, a national collection)
    reads one municipality's open export without signing in: a BI tool cannot pass a second
    factor. Only the SHA-256 of the key is stored; the key itself is shown once, at creation
    (uppfoljning/exportnycklar.py). A revoked key is kept, as the record of who had access."""

    kommun = models.ForeignKey(
        "organisation.Kommun", on_delete=models.PROTECT, related_name="exportnycklar"
    )
    konsument = models.CharField(
        "mottagare", max_length=100, help_text="Vem som använder nyckeln, t.ex. Power BI."
    )
    hash = models.CharField(max_length=64, unique=True, editable=False)
    borjan = models.CharField("börjar med", max_length=6, editable=False)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    skapad = models.DateTimeField("skapad", default=timezone.now)
    senast_anvand = models.DateTimeField("senast använd", null=True, blank=True)
    aterkallad = models.DateTimeField("återkallad", null=True, blank=True)

    objects = ExportnyckelQuerySet.as_manager()

    class Meta:
        verbose_name = "exportnyckel"
        verbose_name_plural = "exportnycklar"
        constraints = [
            # One valid key per municipality and consumer: a repeated "create" makes no second.
            models.UniqueConstraint(
                fields=["kommun", "konsument"],
                condition=Q(aterkallad__isnull=True),
                name="exportnyckel_en_giltig_per_mottagare",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.konsument} ({self.kommun.namn}, {self.borjan}…)"


class Paminnelse(models.Model):
    """When the enhetschef was last e-mailed about an overdue yearly follow-up (`manage.py
    paminn`): at most once a week per insats and year. No row for a follow-up never reminded."""

    insats = models.ForeignKey(Insats, on_delete=models.CASCADE, related_name="+")
    ar = models.PositiveIntegerField("år")
    skickad = models.DateTimeField("senast påmind")

    class Meta:
        verbose_name = "påminnelse"
        verbose_name_plural = "påminnelser"
        constraints = [
            models.UniqueConstraint(fields=["insats", "ar"], name="paminnelse_unik"),
        ]

    def __str__(self) -> str:
        return f"Påminnelse {self.insats_id} {self.ar}"
