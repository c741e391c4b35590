"""A municipality's catalogue: its nämnd, the decision behind it and its own settings; and the
version row the catalogue cache compares."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from organisation.models import Kommun, kommunens_namn, ledig_slug


class Katalog(models.Model):
    """One municipality's catalogue: the header of the interchange format. `kommun` is the
    municipality's name as the file carries it; `kommunen` the municipality it belongs to
    (found or created by that name when the catalogue is first saved), whose roles see it."""

    kommun = models.CharField("kommun", max_length=100, unique=True)
    kommunen = models.OneToOneField(
        Kommun,
        on_delete=models.PROTECT,
        related_name="katalog",
        verbose_name="tillhör kommunen",
    )
    slug = models.SlugField(max_length=100, unique=True)
    namnd = models.CharField("nämnd", max_length=200, null=True, blank=True)
    beslutsdatum = models.DateField("riktlinjens beslutsdatum", null=True, blank=True)
    diarienummer = models.CharField("diarienummer", max_length=60, null=True, blank=True)
    galler_fran = models.DateField("gäller från", null=True, blank=True)
    allmanna_villkor = models.JSONField("allmänna villkor", default=list, blank=True)
    kalla = models.CharField("källa", max_length=300, null=True, blank=True)
    utan_samtycke_fran_15 = models.BooleanField(
        "unga från 15 år utan vårdnadshavares samtycke (21 kap. 2 §)",
        default=False,
        help_text="Nämndens beslut för hela katalogen: insatserna får ges till den som fyllt 15 "
        "utan vårdnadshavarnas samtycke, om den unga själv vill. En insats kan undantas.",
    )
    informationstext = models.TextField(
        "information om rätten att ansöka (11 kap. 6 §)",
        blank=True,
        help_text="Texten som utföraren ger alla som vänder sig till dem, och som visas publikt.",
    )
    orosanmalan_rutin = models.TextField(
        "så gör utföraren en orosanmälan om ett barn",
        blank=True,
        help_text="Kommunens rutin för anmälan till socialnämnden vid oro för ett barn: vart "
        "personalen vänder sig, telefon och tider. Visas för utförarens personal.",
    )
    # The decision the catalogue-wide settings (21 kap. 2 §, the header) stand under, and the
    # day that version took effect: registration on an earlier day reads the history
    # (insatser.historik.katalog_pa). None: as imported or saved without a decision.
    uppgifter_beslut = models.ForeignKey(
        "Beslut",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="nämndbeslut för katalogens uppgifter",
    )
    uppgifter_galler_fran = models.DateField("uppgifterna gäller från", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "katalog"
        verbose_name_plural = "kataloger"
        ordering = ["kommun"]

    def __str__(self) -> str:
        return kommunens_namn(self.kommun)

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.slug:
            self.slug = ledig_slug(Katalog, slugify(self.kommun) or "kommun")
        if self.kommunen_id is None:
            self.kommunen, _ = Kommun.objects.get_or_create(
                namn=self.kommun, defaults={"slug": ledig_slug(Kommun, self.slug)}
            )
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("publik:katalog", args=[self.slug])


#: The catalogue's own settings, as the secretary edits them (insatser.forms.KatalogForm) and
#: a decision for a later day changes them (BeslutadAndring of the catalogue).
KATALOGENS_FALT = (
    "namnd",
    "beslutsdatum",
    "diarienummer",
    "galler_fran",
    "allmanna_villkor",
    "utan_samtycke_fran_15",
    "informationstext",
    "orosanmalan_rutin",
)


class Katalogversion(models.Model):
    """One row whose token the database replaces whenever the catalogue changes: an insats,
    a villkor, a katalog or an utförare, whoever writes (triggers, migration 0004, PostgreSQL).
    insatser/katalogcache.py compares it to know that what it keeps is current."""

    token = models.UUIDField()

    class Meta:
        verbose_name = "katalogversion"
        verbose_name_plural = "katalogversion"

    def __str__(self) -> str:
        return str(self.token)
