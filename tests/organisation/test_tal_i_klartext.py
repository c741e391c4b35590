"""Every number field of a form says its limits in plain Swedish (organisation.indata), in one
place, rather than Django's "Kontrollera att detta värde är större än eller lika med 0."."""

from django import forms

from organisation.indata import Indatakontroll


class Tal(Indatakontroll, forms.Form):
    antal = forms.IntegerField(min_value=0, max_value=500)
    minuter = forms.IntegerField(min_value=1, required=False)
    egen = forms.IntegerField(min_value=0, error_messages={"min_value": "Eget meddelande."})
    belopp = forms.DecimalField(min_value=0, required=False)


def test_number_fields_say_their_limits_plainly():
    form = Tal({"antal": "-1", "minuter": "0", "egen": "-2", "belopp": "-1.5"})
    assert not form.is_valid()
    assert form.errors == {
        "antal": ["Värdet kan inte vara negativt."],
        "minuter": ["Ange minst 1."],
        "egen": ["Eget meddelande."],
        "belopp": ["Värdet kan inte vara negativt."],
    }
    assert Tal({"antal": "501", "egen": "0"}).errors == {"antal": ["Ange högst 500."]}
