"""The access log (every sight of identified data: who, when, which record) and the monthly
review of it by the enhetschef; the database lets the application only add to the log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from dokumentation.deltagande.models import Deltagande
from organisation.models import Kommun, Utforare


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

    @property
    def posten(self) -> str:
        """Which record, in words a reviewer can act on, without naming the person (the log
        page is no place to read identities): the insats and when the participation began,
        with its number for a search. Needs deltagande__insats read with the row."""
        d = self.deltagande
        return f"{d.insats.namn}, deltagande från {d.startdatum:%Y-%m-%d} (nr {d.pk})"


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
    # Set: the verksamhetschef's review of the enhetschefer's own reads of the municipality's
    # insatser at the utförare (dokumentation/logg/chefer.py); empty: the enhetschef's review
    # of the utförare's log, the one the internal control counts.
    kommun = models.ForeignKey(
        Kommun,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="kommun (verksamhetschefens granskning av enhetschefernas läsningar)",
    )
    # Set with kommun: the utförare had no enhetschef, so the verksamhetschef's review covered
    # its staff's reads too and stands in for the enhetschef's monthly review.
    personalens = models.BooleanField("omfattade personalens läsningar", default=False)

    class Meta:
        verbose_name = "logggranskning"
        verbose_name_plural = "logggranskningar"
        ordering = ["-tidpunkt"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(personalens=False) | models.Q(kommun__isnull=False),
                name="logggranskning_personalens_av_verksamhetschefen",
            ),
        ]

    def __str__(self) -> str:
        return f"Granskning {self.manad:%Y-%m} av {self.granskare}"
