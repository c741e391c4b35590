"""Names that ordinary texts use as such (14 kap. 4–5 §§ SoL): a well-known full name
("Taylor Swift", "Mr Bean", not "Taylor i gruppen" nor "Astrid Lindgren Svensson"), a feast
("Nowruz", "Diwali"), names before a passive verb of a feast or a work ("Tết och Nowruz
firades", "Evert Taube sjöngs"), a title before "är en bok" ("Familjen Kotte är en bok"), a
brand and a name before a product's word ("Spotify Wrapped"), a royal's title ("drottning
Silvia"), a city that is also a first name after "i" or "från" ("från Sofia"), and a
restaurant before its food ("Max kom sent med maten"). namnregler_undantag.undantagna adds
these words; sql_kanda.kanda() is the same condition in the database, word for word.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from identitetsskydd.tecken import GEMEN, VERSAL, ord_och_mellanrum

KANDAFIL = Path(__file__).resolve().parent / "data" / "kanda.tsv"


@cache
def kanda() -> frozenset[str]:
    """The well-known full names as written, in small letters and in capitals, each also in
    the genitive ("Taylor Swifts nya album")."""
    par = [
        r.strip()
        for r in KANDAFIL.read_text(encoding="utf-8").splitlines()
        if r.strip() and not r.startswith("#")
    ]
    return frozenset(v for p in par for g in (p, p + "s") for v in (g, g.lower(), g.upper()))


# Feasts of many cultures that are no one's first name (the name list has none of them).
HOGTIDER = frozenset(
    """
    nowruz newroz nyruz norouz diwali deepavali holi tết vesak songkran hanukka chanukka
    hanukkah eid eidfirandet ramadan iftar thanksgiving halloween pesach purim kwanzaa onam
    pongal navratri enkutatash mawlid ashura lohri vaisakhi obon chuseok seollal losar timkat
    meskel nyår jul påsk midsommar valborg allhelgona
    """.split()
)
# Passive verbs of a feast or a work: a person is not "firades" or "sjöngs".
PASSIV = frozenset(
    """
    firades firas uppmärksammades uppmärksammas högtidlighölls sjöngs sjungs spelades
    spelas visades visas lästes läses
    """.split()
)
ARVAR = frozenset("är var".split())
ENETT = frozenset("en ett".split())
# What a title before "är en …" names: "Familjen Kotte är en bok", "… är en tv-serie".
VERKSLAG = frozenset(
    """
    bok barnbok bilderbok roman film tv serie tecknad pjäs saga sång låt visa dikt app podd
    podcast spelfilm dokumentär musikal opera
    """.split()
)
# Brands and services named like a person or read as an unknown name.
VARUMARKEN = frozenset(
    """
    spotify netflix youtube tiktok snapchat instagram discord twitch facebook whatsapp
    mrbeast pewdiepie shein temu zalando nocco ikea
    """.split()
)
# A product's word after a brand: "Spotify Wrapped", "Youtube Music".
PRODUKTORD = frozenset("wrapped premium music party plus kids".split())
# A royal's title before the name: "drottning Silvia", "Kung Carl Gustaf".
KUNGLIGA = frozenset(
    """
    kung kungen drottning drottningen prins prinsen prinsessan prinsessa kronprinsessan
    kronprinsen kronprins
    """.split()
)
# Cities named as a first name is: after "i", "från" or "via" ("åkte buss via Sofia").
STADER = frozenset("sofia santiago florens victoria adelaide lourdes charlotte".split())
STADSPREP = frozenset("i från via".split())
# A restaurant or shop named as a person is, before its food: "Max kom sent med maten".
MATSTALLEN = frozenset("max sibylla ica willys coop lidl".split())
MATORD = frozenset(
    """
    maten mat maträtten hamburgare hamburgarna burgare burgarna glass glassen frukt frukten
    leveransen beställningen pizza pizzorna matkuponger
    """.split()
)
OCH_ = frozenset("och o".split())
TITELFORM = re.compile(f"[{VERSAL}][{GEMEN}]+")


def varianter(ord_: frozenset[str]) -> frozenset[str]:
    """As written, capitalised and in capitals (sql_form._ord)."""
    return frozenset(v for o in ord_ for v in (o, o.capitalize(), o.upper()))


def kanda_ord(n: str, ord_: list[re.Match[str]]) -> set[int]:
    """The indices of the words in ord_ that are used here as no participant's name."""
    namn = kanda()
    hogtider, passiv, arvar = varianter(HOGTIDER), varianter(PASSIV), varianter(ARVAR)
    enett, verkslag, marken = varianter(ENETT), varianter(VERKSLAG), varianter(VARUMARKEN)
    produkt, kungliga, stader = varianter(PRODUKTORD), varianter(KUNGLIGA), varianter(STADER)
    stadsprep, matstallen = varianter(STADSPREP), varianter(MATSTALLEN)
    matord, och = varianter(MATORD), varianter(OCH_)
    ut: set[int] = set()

    w, sep = ord_och_mellanrum(n, ord_)

    def titel(o: str) -> bool:
        return bool(TITELFORM.fullmatch(o))

    def led(o: str) -> bool:
        return titel(o) or o in och

    for i in range(len(ord_)):
        o = w(i)
        if (
            sep(i + 1) == " "
            and f"{o} {w(i + 1)}" in namn
            and not (sep(i + 2) == " " and titel(w(i + 2)))
        ):
            ut.update((i, i + 1))  # Taylor Swift, not Astrid Lindgren Svensson
        if o in hogtider or o in marken or o in produkt:
            ut.add(i)  # Nowruz, Spotify
        if sep(i + 1) == " " and w(i + 1) in produkt:
            ut.add(i)  # Spotify Wrapped
        if titel(o) and (
            w(i + 1) in passiv
            or (
                led(w(i + 1))
                and (
                    w(i + 2) in passiv
                    or (
                        led(w(i + 2))
                        and (w(i + 3) in passiv or (led(w(i + 3)) and w(i + 4) in passiv))
                    )
                )
            )
        ):
            ut.add(i)  # Tết och Nowruz firades, Evert Taube sjöngs
        if titel(o) and any(
            all(titel(w(i + j)) for j in range(1, k))
            and w(i + k) in arvar
            and w(i + k + 1) in enett
            and w(i + k + 2) in verkslag
            for k in (1, 2, 3)
        ):
            ut.add(i)  # Familjen Kotte är en bok
        if titel(o) and (
            (w(i - 1) in kungliga and sep(i) == " ")
            or (w(i - 2) in kungliga and titel(w(i - 1)) and sep(i) == " " and sep(i - 1) == " ")
        ):
            ut.add(i)  # drottning Silvia, Kung Carl Gustaf
        if o in stader and w(i - 1) in stadsprep and sep(i) == " ":
            ut.add(i)  # från Sofia
        if o in matstallen and any(w(i + k) in matord for k in (1, 2, 3, 4)):
            ut.add(i)  # Max kom sent med maten
    return ut
