"""The guard's functions again after the twelfth corpus, and the name list with the names it
lacked (Irish and Scottish names, English names common among children in Sweden, nicknames).
Shared patterns: "reggen" and a car's make in small letters before a plate, a plate with a
hyphen or spelled letter by letter in number words ("reg nr bee-ess-tee tre fyra sju"), "ig:" before a user name, the owner of a business "som" owns it, who works at a named
place in a village, and a yard of a service is no address ("bor på lägergården"). Name rules
(namnregler_sammanhang, mirrored in sql_sammanhang): an English subject before a verb and a
pronoun, a name that is also a word before what a person does and a pronoun, an unknown name
that came drunk, "kallade sig ”Lillis”", "X-familjen", "det är jag, Kalle,", "Nova i F11",
"Mr McDonagh", "ebba-lo sa att hon", a nickname in quotes before "har" and what a person has done, "o" with a
possessive as "och". Words no rule reads as a name (namnregler_undantag, sql_undantag): a
diagnosis, a saint, a business in the English genitive, a name joined to a word, a pet named
with "heter", a work's characters before "ur" or after "tittar på"."""

from django.db import migrations


def installera(apps, schema_editor):
    from identitetsskydd.sql import installera

    installera(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("identitetsskydd", "0011_granskning_elfte_korpusen")]

    operations = [migrations.RunPython(installera, migrations.RunPython.noop)]
