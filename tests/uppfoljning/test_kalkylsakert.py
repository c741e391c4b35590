"""Exports safe to open: a cell a spreadsheet would run as a formula is neutralised."""

from uppfoljning.views import _kalkylsakra


def test_formulas_get_an_apostrophe_and_numbers_stay():
    rader = [
        ['=HYPERLINK("http://example.com","Klicka")', "+SUM(A1:A9)", "-2+3", "@cmd", "\tx"],
        ["+12", "-3", "-3 %", "1 576", "Föräldragrupp ABC"],
    ]
    assert _kalkylsakra(rader) == [
        ['\'=HYPERLINK("http://example.com","Klicka")', "'+SUM(A1:A9)", "'-2+3", "'@cmd", "'\tx"],
        ["+12", "-3", "-3 %", "1 576", "Föräldragrupp ABC"],
    ]
