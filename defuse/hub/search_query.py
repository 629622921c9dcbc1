"""From what a reader typed to what the index is asked: spelling, synonyms and joined words.

1. A word the index has never seen is replaced by the closest word it has (one or two edits
   away, by the optimal-string-alignment distance), and the page offers "did you mean".
2. A run of words that is one of the editors' synonyms (Synonym) is widened to all of them.
3. Two words that the index also holds as one ("de escalation", "self regulation") match
   either way.
"""

import re
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from defuse.platform.content_cache import cached

from .models import SearchTerm, Synonym
from .search_text import Group, Phrase, analyze_words, fold, query_words, stem, words

PHRASE_MARKS = re.compile(r'"')

MIN_WORD_TO_CORRECT = 4
MAX_GROUPS = 10


@dataclass
class Unit:
    """One thing the reader typed: a word (its hyphen-separated parts) or a quoted phrase."""

    parts: list[str]
    phrase: bool = False
    group: Group = field(default_factory=list)
    phrase_text: str = ""


@dataclass
class QueryPlan:
    groups: list[Group]
    corrections: dict[str, str]  # typed word (folded) → the index's word
    typed: Phrase = ()

    @property
    def phrase(self) -> Phrase:
        """The reader's words in order, as the index holds them (a compound's joined token
        before its parts), for the side-by-side ranking."""
        return self.typed

    @property
    def tokens(self) -> set[str]:
        return {token for group in self.groups for phrase in group for token in phrase}

    def corrected(self, query: str) -> str:
        """The query (folded, as corrections are) with each corrected word swapped for its
        suggestion."""
        query = fold(query)
        for typed, suggestion in self.corrections.items():
            query = re.sub(rf"(?<![\w-]){re.escape(typed)}(?![\w-])", suggestion, query)
        return query


def known_tokens(tokens: set[str]) -> set[str]:
    found = SearchTerm.objects.filter(term__in=tokens, documents__gt=0)
    return set(found.values_list("term", flat=True))


def words_starting_with(letter: str) -> list[str]:
    """The index's words that begin with letter, most used first (cached until content
    changes)."""

    def load():
        rows = SearchTerm.objects.filter(
            term__gte=letter, term__lt=chr(ord(letter) + 1), documents__gt=0
        ).order_by("-documents")
        return list(rows.values_list("word", flat=True))

    return cached(f"search:words:{ord(letter)}", load)


def closest_word(word: str) -> str | None:
    """The most used word of the index (or of the editors' synonyms) within one edit, two for
    longer words, if any."""
    if len(word) < MIN_WORD_TO_CORRECT or not word.isalpha():
        return None
    limit = 1 if len(word) <= 5 else 2
    candidates = words_starting_with(word[0]) + synonym_words(word[0])
    found = process.extractOne(word, candidates, scorer=OSA.distance, score_cutoff=limit)
    return found[0] if found else None


def synonym_words(letter: str) -> list[str]:
    return [word for word in synonym_groups()[2] if word.startswith(letter)]


def synonym_groups() -> tuple[dict[Phrase, int], list[Group], list[str]]:
    """Each synonym's phrases (as tokens, also joined when hyphenated) → its group number;
    each group's alternatives; and the single words among them (for spelling)."""

    def load():
        lookup: dict[Phrase, int] = {}
        groups: list[Group] = []
        single: set[str] = set()
        for synonym in Synonym.objects.all():
            alternatives: Group = []
            for member in synonym.members():
                parts = [part for pieces in words(member) for part in pieces]
                if not parts:
                    continue
                if len(parts) == 1 and parts[0].isalpha():
                    single.add(parts[0])
                alternatives.append(tuple(stem(part) for part in parts))
                if len(parts) > 1:
                    alternatives.append((stem("".join(parts)),))
            if len(alternatives) > 1:
                groups.append(list(dict.fromkeys(alternatives)))
        groups = merged(groups)  # rows sharing a phrase are one set of synonyms
        for number, group in enumerate(groups):
            for phrase in group:
                lookup[phrase] = number
        return lookup, groups, sorted(single)

    return cached("search:synonyms", load)


