"""Persons pointed out without their number: a surname with a particle, a role one person
holds at a workplace or in a town, the owner of a business in a place, and rare combinations
(the only one of a kind in a small place, 100 years or more). Gathered in monster.py in the
order the database runs them.
"""

from __future__ import annotations

from identitetsskydd.namnord import KONTEXT
from identitetsskydd.tecken import BOKSTAV, GEMEN, VERSAL, Monster

_L = BOKSTAV
# Who a workplace and a role point to: the person in the text, not staff or a unit.
_INTE_SUBJEKT = frozenset(
    "dr hr doktor heter hette kallad kallades kallas man namn namnet tilltalsnamn".split()
)
_SUBJEKT = "|".join(
    f"[{o[0].upper()}{o[0]}]{o[1:]}"
    # "man" after a possessive is a husband, not "one": "hennes man är präst i …".
    for o in sorted(KONTEXT - _INTE_SUBJEKT | {"han", "hon", "hen", "hennes man", "hans man"})
)
# Roles held by one person at a workplace: with it, the workplace names the person.
_ENSAM_ROLL = (
    "rektor|rektorn|chef|chefen|kyrkoherde|präst|prästen|pastor|pastorn|imam|imamen|vd|VD|"
    "ägare|ägaren|kommunalråd|ordförande|ordföranden|direktör|skolsköterska|skolkurator|"
    "kurator|barnmorska|barnmorskan|tandläkare|distriktsläkare|förman|platschef|"
    "kommundirektör|vaktmästare|vaktmästaren|diakon|kantor|kantorn|församlingsherde"
)
# Roles a town or a parish has one of: "i" and the place alone names the person ("maken var
# kyrkoherde i Sala").
_ORTENS_ROLL = (
    "kyrkoherde|kyrkoherden|församlingsherde|kommunalråd|kommunalrådet|kommundirektör|"
    "kommundirektören|landshövding|landshövdingen|polischef|polischefen"
)
# "i" a place and one of these is a workplace; "i" a place alone is where ("i Syrien").
_ARBETSPLATS = (
    "församling|pastorat|kyrka|kyrkan|moské|moskén|kommun|skola|skolan|förening|föreningen|"
    "vårdcentral|vårdcentralen"
)
# Particles of surnames: "Jeroen de Vries", "familjen van der Berg", "Louise af Ugglas".
_PARTIKEL = "van|von|de|af|al|el|bin|ibn|ben|da|di|du|le|la|ten|ter|dos|das"
# Businesses one person owns or runs: with a place they point to the owner.
_VERKSAMHET = (
    "pizzerian|restaurangen|kiosken|salongen|frisersalongen|frisören|butiken|affären|caféet|"
    "kaféet|gatuköket|macken|bensinmacken|firman|verkstaden|bageriet|konditoriet|hotellet|"
    "vandrarhemmet|gymmet|gården|lanthandeln|blomsteraffären|taxibolaget|åkeriet|krogen|puben"
)
# The workplaces a village has one of: "hon som jobbar på skolan i byn".
_BYNS_ARBETSPLATS = (
    "skolan|förskolan|affären|lanthandeln|macken|kiosken|pizzerian|vårdcentralen|biblioteket|"
    "posten|sågen|fabriken|bruket|hemtjänsten|äldreboendet"
)
# Roles a municipality or county has one of: the role alone names the person.
_UNIK_ROLL = (
    "kommunstyrelsens ordförande|socialnämndens ordförande|kommunfullmäktiges ordförande|"
    "kommunalråd|kommunalrådet|kommundirektör|kommundirektören|kommunchef|kommunchefen|"
    "socialchef|socialchefen|landshövding|landshövdingen|polischef|polischefen"
)
# The one or the oldest of a kind in a small place: "enda familjen från Eritrea i byn".
_PERSONORD = (
    "familjen|familj|kvinnan|mannen|barnet|personen|eleven|flickan|pojken|tjejen|killen|"
    "mamman|pappan|föräldern|ungdomen|änkan|änklingen|paret|syskonen|tvillingarna|trillingarna"
)
# Where a person belongs, after "sin": "den ende i sin klass".
_SIN_PLATS = "klass|skola|by|ort|kommun|grupp|årskurs|förening|församling|arbetsplats"
_LITEN_PLATS = (
    "byn|orten|kommunen|området|kvarteret|samhället|bygden|ön|skolan|klassen|huset|porten|"
    "trappuppgången|gatan"
)


