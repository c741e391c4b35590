from django.db import models


class Namn(models.Model):
    """The name list of namnord.namnlista(), as the database's guard reads it. Filled from
    data/namn.tsv by a migration (sql.ladda_namn), never edited by hand."""

    namn = models.CharField(max_length=100, primary_key=True)
    fornamn = models.BooleanField(default=False)
    efternamn = models.BooleanField(default=False)
    # Also an ordinary word or a place: counts as a name only with context.
    tvetydig = models.BooleanField(default=False)

    class Meta:
        verbose_name = "namn"
        verbose_name_plural = "namn"

    def __str__(self) -> str:
        return self.namn
