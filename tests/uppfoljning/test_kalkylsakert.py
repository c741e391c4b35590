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


def test_look_alikes_are_escaped_after_normalisation():
    """A spreadsheet that normalises "＝" to "=" (NFKC) would run it: escaped like "=",
    as are the other look-alikes, a line feed, and a sign behind spaces or invisible
    characters; a full-width number stays a number."""
    elaka = [
        '＝HYPERLINK("http://example.com")',  # full-width equals
        "﹦1+1",  # small equals
        "＋SUM(A1)",  # full-width plus
        "－2+3",  # full-width hyphen-minus
        "﹣2+3",  # small hyphen-minus
        "\u22122+3",  # minus sign
        "＠cmd",  # full-width commercial at
        "\nx",
        " =1+1",
        "\u200b=1+1",  # zero-width space
        "\ufeff@cmd",  # byte order mark
        "\u3000=1+1",  # ideographic space
    ]
    assert _kalkylsakra([elaka]) == [[f"'{c}" for c in elaka]]
    assert _kalkylsakra([["＋１２", "Föräldragrupp ＡＢＣ", "1 576", 5]]) == [
        ["＋１２", "Föräldragrupp ＡＢＣ", "1 576", 5]
    ]


def test_the_open_export_escapes_in_the_same_place():
    from uppfoljning import export

    assert export.kalkylsaker is _kalkylsakra.__globals__["kalkylsaker"]


def test_a_lone_sign_is_no_formula():
    """The reports' "–" for a figure not published (and "×" beside it) stay readable; a sign
    with anything after it is escaped."""
    assert _kalkylsakra([["–", "-", "×", " – ", "–x"]]) == [["–", "-", "×", " – ", "'–x"]]