# Abbreviations written with a dot after each letter: not a person's initials ("m.m.", "o.s.v.",
# "p.g.a.", "p.e." for procentenheter).
_FORKORTNINGAR = (
    "mm osv dvs pga sk fd ed tom iom mao fö ua od mht map sas ps vg vgv aka isf el tf vd em fm "
    "am pm ie eg nb tv th ds fn oa ol pa eu us usa uk ek obs pe ss aa vv mv fk ev"
).split()
# Its letters, either case, a dot after each and a space or hyphen between.
_STAVAT = "|".join("\\. ?-?".join(f"[{b.upper()}{b}]" for b in f) + "\\." for f in _FORKORTNINGAR)


PARTIKELNAMN_OCH_ROLL: tuple[Monster, ...] = (
    # A person's initials, a dot after each letter: "A.K. kom", "pratade m j.l.", "S.H.-A."
    # (two or three letters; not an abbreviation so written).
    Monster(
        "namn",
        f"(?<![{_L}0-9.])(?!(?:{_STAVAT})(?![{_L}]))[{_L}]\\. ?-?[{_L}]\\.(?: ?-?[{_L}]\\.)?"
        f"(?![{_L}])",
    ),
    # A surname with a particle: "Jeroen de Vries", "familjen van der Berg".
    Monster(
        "namn",
        f"(?<![{_L}])(?:[{VERSAL}][{GEMEN}]+|familjen|paret|fru|herr) (?:{_PARTIKEL})"
        f"(?: (?:der|den|de|la|los|las))? [{VERSAL}][{GEMEN}]",
    ),
    # A role one person holds at a named workplace: "pappan är rektor på Vallaskolan". The
    # subject is a person of the text (a role word or han/hon/hen), not a unit.
    Monster(
        "arbetsplats",
        f"(?<![{_L}])(?:{_SUBJEKT}) (?:är|var|blev|arbetar som|jobbar som|arbetade som|"
        f"jobbade som|är anställd som)(?: ensam| enda| den enda| biträdande| ny| nya)* "
        f"[{_L}]*(?:(?:{_ENSAM_ROLL})n? (?:(?:för|på|vid|över) (?:[a-zåäö]+ ){{0,4}}[A-ZÅÄÖ]|"
        f"i [A-ZÅÄÖ][{_L}]* (?:{_ARBETSPLATS})|(?:på|vid|i) (?:{_ARBETSPLATS}) (?:i|på) [A-ZÅÄÖ])|"
        f"(?:{_ORTENS_ROLL}) i [A-ZÅÄÖ])",
    ),
)


