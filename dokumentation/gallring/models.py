"""The record of each gallring run: when, up to which day, how many rows of each kind were
removed (never what they said)."""

from __future__ import annotations

from django.db import models


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
