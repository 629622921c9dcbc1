"""No input makes the scenario readers raise anything but ScenarioInvalid.

Thousands of malformed Twee, Twine HTML and YAML files, made deterministically (a fixed seed) by
mutating the test and demo scenarios, each either read (and then validated) or refused with
problems that all say something; plus each input that once crashed the importer, by name.
"""

from __future__ import annotations

import datetime
import random
import time
import traceback
from html import escape
from pathlib import Path
from typing import Any

import pytest
import yaml

from defuse.training.formats import MAX_SCENARIO_BYTES, read_scenario_file, read_scenario_text
from defuse.training.formats.passages import passage_body, passage_tags, settings_body
from defuse.training.spec import ScenarioSpec
from defuse.training.validation import Problem, ScenarioInvalid, validate

FILES = Path(__file__).resolve().parent / "files"
DEMO = Path(__file__).resolve().parents[2] / "demo" / "scenarios"
SEED = 20250611
CASES_PER_FORMAT = 1200
# A guard against a reader that hangs (a regular expression backtracking without end), not a
# speed target: the suite ran it in 13-21 s on this 2-core machine.
HANG_LIMIT = 120.0


def problems_of(text: str, filename: str) -> list[Problem]:
    """What an import reports: the reader's problems, or else the validator's (the importer
    raises ScenarioInvalid with those; references are not needed here)."""
    try:
        spec = read_scenario_text(text, filename)
    except ScenarioInvalid as invalid:
        return invalid.problems
    return validate(spec)


def as_twine_html(spec: ScenarioSpec) -> str:
    """The scenario as Twine 2 publishes it, one element a line (as Twine writes them)."""
    pids = {passage.name: str(number) for number, passage in enumerate(spec.passages, start=2)}
    elements = [
        '<tw-passagedata pid="1" name="Scenario settings" tags="defuse-settings" '
        f'position="0,0" size="100,100">{escape(settings_body(spec))}</tw-passagedata>'
    ]
    for passage in spec.passages:
        elements.append(
            f'<tw-passagedata pid="{pids[passage.name]}" name="{escape(passage.name)}" '
            f'tags="{escape(" ".join(passage_tags(passage)))}" position="0,0" '
            f'size="100,100">{escape(passage_body(passage))}</tw-passagedata>'
        )
    return (
        '<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"></head>\n<body>\n'
        f'<tw-storydata name="{escape(spec.title)}" startnode="{pids.get(spec.start, "")}" '
        'creator="Twine" creator-version="2.10.0" format="Harlowe" format-version="3.3.9" '
        'ifid="8A1B2C3D-0000-4000-8000-00000000000B" options="" tags="" zoom="1" hidden>\n'
        + "\n".join(elements)
        + "\n</tw-storydata>\n</body>\n</html>\n"
    )


def _seeds() -> dict[str, list[tuple[str, str]]]:
    twee = [FILES / "small.twee", *sorted(DEMO.glob("*.twee"))]
    yaml_files = sorted(DEMO.glob("*.yaml"))
    specs = [read_scenario_file(path) for path in twee]
    from defuse.training.formats.yaml_format import export_yaml

    return {
        "twee": [(path.read_text(encoding="utf-8"), path.name) for path in twee],
        "html": [((FILES / "story.html").read_text(encoding="utf-8"), "story.html")]
        + [(as_twine_html(spec), f"{spec.slug}.html") for spec in specs],
        "yaml": [(path.read_text(encoding="utf-8"), path.name) for path in yaml_files]
        + [(export_yaml(spec), f"{spec.slug}.yaml") for spec in specs],
    }