AGARE_OCH_ENDA: tuple[Monster, ...] = (
    # The owner of a business in a place: "exmaken äger pizzerian vid torget i Skinnskatteberg",
    # "hon som äger frisersalongen på torget i Ransta".
    Monster(
        "arbetsplats",
        f"(?<![{_L}])(?:{_SUBJEKT})(?: som)? (?:äger|ägde|driver|drev) (?:{_VERKSAMHET})(?![{_L}])"
        f"[^.!?]{{0,30}}?(?<![{_L}])(?:i|på|vid) [A-ZÅÄÖ]",
    ),
    # Who works at a named workplace in a village: "han som jobbar på ICA i byn" (a village's
    # shop or school has a handful of staff; "i Sala" is a town and not read so).
    Monster(
        "arbetsplats",
        f"(?<![{_L}])(?:{_SUBJEKT})(?: som)? (?:jobbar|arbetar|jobbade|arbetade) (?:på|vid|hos) "
        f"(?:[A-ZÅÄÖ][{_L}]*(?: [A-ZÅÄÖ][{_L}]*)?|{_BYNS_ARBETSPLATS}) "
        f"i (?:byn|samhället|bygden|ön)(?![{_L}])",
    ),
    # A role the municipality has one of: "maken är kommunstyrelsens ordförande här".
    Monster(
        "arbetsplats",
        f"(?<![{_L}])(?:{_SUBJEKT}) (?:är|var|blev)(?: (?:här|kommunens|vår))? "
        f"(?:{_UNIK_ROLL})(?![{_L}])(?! i [A-ZÅÄÖ])",
    ),
    # A rare combination: the only or oldest of a kind in a small place, or 100 years or more.
    Monster(
        "kombination",
        f"(?<![{_L}])(?:enda|ende|äldsta|äldste|yngsta|yngste)(?:(?: [{_L}]+){{0,2}} "
        f"(?:{_PERSONORD})| som)"
        f"(?![{_L}])[^.!?]{{0,60}}?(?<![{_L}])(?:i|på) (?:{_LITEN_PLATS})(?![{_L}])"
        # "den ende i sin klass som …": the only one where the person belongs.
        f"|(?<![{_L}])den (?:enda|ende) (?:i|på) (?:sin|hans|hennes|hens) (?:{_SIN_PLATS})"
        f"(?![{_L}])",
        skiftlagesokansligt=True,
    ),
    Monster(
        "kombination",
        f"(?<![{_L}])(?:{_SUBJEKT}) (?:är|var|blir|blev|fyller|fyllde|har fyllt) 1[0-2][0-9] år"
        f"(?![{_L}])",
        skiftlagesokansligt=True,
    ),
)


ENSAM_I_ORTEN: tuple[Monster, ...] = (
    # The only one in a job at a place: "han är ensam brandman på stationen i Norberg", "han
    # jobbar som enda tandläkaren i Ljusnarsberg" (not "ensam med tre barn i Sala").
    Monster(
        "arbetsplats",
        f"(?<![{_L}])(?:{_SUBJEKT}) (?:är|var|blev|arbetar som|jobbar som|arbetade som|"
        f"jobbade som)(?: den)? (?:ensam|ensamma|enda|ende)(?: [{GEMEN}]+)? "
        f"(?!(?:med|om|hemma|kvar|förälder|föräldern|vårdnadshavare|vuxen|vuxna|kvinna|man|"
        f"mamma|pappa|mamman|pappan)(?![{_L}]))[{GEMEN}]{{4,}} (?:[{GEMEN}]+ ){{0,3}}"
        f"(?:på|vid|i) [A-ZÅÄÖ]",
    ),
    # The first or only of a kind in the municipality: "hon är kommunens enda kvinnliga präst".
    Monster(
        "kombination",
        f"(?<![{_L}])(?:{_SUBJEKT}) (?:är|var|blev) (?:kommunens|stadens|ortens|byns|länets|"
        f"regionens|församlingens|bygdens|öns) (?:enda|ende|första|äldsta|äldste|yngsta|yngste)"
        f"(?![{_L}])",
        databasgrupp="arbetsplats",
    ),
    # The only one of a kind in a named small place, adjectives between: "den enda somaliska
    # pappan med trillingar i Fagersta"; and "den ende i byn" after a person.
    Monster(
        "kombination",
        f"(?<![{_L}])(?:enda|ende|äldsta|äldste|yngsta|yngste)(?: [{GEMEN}]+){{0,2}} "
        f"(?:{_PERSONORD})(?![{_L}])[^.!?]{{0,60}}?(?<![{_L}])(?:i|på) [A-ZÅÄÖ][{GEMEN}]+",
        databasgrupp="arbetsplats",
    ),
    Monster(
        "kombination",
        f"(?<![{_L}])(?:{_SUBJEKT}) (?:är|var)[^.!?]{{0,40}}?(?<![{_L}])(?:den|det) "
        f"(?:enda|ende) (?:i|på) (?:{_LITEN_PLATS})(?![{_L}])",
        databasgrupp="arbetsplats",
    ),
)