def merged(groups: list[Group]) -> list[Group]:
    result: list[Group] = []
    for group in groups:
        overlapping = [other for other in result if set(other) & set(group)]
        for other in overlapping:
            result.remove(other)
        result.append(list(dict.fromkeys([p for other in overlapping for p in other] + group)))
    return result


def plan(query: str) -> QueryPlan:
    units = [
        Unit(parts, kind == "phrase", phrase_text=text) for kind, parts, text in query_words(query)
    ][:MAX_GROUPS]
    units = apply_synonyms(units)  # a synonym's words are known, even if no item holds them
    corrections = correct_spelling(units)
    units = apply_synonyms(units)  # "tazer" corrected to "taser" widens to CEW too
    units = join_compounds(units)
    groups = []
    for unit in units:
        if not unit.group:
            stems = tuple(stem(part) for part in unit.parts)
            if unit.phrase:
                # Also as the index holds a hyphenated word: its joined token, then its parts.
                indexed = tuple(token for token, _ in analyze_words(unit.phrase_text))
                unit.group = list(dict.fromkeys([stems, indexed]))
            else:
                unit.group = [stems] if len(stems) == 1 else [stems, joined(unit)]
        groups.append(unit.group)
    typed = tuple(token for token, _ in analyze_words(PHRASE_MARKS.sub(" ", query)))
    return QueryPlan(groups, corrections, typed)


def joined(unit: Unit) -> Phrase:
    return (stem("".join(unit.parts)),)


def correct_spelling(units: list[Unit]) -> dict[str, str]:
    """Words neither the index nor a synonym knows → the closest word either knows."""
    single = [u for u in units if plain(u)]
    lookup = synonym_groups()[0]
    known = known_tokens({stem(u.parts[0]) for u in single})
    known |= {token for phrase in lookup for token in phrase}
    corrections = {}
    for unit in single:
        word = unit.parts[0]
        if stem(word) in known:
            continue
        suggestion = closest_word(word)
        if suggestion and stem(suggestion) != stem(word):
            corrections[word] = suggestion
            unit.parts = [suggestion]
    return corrections


def apply_synonyms(units: list[Unit]) -> list[Unit]:
    lookup, groups, _ = synonym_groups()
    if not lookup:
        return units
    longest = max(len(phrase) for phrase in lookup)
    result: list[Unit] = []
    i = 0
    while i < len(units):
        for end in range(len(units), i, -1):
            run = units[i:end]
            if any(u.phrase for u in run) or sum(len(u.parts) for u in run) > longest:
                continue
            tokens = tuple(stem(part) for u in run for part in u.parts)
            number = lookup.get(tokens)
            if number is None and len(run) == 1 and len(run[0].parts) > 1:
                number = lookup.get(joined(run[0]))
            if number is not None:  # the reader's own words first: phrase ranking reads them
                group = list(dict.fromkeys([tokens, *groups[number]]))
                result.append(Unit([p for u in run for p in u.parts], group=group))
                i = end
                break
        else:
            result.append(units[i])
            i += 1
    return result


def join_compounds(units: list[Unit]) -> list[Unit]:
    """Two plain words next to each other that the index also has joined: either form."""
    candidates = {
        stem(a.parts[0] + b.parts[0]): n
        for n, (a, b) in enumerate(zip(units, units[1:], strict=False))
        if plain(a) and plain(b)
    }
    if not candidates:
        return units
    known = known_tokens(set(candidates))
    result: list[Unit] = []
    skip = False
    for n, unit in enumerate(units):
        if skip:
            skip = False
            continue
        pair = stem(unit.parts[0] + units[n + 1].parts[0]) if n + 1 < len(units) else None
        if pair in known and candidates.get(pair) == n:
            stems = (stem(unit.parts[0]), stem(units[n + 1].parts[0]))
            result.append(Unit(unit.parts + units[n + 1].parts, group=[stems, (pair,)]))
            skip = True
        else:
            result.append(unit)
    return result


def plain(unit: Unit) -> bool:
    return not unit.phrase and not unit.group and len(unit.parts) == 1