# Pieces of every syntax involved, and of the inputs that once crashed a reader.
SNIPPETS = [
    "[[", "]]", "->", "<-", "|", "<!--", "-->", "::", ":: ", "[", "]", "{", "}", ":", "\n",
    "\t", "  ", "timer:²", "timer:", "timer:" + "9" * 5000, "ending:", "ending:bogus",
    "defuse-settings", "&", "&#0;", "&#xd800;", "&#99999999;", "&lt;", "&gt;", "<", ">", '"',
    "'", "\\", "²", "٣", "\u2028", "\ufeff", "\x85", "é", "🙂", "- ", "? ", "*a", "&a ",
    "!!binary ", "!!int ", "!!python/object:os.system ", "%YAML 1.1\n", "---\n", "...\n",
    "9" * 5000, "-1", "1.5", "null", "~", "[1, 2]", "{a: 1}", "<tw-storydata>",
    "<tw-passagedata>", "</tw-passagedata>", "</tw-storydata>", "<![CDATA[", "<!DOCTYPE x [",
    "<![if x]>", "<!x", "<?pi", "<script>", 'pid="1"', 'name=""', 'startnode=""', 'tags="timer:²"',
    "[" * 200, "{" * 200, "- " * 100,
]  # fmt: skip
RARE = ["\x00", "\udcff", "\x07", "\x1b"]  # refused up front: kept rare so the rest is reached
COMMENT_KEYS = [
    "score", "techniques", "feedback", "screen-out", "learn", "no-decision", "image", "media",
    "captions", "justified", "bogus", "SCORE", "",
]  # fmt: skip
COMMENT_VALUES = [
    "", "core=2", "core=2 collect=x", "core=²", "=", "core==1", "core=" + "9" * 5000,
    "collect=-1", "nonsense=1", "a, b", "time, distance", "x" * 300, "-->", "<!--",
]  # fmt: skip
TAGS = [
    "timer:²", "timer:", "timer:5", "timer:-3", "ending:", "ending:injury", "ending:x",
    "defuse-settings", "timer:" + "9" * 5000, "[", "]", "{",
]  # fmt: skip
YAML_TEXT_VALUES = [
    "[1, 2]", "{a: 1}", "3", "-5", "1.5", "null", "", "true", "2020-01-01", "2020-13-45",
    '"x"', "[[[]]]", "9" * 5000, "!!binary AAAA", "!!binary !!!", "*undefined", "&a [*a]",
    "!!int x", "!!float x", "!!timestamp x", '"\\0"', '"\\ud800"', "? [a]", "|", ">-",
    "- a\n- b", "[" * 60 + "]" * 60,
]  # fmt: skip


def _value(rng: random.Random, depth: int = 0):
    """A YAML value of any type, sometimes deeply nested or huge."""
    choice = rng.randrange(16)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([0, -1, 1, 2, 3, 601, 10**30, 10**4000])
    if choice == 2:
        return rng.choice([1.5, -0.0, 2.0, float("inf"), float("nan")])
    if choice == 3:
        return rng.choice([True, False])
    if choice == 4:
        return rng.choice(["", "x", "²", " ", "core", "Start", "\u2028", "a" * 500, "2020-01-01"])
    if choice == 5:
        return datetime.date(2020, 1, 1)
    if choice == 6:
        nested: list = []
        for _ in range(rng.choice([5, 30, 60])):
            nested = [nested]
        return nested
    if choice in (7, 8) and depth < 3:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if choice in (9, 10) and depth < 3:
        keys = ["name", "label", "to", "score", "core", "text", "choices", "x", 1, None]
        return {rng.choice(keys): _value(rng, depth + 1) for _ in range(rng.randrange(4))}
    if choice == 11:
        return {"core": rng.choice(["x", 1.5, None, [1], -1, 3, True])}
    return rng.choice(["text", 7, [], {}, ["a", 1], {"a": [1, {"b": None}]}])


def _yaml_swap(rng: random.Random, text: str) -> str:
    """Load the YAML, change one value somewhere in it (type swap, deletion, a new key), dump."""
    try:
        data = yaml.safe_load(text)
    except Exception:  # noqa: BLE001 - the mutation before broke it: mutate the text instead
        return text
    holder: dict | list | None = None
    key: Any = None
    node = data
    for _ in range(rng.randrange(1, 7)):
        if isinstance(node, dict) and node:
            holder, key = node, rng.choice(list(node))
        elif isinstance(node, list) and node:
            holder, key = node, rng.randrange(len(node))
        else:
            break
        node = holder[key]
    if holder is None:
        return yaml.safe_dump(_value(rng), allow_unicode=True)
    action = rng.randrange(5)
    if action == 0 and isinstance(holder, dict):
        del holder[key]
    elif action == 1 and isinstance(holder, dict):
        holder[rng.choice(["extra", "Name", "screen-out", 5])] = _value(rng)
    elif action == 2 and isinstance(holder, list):
        holder.append(_value(rng))
    else:
        holder[key] = _value(rng)
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    except Exception:  # noqa: BLE001 - cannot be written as YAML: no mutation then
        return text


