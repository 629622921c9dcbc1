import pytest

from defuse.hub.fulltext import Mode, match_expression


@pytest.mark.parametrize(
    "query, expected",
    [
        ("tactical pause", '{title body} : ("tactical" AND "pause")'),
        ('"tactical pause" drills', '{title body} : ("tactical pause" AND "drills")'),
        (
            "NEAR(a b) OR title:x*",
            '{title body} : ("NEAR" AND "a" AND "b" AND "OR" AND "title" AND "x")',
        ),
        ('say "he said ""no""" loud', '{title body} : ("he said" AND "no" AND "say" AND "loud")'),
        ("🙂 ^ - * ()", ""),
        ("", ""),
    ],
)
def test_match_expression_quotes_everything(query, expected):
    assert match_expression(query) == expected


def test_any_word_joins_with_or():
    expression = match_expression("crisis calls", Mode.ANY_WORD)
    assert expression == '{title body} : ("crisis" OR "calls")'


def test_prefix_mode_completes_words_in_titles():
    assert match_expression("crisis ca", Mode.PREFIX) == ('{title} : ("crisis"* AND "ca"*)')
