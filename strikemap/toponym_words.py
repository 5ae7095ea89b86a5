"""The words around place names in English report text, as data: what opens a name, what cues one, what is none.

``toponyms`` finds place-name spans with these: a capitalised run led by a generic head ("Kafr X") or after
a locative cue ("in X") is a candidate; words that need evidence, organisations' words, person cues and
stopwords keep news prose from being read as places.
"""

from __future__ import annotations

from .directions import AREA_PART_WORDS, CARDINAL_WORDS, INTERCARDINAL_SOLID_ADJECTIVES

__all__ = [
    "DIRECTION_WORDS",
    "GENERIC_HEADS",
    "LOCATIVE_CUES",
    "NEEDS_EVIDENCE",
    "ORGANISATION_WORDS",
    "PERSON_CUES",
    "PLACE_NOUNS_AFTER",
    "PLACE_NOUNS_OF",
    "STOPWORDS",
]

# Words that start many Arabic place names: a capitalised run led by one is a place candidate.
GENERIC_HEADS = frozenset(
    (
        "kafr kfar kafar kefr tal tell tall jabal jebel jabel jbel maarat maarrat maaret khan deir dayr ain ayn "
        "jisr qalaat qalat kalaat sheikh shaykh shaikh umm beit bayt ras bab qasr marj wadi sahl tallet khirbet "
        "khirbat hawsh mazraat mazraa mughr bir qarya qaryat ard um om"
    ).split()
)

# Words that are places only with evidence: generic heads of names ("Jisr", "Kafr", "Tal", "Khan"), common
# words ("Day") and first names ("Omar", "Ali") that a gazetteer also holds as some village's whole name.
# Alone they need a place cue before them ("in Tal", "shelled Kafr"); glued to more capitalised words
# ("Jisr Al-Shqour", "Kafr Oweid") the whole run is tried first.
NEEDS_EVIDENCE = GENERIC_HEADS | frozenset(
    "day omar umar ali mohammed muhammad ahmad ahmed hassan hasan hussein husayn khaled khalid mahmoud abdullah "
    "ibrahim youssef yusuf mustafa salem saleh abu bashar hafez maher".split()
) | frozenset(
    # Number words opening a sentence ("Nine of the dead were in Al Bara"), some village's name somewhere.
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty hundred".split()
)
# Words of organisations' names: a known name glued to a run holding one is part of that name ("Hayat
# Tahrir al-Sham", "the Idlib Health Directorate", "Jaish al-Izza"), not a place.
ORGANISATION_WORDS = frozenset(
    "hayat hayyat tahrir jaish jabhat ahrar faylaq liwa harakat health directorate council front brigade "
    "brigades liberation movement authority department committee corps legion division battalion army".split()
)
# Words after a name that make it a building's or a firm's ("Imam Malek School", "al Sena'a Mosque"): a
# name guessed from its shape, or a known one glued to an unknown word, is then no place.
FACILITY_WORDS = frozenset(
    "school schools mosque hospital clinic bakery market street square roundabout stadium university college "
    "institute factory company station prison".split()
)
# Cues before a single unknown capitalised word that make it a place candidate: locatives, and the verbs
# of striking whose object is the place struck ("regime forces shelled Sfuhen in Idleb").
LOCATIVE_CUES = frozenset(
    (
        "in on at near from towards toward outside around into across village town city "
        "shelled struck bombed targeted targeting hit pounded shelling bombing striking pounding"
    ).split()
)
# Words after a single unknown capitalised word that say it names a place ("Ftireh town", "Milaja axis").
PLACE_NOUNS_AFTER = frozenset("town village city area countryside axis outskirts plain front hills".split())
# "the town of X", "the village of X": a place noun, then "of".
PLACE_NOUNS_OF = frozenset("town village city area outskirts".split())

# Lower-case words that may open a known name ("northern Hama", "southern Idlib countryside").
DIRECTION_WORDS = AREA_PART_WORDS | INTERCARDINAL_SOLID_ADJECTIVES | {"greater"}

# A run right after one of these is a person (or an office, or a news outlet), not a place.
PERSON_CUES = frozenset(
    (
        "said says told according mr mrs ms dr spokesman spokeswoman spokesperson commander minister president "
        "premier leader head chief general gen colonel col officer official worker activist resident director "
        "doctor correspondent reporter journalist named ambassador envoy secretary sheikh imam father mother "
        "brother son daughter wife husband mp senator "
        # a newspaper, channel or agency by name: "the pro-government daily Al-Watan said"
        "daily newspaper paper channel broadcaster outlet website"
    ).split()
)

# Capitalised words of news prose that are never places on their own.
STOPWORDS = frozenset(
    (
        "the a an and or but if in on at of for to from by with as is was were be been are this that these those "
        "it its he she they we i you his her their our my your who whom which what when where why how all any both "
        "each few more most other some such no nor not only own same so than too very can will just should now "
        "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
        "august september october november december today yesterday tomorrow week month year "
        "russian syrian turkish iranian american french british arab arabic kurdish jordanian lebanese israeli "
        "government regime opposition rebels rebel forces force army military ministry defense defence civil "
        "foreign affairs minister president state news agency reuters afp ap observatory human rights watch "
        "united nations un security council red cross crescent white helmets hospital school market camp "
        "central province governorate district city "
        "town village countryside area region mount mountain plain valley road highway airport base "
        "al el ash as ad at az an ar meanwhile however thousands hundreds dozens several many some also "
        "after before during since while until under over about against between among through "
        "mark will grant hope faith chase may june april august summer winter spring fall"
    ).split()
) | CARDINAL_WORDS