def _mutate(rng: random.Random, text: str, kind: str) -> tuple[str, str]:
    """One mutation of text, and its name (for a failure's report)."""
    lines = text.split("\n")
    line = rng.randrange(len(lines))
    where = rng.randrange(len(text) + 1)
    action = rng.randrange(12)
    if action == 0:
        return text[:where], "truncate"
    if action == 1:
        piece = rng.choice(SNIPPETS if rng.random() > 0.03 else RARE)
        return text[:where] + piece + text[where + 1 :], "replace a character"
    if action == 2:
        piece = rng.choice(SNIPPETS if rng.random() > 0.03 else RARE)
        return text[:where] + piece + text[where:], "insert"
    if action == 3:
        return "\n".join(lines[:line] + lines[line + 1 :]), "delete a line"
    if action == 4:
        return "\n".join(lines[: line + 1] + lines[line:]), "duplicate a line"
    if action == 5:
        other = rng.randrange(len(lines))
        lines[line], lines[other] = lines[other], lines[line]
        return "\n".join(lines), "swap lines"
    if action == 6:
        data = bytearray(text.encode("utf-8", "surrogateescape"))
        for _ in range(rng.randrange(1, 4)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        errors = rng.choice(["replace", "ignore", "surrogateescape"])
        return data.decode("utf-8", errors), f"flip bytes ({errors})"
    if action == 7:
        key, value = rng.choice(COMMENT_KEYS), rng.choice(COMMENT_VALUES)
        comment = rng.choice([f"<!-- {key}: {value} -->", f"<!-- {key} -->", "<!--", "-->"])
        if kind == "html":
            comment = escape(comment)
        lines.insert(line, comment)
        return "\n".join(lines), "insert a comment"
    if action == 8:
        tag = rng.choice(TAGS)
        if kind == "html":
            return text.replace('tags="', f'tags="{escape(tag)} ', rng.randrange(1, 4)), "a tag"
        if kind == "twee":
            header = next((i for i in range(line, len(lines)) if lines[i].startswith("::")), 0)
            lines[header] += rng.choice([f" [{tag}]", f" [{tag}] {{", ' {"position": [', " [[x]]"])
            return "\n".join(lines), "a tag"
        lines.insert(line, f"{tag}: {rng.choice(YAML_TEXT_VALUES)}")
        return "\n".join(lines), "a key"
    if action == 9:  # a value of another type, written into the text
        for index in rng.sample(range(len(lines)), len(lines)):
            head, colon, _ = lines[index].partition(": ")
            if colon and not head.lstrip().startswith(("<", "[", ":")):
                lines[index] = f"{head}: {rng.choice(YAML_TEXT_VALUES)}"
                break
        return "\n".join(lines), "swap a value's type"
    if action == 10:
        if kind == "yaml":
            return _yaml_swap(rng, text), "swap a YAML value"
        if kind == "html":
            attribute = rng.choice(["name", "pid", "startnode", "tags"])
            odd = rng.choice(["", "1", "2", " ", "&quot;", "0" * 50, "timer:²", "\u2028"])
            swapped = text.replace(f'{attribute}="', f'{attribute}="{odd}', rng.randrange(1, 3))
            if rng.random() < 0.3:
                swapped = swapped.replace(f' {attribute}="', ' data-x="', 1)
            return swapped, f"odd {attribute}"
        name = rng.choice(["StoryData", "StoryTitle", "Start", "", "Settings [defuse-settings]"])
        body = rng.choice(['"x"', "[1]", "{", '{"start": 3}', '{"start": ["a"]}', "[" * 3000])
        lines.insert(line, f":: {name}\n{body}")
        return "\n".join(lines), "a special passage"
    # Several pieces of the file, shuffled: structure in the wrong order.
    chunks = [text[i : i + 200] for i in range(0, len(text), 200)]
    rng.shuffle(chunks)
    return "".join(chunks[: rng.randrange(1, len(chunks) + 1)]), "shuffle"


def fuzz_inputs(kind: str, count: int, seeds: list[tuple[str, str]], rng: random.Random):
    for number in range(count):
        text, name = seeds[number % len(seeds)]
        done = []
        for _ in range(rng.choice([1, 1, 2, 3])):
            text, what = _mutate(rng, text, kind)
            done.append(what)
        yield text, name, f"{kind} #{number} from {name}: {', '.join(done)}"


@pytest.fixture(scope="module")
def seeds():
    return _seeds()


def test_the_seeds_read_and_validate(seeds):
    for kind, files in seeds.items():
        for text, name in files:
            problems = problems_of(text, name)
            assert not [p for p in problems if p.code == "syntax"], (kind, name, problems)


def test_thousands_of_malformed_files_never_crash_a_reader(seeds):
    rng = random.Random(SEED)
    started = time.monotonic()
    crashes, outcomes = [], {"read": 0, "refused": 0}
    for kind in ("twee", "html", "yaml"):
        for text, name, label in fuzz_inputs(kind, CASES_PER_FORMAT, seeds[kind], rng):
            try:
                spec = read_scenario_text(text, name)
            except ScenarioInvalid as invalid:
                outcomes["refused"] += 1
                problems = invalid.problems
                assert problems, label
                str(invalid)  # the message the command line prints
            except Exception as error:  # noqa: BLE001 - any other exception is the bug
                crashes.append(f"{label}: {error!r}\n{traceback.format_exc(limit=-3)}")
                continue
            else:
                outcomes["read"] += 1
                try:
                    problems = validate(spec)
                except Exception as error:  # noqa: BLE001
                    crashes.append(f"{label} (validate): {error!r}\n{traceback.format_exc(-3)}")
                    continue
            empty = [p for p in problems if not str(p.message).strip()]
            if empty:
                crashes.append(f"{label}: a problem without a message: {empty[0]!r}")
    elapsed = time.monotonic() - started
    assert not crashes, f"{len(crashes)} crashes; the first:\n" + "\n".join(crashes[:5])
    assert sum(outcomes.values()) == 3 * CASES_PER_FORMAT >= 3000
    assert outcomes["read"] > 300, outcomes  # the mutations reach the validator too
    assert elapsed < HANG_LIMIT, f"{elapsed:.1f} s: a reader may hang on some input"


# The inputs that crashed the importer, each by name.

SMALL = (FILES / "small.twee").read_text(encoding="utf-8")
HTML = (FILES / "story.html").read_text(encoding="utf-8")
SCHOOL = (DEMO / "school.yaml").read_text(encoding="utf-8")
YAML_HEAD = "title: T\nslug: t\nstart: A\n"


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def settings(value: str) -> str:
    return SMALL.replace("minutes: 5\n", f"{value}\n")


CRASHERS = [
    # (id, filename, text, what the first message says, its line or None)
    ("minutes-list", "a.twee", settings("minutes: [1,2]"), "minutes must be a whole number", 18),
    ("minutes-text", "a.twee", settings("minutes: five"), "minutes must be a whole number", 18),
    ("pass-mark-dict", "a.twee", SMALL.replace("pass_mark: 60", "pass_mark: {a: 1}"),
     "pass_mark must be a whole number", 20),
    ("audiences-number", "a.twee", SMALL.replace("audiences: patrol", "audiences: 3"),
     "audiences must be names", 17),
    ("audiences-dict", "a.twee", SMALL.replace("audiences: patrol", "audiences: {a: 1}"),
     "audiences must be names", 17),
    ("slug-list", "a.twee", SMALL.replace("slug: noise-complaint", "slug: [a]"),
     "slug must be text", 15),
    ("summary-dict", "a.twee", settings("summary: {a: b}"), "summary must be text", 18),
    ("difficulty-list", "a.twee", SMALL.replace("difficulty: basic", "difficulty: [hard]"),
     "difficulty must be text", 19),
    ("settings-list", "a.twee", SMALL.replace("slug: noise-complaint\n", "- a\n").replace(
        "summary: A neighbour dispute at night, written for the tests.\n", "").replace(
        "audiences: patrol\nminutes: 5\ndifficulty: basic\npass_mark: 60\n", ""),
     "key: value", 15),
    ("settings-huge-int", "a.twee", settings("minutes: " + "9" * 5000), "not valid YAML", None),
    ("settings-bad-date", "a.twee", settings("summary: 2020-13-45"), "not valid YAML", None),
    ("settings-deep", "a.twee", settings("minutes: " + "[" * 5000), "not valid YAML", 18),
    ("two-settings", "a.twee", SMALL + "\n:: More [defuse-settings]\nslug: x\n",
     "only one passage may be tagged defuse-settings", SMALL.count("\n") + 2),
    ("storydata-list", "a.twee", SMALL.replace('{\n  "ifid"', '[{\n  "ifid"').replace(
        '"Doorstep"\n}', '"Doorstep"\n}]'), "StoryData must be a JSON object", 5),
    ("storydata-string", "a.twee", ':: StoryData\n"Start"\n\n:: Start\nHi.\n',
     "StoryData must be a JSON object", 1),
    ("storydata-invalid", "a.twee", ":: StoryData\n{\n  start: x\n}\n:: Start\nHi.\n",
     "StoryData is not valid JSON", 3),
    ("storydata-start-number", "a.twee", ':: StoryData\n{"start": 3}\n:: Start\nHi.\n',
     "StoryData's start", 1),
    ("storydata-deep", "a.twee", ":: StoryData\n" + "[" * 100_000 + "\n:: Start\nHi.\n",
     "StoryData is not valid JSON", None),
    ("two-storydata", "a.twee", SMALL + '\n:: StoryData\n{"start": "Talking"}\n',
     "a second StoryData passage", SMALL.count("\n") + 2),
    ("metadata-deep", "a.twee", SMALL.replace(":: Talking", ":: Talking " + "[" * 100_000),
     "the tag list is not closed", 36),
    ("metadata-not-object", "a.twee", SMALL.replace(":: Talking", ":: Talking [] [1]"),
     "metadata must be a JSON object", 36),
    ("timer-superscript", "a.twee", SMALL.replace("timer:30", "timer:²"),
     "the timer must be a whole number", 23),
    ("timer-huge", "a.twee", SMALL.replace("timer:30", "timer:" + "9" * 5000),
     "the timer must be a whole number", 23),
    ("score-huge", "a.twee", SMALL.replace("core=1 collect=2", "core=" + "9" * 5000),
     "points run from 0 to 2", 25),
    ("score-superscript", "a.twee", SMALL.replace("core=1 collect=2", "core=²"),
     "points run from 0 to 2", 25),
    ("nul-byte", "a.twee", SMALL.replace("Talking\nHe", "Tal\x00king\nHe"), "binary data", 36),
    ("surrogate", "a.twee", SMALL.replace("Standoff\nHe", "Stand\udcffoff\nHe"),
     "not UTF-8 text", 46),
    ("control-character", "a.yaml", SCHOOL.replace("title:", "\x1btitle:", 1),
     "control character", line_of(SCHOOL, "title:")),
    ("binary", "a.html", bytes(range(256)).decode("latin-1") * 4, "binary data", 1),
    ("text-before-header", "a.twee", "hello\n" * 1000 + SMALL, "text before the first", 1),
    ("yaml-list", "a.yaml", "- 1\n- 2\n", "the file is a list", 1),
    ("yaml-scalar", "a.yaml", "hello\n", "the file is a single value", 1),
    ("yaml-none", "a.yaml", "", "the file is empty", 0),
    ("yaml-comment-only", "a.yaml", "# nothing\n", "the file is empty", 0),
    ("yaml-passages-dict", "a.yaml", YAML_HEAD + "passages: {A: {text: x}}\n",
     "passages: {'A': {'text': 'x'}} is not of type 'array'", 4),
    ("yaml-passage-scalar", "a.yaml", YAML_HEAD + "passages: [3]\n", "is not of type", 4),
    ("yaml-choices-string", "a.yaml", YAML_HEAD + "passages:\n- name: A\n  choices: go\n",
     "passages.0.choices: 'go' is not of type 'array'", 6),
    ("yaml-score-text", "a.yaml",
     YAML_HEAD + "passages:\n- name: A\n  choices:\n  - {label: l, to: A, score: {core: x}}\n",
     "score.core: 'x' is not of type 'integer'", 7),
    ("yaml-score-float", "a.yaml",
     YAML_HEAD + "passages:\n- name: A\n  choices:\n  - {label: l, to: A, score: {core: 1.5}}\n",
     "score.core: 1.5 is not of type 'integer'", 7),
    ("yaml-score-none", "a.yaml",
     YAML_HEAD + "passages:\n- name: A\n  choices:\n  - {label: l, to: A, score: {core: null}}\n",
     "score.core: None is not of type 'integer'", 7),
    ("yaml-score-list", "a.yaml",
     YAML_HEAD + "passages:\n- name: A\n  choices:\n  - {label: l, to: A, score: [1, 2]}\n",
     "score: [1, 2] is not of type 'object'", 7),
    ("yaml-huge-int", "a.yaml", YAML_HEAD + "pass_mark: " + "9" * 5000 + "\npassages: []\n",
     "not valid YAML: a value cannot be read", None),
    ("yaml-bad-date", "a.yaml", YAML_HEAD + "summary: 2020-02-30\npassages: []\n",
     "not valid YAML: a value cannot be read", None),
    ("yaml-deep-flow", "a.yaml", YAML_HEAD + "passages: " + "[" * 100_000, "not valid YAML", 4),
    ("yaml-deep-block", "a.yaml",
     YAML_HEAD + "passages:\n" + "".join(" " * i + "-\n" for i in range(3000)),
     "nested more than 50 levels deep", 54),
    ("yaml-aliases", "a.yaml", YAML_HEAD + "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
     + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n"
               for p, c in zip("abcdefg", "bcdefgh", strict=True)),
     "more than 100,000 values", None),
    ("yaml-nul-escape", "a.yaml", YAML_HEAD + 'summary: "a\\0b"\npassages: []\n',
     "control character or a lone surrogate", 4),
    ("yaml-surrogate-escape", "a.yaml", YAML_HEAD + 'summary: "\\ud800"\npassages: []\n',
     "not valid YAML", 4),
    ("yaml-two-documents", "a.yaml", YAML_HEAD + "---\n" + YAML_HEAD, "not valid YAML", 4),
    ("yaml-unhashable-key", "a.yaml", "? [a]\n: 1\n", "not valid YAML", None),
    ("html-no-storydata", "a.html", "<html><body><p>Hi</p></body></html>", "no <tw-storydata>",
     0),
    ("html-two-storydata", "a.html", HTML.replace("</body>", HTML),
     "a second story", line_of(HTML, "</body>") + line_of(HTML, "<tw-storydata") - 1),
    ("html-no-name", "a.html", HTML.replace('pid="3" name="Description" ', 'pid="3" '),
     "has no name", line_of(HTML, 'pid="3"')),
    ("html-empty-name", "a.html", HTML.replace('name="Description"', 'name=" "'),
     "has no name", line_of(HTML, 'pid="3"')),
    ("html-no-pid", "a.html", HTML.replace('pid="3" ', ""), "has no pid", line_of(HTML, 'pid="3"')),
    ("html-same-pid", "a.html", HTML.replace('pid="3"', 'pid="4"'), 'pid "4" is also',
     line_of(HTML, 'pid="4"')),
    ("html-no-startnode", "a.html", HTML.replace('startnode="2" ', ""), "no start passage",
     line_of(HTML, "<tw-storydata")),
    ("html-odd-startnode", "a.html", HTML.replace('startnode="2"', 'startnode="x&quot;"'),
     "is not one of its passages", line_of(HTML, "<tw-storydata")),
    ("html-timer-superscript", "a.html", HTML.replace("timer:20", "timer:²"),
     "the timer must be a whole number", line_of(HTML, "timer:20")),
    ("html-bad-marked-section", "a.html", HTML.replace("<body>", "<body><![bogus["),
     "the HTML cannot be read", None),
    ("html-settings-wrong-type", "a.html", HTML.replace("minutes: 5", "minutes: [5]"),
     "minutes must be a whole number", line_of(HTML, "minutes: 5")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("filename", "text", "says", "line"),
    [case[1:] for case in CRASHERS],
    ids=[case[0] for case in CRASHERS],
)
def test_each_input_that_crashed_the_importer_is_refused_clearly(filename, text, says, line):
    problems = problems_of(text, filename)
    assert problems
    first = problems[0]
    assert says in first.message, problems[:3]
    assert first.file == filename
    if line is not None:
        assert first.line == line, problems[:3]


def test_a_second_no_decision_comment_is_refused():
    text = SMALL.replace("<!-- no-decision -->", "<!-- no-decision -->\n<!-- no-decision -->")
    assert problems_of(text, "small.twee")


def test_a_file_too_large_is_refused_at_once():
    text = SMALL + ("x" * 999 + "\n") * 50_000  # 50 MB
    started = time.monotonic()
    with pytest.raises(ScenarioInvalid) as caught:
        read_scenario_text(text, "big.twee")
    assert time.monotonic() - started < 1
    assert "too large" in caught.value.problems[0].message
    assert "5 MB" in caught.value.problems[0].message
    just_over = "é" * (MAX_SCENARIO_BYTES // 2 + 1)  # few characters, but more bytes than allowed
    with pytest.raises(ScenarioInvalid, match="too large"):
        read_scenario_text(just_over, "big.yaml")


def test_a_file_too_large_on_disk_is_not_read(tmp_path):
    path = tmp_path / "big.twee"
    with path.open("wb") as file:
        file.truncate(MAX_SCENARIO_BYTES + 1)  # sparse: no need to write 5 MB
    with pytest.raises(ScenarioInvalid, match="too large"):
        read_scenario_file(path)


def test_a_byte_order_mark_and_old_mac_line_ends_are_read():
    spec = read_scenario_text("\ufeff" + SMALL.replace("\n", "\r"), "small.twee")
    assert spec.slug == "noise-complaint" and len(spec.passages) == 5


def test_a_flood_of_problems_is_cut_short():
    text = SMALL + "".join(f"\n:: Extra{n} [\nNo way on.\n" for n in range(500))
    problems = problems_of(text, "many.twee")
    assert len(problems) == 201
    assert problems[-1].message == "and 300 more problems; fix these first"


# Lines are the file's own lines.


def test_published_html_problems_are_on_the_files_lines():
    text = (
        HTML.replace("->Reunited]]", "->Nowhere]]")
        .replace('tags="ending:voluntary_compliance"', 'tags="ending:bogus"')
        .replace("minutes: 5", "minutes: 5\ncolour: red")
    )
    with pytest.raises(ScenarioInvalid) as caught:
        read_scenario_text(text, "story.html")
    (unknown,) = caught.value.problems
    assert unknown.line == line_of(text, "colour: red")
    problems = validate(read_scenario_text(text.replace("\ncolour: red", ""), "story.html"))
    text = text.replace("\ncolour: red", "")
    found = {(p.passage, p.line) for p in problems}
    assert ("Description", line_of(text, "[[Found->Nowhere]]")) in found  # a choice's line
    assert ("Reunited", line_of(text, 'pid="5"')) in found  # a passage's line: its tag's


def test_html_passage_text_on_the_line_after_a_wrapped_tag_keeps_its_lines():
    text = HTML.replace(
        '<tw-passagedata pid="3" name="Description" tags="" position="500,100" size="100,100">',
        '<tw-passagedata pid="3" name="Description"\n  tags="" position="500,100"\n'
        '  size="100,100">\n',
    ).replace("->Reunited]]", "->Nowhere]]")
    problems = validate(read_scenario_text(text, "story.html"))
    lines = {p.line for p in problems if p.passage == "Description"}
    assert line_of(text, "[[Found->Nowhere]]") in lines


def test_twee_blank_lines_after_a_header_keep_the_lines():
    text = SMALL.replace(":: Standoff\n", ":: Standoff\n\n\n")
    text = text.replace("[[Threaten to arrest him->Struggle]]", "[[Threaten->Nowhere]]")
    problems = validate(read_scenario_text(text, "small.twee"))
    assert ("Standoff", line_of(text, "[[Threaten->Nowhere]]")) in {
        (p.passage, p.line) for p in problems
    }
