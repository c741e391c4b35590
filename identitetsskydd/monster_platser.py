"""Places: street addresses and house numbers, blocks and properties, c/o, flats, post boxes,
postcodes, and a school and class. Gathered in monster.py in the order the database runs them.
"""

from __future__ import annotations

from identitetsskydd.tecken import BOKSTAV, GEMEN, VERSAL, Monster

_L = BOKSTAV
GATUSUFFIX = (
    "gatan|gata|gränden|gränd|vägen|väg|stigen|torget|backen|backe|allén|allé|alle|allee|vändan|"
    "leden|platsen|esplanaden|promenaden|slingan|ringen|kroken|höjden|liden|stråket|kajen|"
    "stranden|strand|udden|ängen|gärdet|bränna|branten|hagen|torp|lunden|parken|torg|berget|"
    "dalen|viken|backarna|slätten|kullen|gården|gård|brynet|holmen|fältet"
)
_STORA = "|".join(s.capitalize() for s in GATUSUFFIX.split("|"))
_BOR = "bor|bodde|boende|bostad|adress|adressen|hemadress|hemadressen|postadress|postadressen"
_SEDAN = "(?: (?:på|i|till|nu|numera|sedan|är|blir|ny|nya))*:?"
# A farm or a yard that is a place of the service or of everyone, not an address: "katten bor
# på lägergården", "sover på fritidsgården", "bor på kyrkogården".
_ALLMAN_GARD = (
    "(?!(?:läger|fritids|ungdoms|kyrko|bond|skol|inner|bak|hembygds|behandlings|familje|"
    "konfirmations|kollo|vård|äldre)gård)"
)
_SKOLA = f"[A-ZÅÄÖ][{BOKSTAV}]* ?(?:skolan|skola|skolas|gymnasiet|gymnasium|förskolan|förskola)"
# What a number after a place is counted in ("på Biblioteket 3 gånger"): not a house number.
_ENHETER = (
    "st|år|kr|gång|gånger|familj|familjer|barn|besök|besökare|deltagare|platser|personer|"
    "veckor|dagar|timmar|minuter|träffar|ungdomar|föräldrar|tillfällen|samtal|procent"
)
# Numbered rooms, groups and weeks are not houses: "Salen 3 i Gottsunda".
_NUMRERADE = (
    "Rummet|Salen|Lokalen|Gruppen|Klassen|Våningen|Avdelningen|Enheten|Huset|Veckan|Dagen|"
    "Omgången|Träffen|Kursen|Bussen|Linjen|Spåret|Hållplatsen|Platsen|Sidan|Terminen|Passet|"
    "Mötet|Tillfället|Kvällen|Natten|Rundan|Vändan|Gången|Sessionen"
)


SKOLOR: tuple[Monster, ...] = (
    # A school and a class, or a preschool's unit, that a child goes to: "går i 3B på
    # Kyrkskolan", "Ekebyskolan, klass 7C", "går på … avdelning Blåsippan".
    Monster(
        "skola",
        f"(?<![{_L}])(?:(?:[Gg]år|[Gg]ick|[Bb]örjar|[Bb]örjade|[Gg]å) i|[Kk]lass|kl\\.|[Åå]k|"
        # a class without "i" ("går 9c på Vallaskolan") and a pre-school class ("förskoleklass
        # F1 på Ekebyskolan")
        f"(?:[Gg]år|[Gg]ick|[Bb]örjar|[Bb]örjade) (?=[0-9]{{1,2}}[A-Fa-f](?![{_L}0-9]))|"
        f"[Ff]örskoleklass|"
        f"[Åå]rskurs)(?: klass| åk| årskurs)? ?(?:[0-9]{{1,2}}(?:[A-Za-z]| [A-HJ-Z])|F ?[0-9])"
        f"(?![{_L}0-9])"
        f"[^.!?]{{0,25}}?(?<![{_L}]){_SKOLA}",
    ),
    Monster(
        "skola",
        f"(?<![{_L}]){_SKOLA}[^.!?]{{0,15}}?(?<![{_L}])(?:klass |kl\\. ?|åk |årskurs )?"
        f"[0-9]{{1,2}}[A-Fa-f](?![{_L}0-9])",
    ),
    Monster(
        "skola",
        f"(?<![{_L}])(?:[Gg]år|[Gg]ick|[Bb]örjar|[Bb]örjade) (?:på|i) [^.!?]{{0,40}}?"
        "(?:avdelning|avd\\.?) [A-ZÅÄÖ]",
    ),
)


