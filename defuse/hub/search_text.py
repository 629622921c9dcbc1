"""How search reads text: one analysis for what is indexed and for what readers type.

Words are folded (case, accents, apostrophes), function words dropped and the rest reduced to
their English stem (Snowball), with a few irregular plurals a stemmer cannot know ("knives" →
"knife"). A hyphenated word is indexed as its parts and as one joined word, so "less-lethal",
"less lethal" and "lesslethal" meet, as do "de-escalation" and "deescalation".

Both databases then only match these tokens exactly (SQLite FTS5 and PostgreSQL's 'simple'
configuration), so search behaves the same on either.
"""

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import snowballstemmer

# Letters and digits, joined by hyphens into one compound; an apostrophe is dropped first.
WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
HYPHEN = re.compile(r"[-\u2010\u2011]")
APOSTROPHE = re.compile(r"['\u2019]s\b|['\u2019]")
PHRASE = re.compile(r'"([^"]*)"?')

FUNCTION_WORDS = """a about after an and any are as at be been but by can could did do does for
from had has have he her him his how i if in into is it its me my of on or our over she should
so than that the their them then there these they this those to up us was we were what when
where which while who whom why will with would you your"""
STOPWORDS = frozenset(FUNCTION_WORDS.split())
# Plurals that the English stemmer leaves different from their singular.
IRREGULAR = {
    "knives": "knife",
    "lives": "life",
    "wives": "wife",
    "wolves": "wolf",
    "halves": "half",
    "thieves": "thief",
    "shelves": "shelf",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
}

# British spellings meet American ones ("behaviour" and "behavior", "recognise" and
# "recognize"). Applied to both sides, so a rule that also touches another word ("detour")
# only changes how that word is stored, never what finds it.
BRITISH = [
    (
        re.compile(r"(?<=[a-z]{3})our(?=(s|ed|ing|al|ally|able|ite|ites|ful|less|hood|ism|ist)?$)"),
        "or",
    ),
    (re.compile(r"(?<=[a-z]{3})is(?=(e|es|ed|ing|ation|ations)$)"), "iz"),
    (re.compile(r"(?<=[a-z]{3})ys(?=(e|es|ed|ing)$)"), "yz"),
    (re.compile(r"(?<=[a-z]{3})tre(?=(s|d)?$)"), "ter"),
    (re.compile(r"^(def|off|lic|pret)ence(?=s?$)"), r"\1ense"),
    (re.compile(r"^judgement"), "judgment"),
    (re.compile(r"^programme"), "program"),
]

_STEMMER = snowballstemmer.stemmer("english")


def fold(text: str) -> str:
    """Lower case, accents off, apostrophes out ("officer's" → "officer")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return APOSTROPHE.sub("", plain)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index token for one folded word."""
    word = IRREGULAR.get(word, word)
    for pattern, replacement in BRITISH:
        word = pattern.sub(replacement, word)
    return _STEMMER.stemWord(word)


def words(text: str) -> Iterator[list[str]]:
    """Each word of text, folded, as the list of its hyphen-separated parts, stopwords out."""
    for match in WORD.finditer(fold(text)):
        parts = [part for part in HYPHEN.split(match.group()) if part not in STOPWORDS]
        if parts:
            yield parts


def analyze_words(text: str) -> Iterator[tuple[str, str]]:
    """(token, word) for every token of text in order: the word is what a reader would type,
    for "did you mean". A compound's joined token comes before its parts, so the parts stay
    next to the words around them for phrase matches."""
    for parts in words(text):
        if len(parts) > 1:
            joined = "".join(parts)
            yield stem(joined), joined
        for part in parts:
            yield stem(part), part


def analyze(text: str) -> str:
    """The tokens of text, space-separated, as they are stored in the index."""
    return " ".join(token for token, _ in analyze_words(text))


# A query is a list of groups that must all match (or, for a partial match, as many as
# possible). A group is a list of alternatives; an alternative is a phrase, a tuple of tokens
# that must appear one after another ("less lethal"), usually of one token.
Phrase = tuple[str, ...]
Group = list[Phrase]


def word_alternatives(parts: list[str]) -> Group:
    stems = tuple(stem(part) for part in parts)
    if len(parts) == 1:
        return [stems]
    return [stems, (stem("".join(parts)),)]


def query_words(query: str) -> list[tuple[str, list[str], str]]:
    """What a reader typed, as (kind, parts, text) in order: kind "word" for a plain word (parts
    are its hyphen-separated pieces), "phrase" for a quoted phrase (parts are its words, a
    compound's pieces among them; text is the phrase as typed)."""
    found: list[tuple[str, list[str], str]] = []
    position = 0
    for quoted in PHRASE.finditer(query):
        found += [("word", parts, "") for parts in words(query[position : quoted.start()])]
        pieces = [part for parts in words(quoted.group(1)) for part in parts]
        if pieces:
            found.append(("phrase", pieces, quoted.group(1)))
        position = quoted.end()
    found += [("word", parts, "") for parts in words(query[position:])]
    return found
