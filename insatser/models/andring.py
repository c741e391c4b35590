"""A decision for a later day: the changes the nämnd decided, waiting until the day they apply."""

from __future__ import annotations

import copy
import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from insatser.models.beslut import Beslut
from insatser.models.insats import Insats
from insatser.models.katalog import Katalog
from insatser.models.villkor import Villkor
from organisation.models import Utforare


class BeslutadAndringQuerySet(models.QuerySet["BeslutadAndring"]):
    def vantande(self) -> BeslutadAndringQuerySet:
        """Decided, neither in force in the register yet nor withdrawn."""
        return self.filter(verkstalld__isnull=True, aterkallad__isnull=True)

    def forfallna(self, idag: datetime.date) -> BeslutadAndringQuerySet:
        """Waiting, and its day has come: the register's insats should be this version."""
        return self.vantande().filter(galler_fran__lte=idag)


class BeslutadAndring(models.Model):
    """A change of a decided insats that the nämnd decided to take effect on a later day (a
    decision in November for 1 January, or an end after the insats's last day). The insats's
    live row stays the version in force today; this holds what the decision changes (the
    fields by their column, and the villkor when they change) until `galler_fran`, when
    insatser.services.verkstall_beslut makes it the live row, saved under the decision so
    that its history shows it from the decision's date. insatser.historik reads a waiting
    change as the version from its day, so the catalogue "as decided on" a later day has it."""

    # An insats, or else the catalogue's own settings (21 kap. 2 § for the whole catalogue,
    # its header): exactly one.
    insats = models.ForeignKey(
        Insats,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beslutade_andringar",
    )
    katalog = models.ForeignKey(
        Katalog,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beslutade_andringar",
    )
    beslut = models.ForeignKey(
        Beslut, on_delete=models.PROTECT, related_name="andringar", verbose_name="nämndbeslut"
    )
    galler_fran = models.DateField("gäller från")
    # Changed fields of the insats by column name (utforare_id); dates as ISO text.
    falt = models.JSONField("ändrade uppgifter", default=dict, blank=True)
    # The villkor's parameters (Villkor.PARAMETRAR), in order; null: the villkor stay.
    villkor = models.JSONField("villkor", null=True, blank=True)
    infort = models.DateField("införd den")
    registrerad = models.DateTimeField("registrerad", auto_now_add=True)
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verkstalld = models.DateTimeField("i kraft i registret", null=True, blank=True)
    aterkallad = models.DateTimeField("återkallad", null=True, blank=True)
    aterkallad_orsak = models.CharField("skäl för återkallelsen", max_length=300, blank=True)
    aterkallad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = BeslutadAndringQuerySet.as_manager()

    class Meta:
        verbose_name = "beslutad ändring"
        verbose_name_plural = "beslutade ändringar"
        ordering = ["galler_fran", "id"]
        constraints = [
            # Only a change for a later day waits: one for today or earlier is the live row.
            # (The day it was entered is on or after its decision's date: a decision is never
            # recorded ahead of its meeting, BeslutForm.) The register applies what is due
            # once a day per process relying on this (services.verkstall_om_dags).
            models.CheckConstraint(
                condition=Q(galler_fran__gt=models.F("infort")),
                name="beslutad_andring_galler_senare",
            ),
            models.CheckConstraint(
                condition=Q(verkstalld__isnull=True) | Q(aterkallad__isnull=True),
                name="beslutad_andring_verkstalld_eller_aterkallad",
            ),
            models.CheckConstraint(
                condition=Q(aterkallad__isnull=True) | ~Q(aterkallad_orsak=""),
                name="beslutad_andring_aterkallad_med_skal",
            ),
            models.CheckConstraint(
                condition=Q(insats__isnull=False, katalog__isnull=True)
                | Q(insats__isnull=True, katalog__isnull=False),
                name="beslutad_andring_insats_eller_katalog",
            ),
            # One waiting change per insats (and per catalogue's settings): the next is
            # decided once it is in force, or after this one is withdrawn.
            models.UniqueConstraint(
                fields=["insats"],
                condition=Q(verkstalld__isnull=True, aterkallad__isnull=True),
                name="beslutad_andring_en_vantande",
            ),
            models.UniqueConstraint(
                fields=["katalog"],
                condition=Q(verkstalld__isnull=True, aterkallad__isnull=True),
                name="beslutad_andring_en_vantande_i_katalogen",
            ),
        ]
        indexes = [
            # The daily "is anything due?" reads only the waiting ones.
            models.Index(
                fields=["galler_fran"],
                condition=Q(verkstalld__isnull=True, aterkallad__isnull=True),
                name="beslutad_andring_vantande",
            )
        ]

    def __str__(self) -> str:
        vad = f"insats {self.insats_id}" if self.insats_id else f"katalog {self.katalog_id}"
        return f"{vad}: beslut {self.beslut_id} från {self.galler_fran.isoformat()}"

    @property
    def ar_vantande(self) -> bool:
        return self.verkstalld is None and self.aterkallad is None

    def _med_falten(self, grund: models.Model) -> None:
        for namn, varde in self.falt.items():
            falt = type(grund)._meta.get_field(namn.removesuffix("_id"))
            if isinstance(falt, models.DateField) and isinstance(varde, str):
                varde = datetime.date.fromisoformat(varde)
            setattr(grund, namn, varde)

    def som_katalog(self, grund: Katalog) -> Katalog:
        """The catalogue's settings as this change makes them, unsaved."""
        ny = copy.copy(grund)
        self._med_falten(ny)
        ny.uppgifter_beslut = self.beslut
        ny.uppgifter_galler_fran = self.galler_fran
        return ny

    def som_insats(self, grund: Insats) -> Insats:
        """The insats as this change makes it, from `grund` (the live row, or the history's
        version before it), unsaved."""
        ny = copy.copy(grund)
        self._med_falten(ny)
        if "utforare_id" in self.falt and self.falt["utforare_id"] != grund.utforare_id:
            # Referred to by id only (the database cannot protect it): one removed since is
            # None here, and insatser.services.hinder says the change cannot be put in force.
            ny.utforare = (
                Utforare.objects.filter(pk=self.falt["utforare_id"]).first()
                if self.falt["utforare_id"]
                else None
            )
        ny.beslut = self.beslut
        ny.rattelse = ""
        return ny

    def som_villkor(self, grund: list[Villkor]) -> list[Villkor]:
        """The villkor as this change makes them (unsaved), or `grund` when they stay."""
        if self.villkor is None:
            return grund
        return [Villkor(ordning=nr, **p) for nr, p in enumerate(self.villkor)]