ADRESSER: tuple[Monster, ...] = (
    # Street and number: Storgatan 12 B, Kvarnvägen 4A, Stora torget 3.
    Monster(
        "adress",
        f"(?<![{_L}])[{_L}]{{2,}}-?(?:{GATUSUFFIX})\\.? ?(?:nr\\.? ?|nummer )?[0-9]{{1,3}}"
        f" ?[A-Za-z]?(?![{_L}0-9])",
        skiftlagesokansligt=True,
    ),
    # Squares and streets named "...plan" (Fridhemsplan 12); a plan of a year has 4 digits.
    Monster(
        "adress",
        f"(?<![{_L}])[{_L}]{{3,}}plan ?[0-9]{{1,3}} ?[A-Za-z]?(?![{_L}0-9])",
        skiftlagesokansligt=True,
    ),
    # A word and a street word: Stora torget 3, Gröna gatan 12.
    Monster(
        "adress",
        f"(?<![{_L}])[A-ZÅÄÖ][{_L}]+ (?:{GATUSUFFIX}|{_STORA})\\.? ?[0-9]{{1,3}}(?![0-9])",
    ),
    # A named house and its number: "Gula huset nr 3", "Röda stugan nr 2".
    Monster(
        "adress",
        f"(?<![{_L}])[{VERSAL}][{GEMEN}]+ (?:huset|villan|stugan|torpet|längan|radhuset) "
        f"(?:nr\\.? ?|nummer |n:o ?)?[0-9]{{1,3}}(?![0-9])(?! ?(?:{_ENHETER})(?![{_L}]))",
    ),
    # A local place and a house number after where: "vid Gläntan 7", "på Solbacken 12 B". A
    # place is a capitalised definite form; a number counted in something is not a house.
    Monster(
        "adress",
        f"(?<![{_L}])(?:vid|på|hos|till|från) [{VERSAL}][{GEMEN}]{{2,}}(?:an|en|et) "
        f"[0-9]{{1,3}}(?: ?[A-Da-d](?![{_L}]))?(?![0-9])(?![ .:,-]?[0-9])"
        f"(?! ?(?:{_ENHETER}|%)(?![{_L}]))",
    ),
    # Abbreviated streets: Storg. 12 B, Kungsg 5, Kvarnv. 3.
    Monster(
        "adress",
        f"(?<![{_L}])[A-ZÅÄÖ][a-zåäöé]{{1,}}(?:g|v)\\. ?[0-9]{{1,3}}(?![0-9])",
    ),
    Monster(
        "adress",
        # Care is no street: "Individ- och familjeomsorg 140 835" is a row of a budget table.
        f"(?<![{_L}])[A-ZÅÄÖ][a-zåäöé]{{2,}}(?:sg|rg|gg|ttg|llg)(?<!borg)(?<!berg)(?<!omsorg) "
        "[0-9]{1,3} ?[A-Za-z]?"
        f"(?![{_L}0-9])",
        skiftlagesokansligt=True,  # "hämta henne på drottningg 5"
    ),
    # "bor på Lärkstigen", "flyttat till Tallstigen", "ny adress bergsv 12": a street after a
    # word about where someone lives, with or without its number.
    Monster(
        "adress",
        f"(?<![{_L}])(?:{_BOR}|flyttat|flyttade|flyttar|flytta){_SEDAN} {_ALLMAN_GARD}"
        f"[{_L}]+(?:{GATUSUFFIX})(?![{_L}])",
        skiftlagesokansligt=True,
    ),
    Monster(
        "adress",
        f"(?<![{_L}])(?:{_BOR}){_SEDAN} [{_L}]+\\.? [0-9]{{1,3}}(?![0-9])",
        skiftlagesokansligt=True,
    ),
    Monster("adress", f"(?<![{_L}])(?:post)?box ?[0-9]{{1,6}}(?![0-9])", skiftlagesokansligt=True),
    Monster("adress", f"(?<![{_L}])c ?/ ?o(?![{_L}])", skiftlagesokansligt=True),
    Monster(
        "adress",
        f"(?<![{_L}])(?:lgh|lägenhet|lägenhetsnummer|lägenhetsnr|lägenhetsnr\\.)\\.?"
        f"(?: ?nr\\.?| ?nummer)? ?:? ?[0-9]{{1,4}}(?![0-9])",
        skiftlagesokansligt=True,
    ),
    # A postcode with a place: 733 25 Sala, SE-441 30 Alingsås.
    Monster(
        "adress",
        "(?<![0-9])(?:SE-? ?)?[1-9][0-9]{2} ?[0-9]{2},? [A-ZÅÄÖ][A-ZÅÄÖa-zåäöé]{2,}",
    ),
)


KVARTER: tuple[Monster, ...] = (
    # A block or a property and its number: "kvarteret Svalan 4", "fastigheten Ärlan 9:3".
    Monster(
        "adress",
        f"(?<![{_L}])(?:[Kk]varteret|[Kk]v\\.|[Ff]astigheten|[Ff]astighet|[Tt]omten) "
        f"[{VERSAL}][{GEMEN}]+ [0-9]{{1,3}}(?::[0-9]{{1,3}})?(?![0-9])"
        f"(?! ?(?:{_ENHETER}|%)(?![{_L}]))",
    ),
    # A local place and a house number in a district: "Gläntan 7 i Gottsunda" (without "vid"
    # or "på" before it, as "vid Gläntan 7" is read above). Rooms and groups are numbered too.
    Monster(
        "adress",
        f"(?<![{_L}])(?!(?:{_NUMRERADE})(?![{_L}]))[{VERSAL}][{GEMEN}]{{2,}}(?:an|en|et) "
        f"[0-9]{{1,3}}(?: ?[A-Da-d](?![{_L}]))?,? (?:i|på) [{VERSAL}][{GEMEN}]",
    ),
)
