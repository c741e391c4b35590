"""The journal of a 14 kap. 3 § participation: signed notes that are never changed; a correction
is a new note that refers to the one it corrects."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from dokumentation.deltagande.models import Deltagande


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
    # The form's one-time key: the same form sent twice signs one note (notes before the key
    # existed have none).
    inlamningsnyckel = models.UUIDField(null=True, blank=True, unique=True, editable=False)

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
