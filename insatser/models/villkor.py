"""The villkor of an insats: checkable conditions for taking part (11 kap. 5 §)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from insatser.models.insats import Insats
from organisation.models import kommunens_namn


class Villkor(models.Model):
    """A checkable condition for taking part (11 kap. 5 §). Its parameters are data here; what
    they mean is code (insatser.regler, insatser.villkorstext)."""

    class Typ(models.TextChoices):
        ALDER = "alder", "Ålder"
        FOLKBOKFORD = "folkbokford", "Folkbokförd i kommunen"
        VARDNADSHAVARES_SAMTYCKE = "vardnadshavares_samtycke", "Vårdnadshavares samtycke"
        GEMENSAM_BEGARAN = "gemensam_begaran", "Föräldrarna begär insatsen gemensamt"
        INSKRIVEN_SKOLA = "inskriven_skola", "Inskriven i skola"
        INTYG = "intyg", "Uppvisat intyg"
        OVRIGT = "ovrigt", "Övrigt villkor"
        UTAN_MEDFOLJANDE_BARN = "utan_medfoljande_barn", "Utan medföljande barn"

    class Avser(models.TextChoices):
        DELTAGAREN = "deltagaren", "Deltagaren"
        BARNET = "barnet", "Barnet som insatsen gäller"

    class Antal(models.TextChoices):
        EN = "en", "En vårdnadshavare"
        BADA = "bada", "Båda vårdnadshavarna"
        SAMTLIGA = "samtliga", "Samtliga vårdnadshavare"

    insats = models.ForeignKey(Insats, on_delete=models.CASCADE, related_name="villkor")
    ordning = models.PositiveSmallIntegerField("ordning", default=0)
    typ = models.CharField("typ", max_length=30, choices=Typ)
    avser = models.CharField(
        "gäller",
        max_length=12,
        choices=Avser,
        null=True,
        blank=True,
        help_text="Deltagaren om inget annat anges.",
    )
    min_alder = models.PositiveSmallIntegerField("lägsta ålder", null=True, blank=True)
    max_alder = models.PositiveSmallIntegerField("högsta ålder", null=True, blank=True)
    kommun = models.CharField("kommun", max_length=100, null=True, blank=True)
    under_alder = models.PositiveSmallIntegerField(
        "samtycke krävs under (år)", null=True, blank=True
    )
    antal = models.CharField("vems samtycke", max_length=10, choices=Antal, null=True, blank=True)
    skolform = models.CharField("skolform", max_length=200, null=True, blank=True)
    text = models.TextField(
        "beskrivning",
        null=True,
        blank=True,
        help_text="Vilket intyg som ska visas, eller villkoret i ord (övrigt).",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "villkor"
        verbose_name_plural = "villkor"
        ordering = ["insats_id", "ordning", "id"]  # by the column: no join to the insats

    #: The parameters of a villkor; what they mean is code (klartext, the rules).
    PARAMETRAR = (
        "typ",
        "avser",
        "min_alder",
        "max_alder",
        "kommun",
        "under_alder",
        "antal",
        "skolform",
        "text",
    )

    def __str__(self) -> str:
        return self.klartext()

    @property
    def galler_barnet(self) -> bool:
        return self.avser == self.Avser.BARNET

    def klartext(self) -> str:
        """The condition in plain Swedish, as a resident reads it in the public catalogue."""
        vem = "Barnet" if self.galler_barnet else "Du"
        match self.typ:
            case self.Typ.ALDER:
                if self.min_alder is not None and self.max_alder is not None:
                    return f"{vem} ska vara {self.min_alder}–{self.max_alder} år."
                if self.min_alder is not None:
                    return f"{vem} ska ha fyllt {self.min_alder} år."
                if self.max_alder is not None:
                    return f"{vem} ska vara högst {self.max_alder} år."
                return f"{vem} ska uppfylla ett åldersvillkor."
            case self.Typ.FOLKBOKFORD:
                var = f"i {kommunens_namn(self.kommun)}" if self.kommun else "i kommunen"
                # "barnet" is neuter: folkbokfört.
                folkbokford = "folkbokfört" if self.galler_barnet else "folkbokförd"
                return f"{vem} ska vara {folkbokford} {var}."
            case self.Typ.VARDNADSHAVARES_SAMTYCKE:
                vems = {
                    "en": "en vårdnadshavare",
                    "bada": "båda vårdnadshavarna",
                    "samtliga": "samtliga vårdnadshavare",
                }.get(self.antal or "", "vårdnadshavare")
                if self.under_alder is not None:
                    return f"För barn under {self.under_alder} år krävs samtycke från {vems}."
                return f"Samtycke krävs från {vems}."
            case self.Typ.GEMENSAM_BEGARAN:
                return "Föräldrarna ska begära insatsen tillsammans."
            case self.Typ.INSKRIVEN_SKOLA:
                skola = self.skolform or "skola"
                var = f" i {kommunens_namn(self.kommun)}" if self.kommun else ""
                return f"Inskrivning i {skola}{var} krävs."
            case self.Typ.INTYG:
                return f"Du ska kunna visa intyg: {self.text}."
            case self.Typ.UTAN_MEDFOLJANDE_BARN:
                return "Du ska inte ha barn med dig."
            case _:
                return self.text or ""
