"""Twine stories as trainers really write them: links in every story format, special passages,
unscored stories as drafts, the round trip, and real public stories (files/public)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from defuse.accounts.roles import Role
from defuse.training.formats import export_twee, read_scenario_text
from defuse.training.importer import draft_text, import_text
from defuse.training.models import Scenario
from defuse.training.validation import Code, ScenarioInvalid

from .conftest import FILES
from .test_admin import choice, form_data, passage

PUBLIC = sorted(path for path in (FILES / "public").iterdir() if path.suffix != ".md")


def story(body: str, *, title="Fair day", data='{"ifid": "A1B2", "start": "Start"}') -> str:
    return f":: StoryTitle\n{title}\n\n:: StoryData\n{data}\n\n:: Start\n{body}\n\n" + "".join(
        f":: {name}\nThe end.\n\n" for name in ("Talk", "Wait", "Leave")
    )


def options(body: str) -> list[tuple[str, str]]:
    spec = read_scenario_text(story(body), "fair.twee")
    return [(c.label, c.target) for c in spec.passage("Start").choices]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "[[Talk]]\n[[Wait a bit->Wait]]\n[[Leave<-Go home]]",
            [("Talk", "Talk"), ("Wait a bit", "Wait"), ("Go home", "Leave")],
        ),  # noqa: E501
        ("[[Hold on|Wait][$patience to 2]]", [("Hold on", "Wait")]),  # SugarCube setter
        (
            '(link-goto: "Speak softly", "Talk")\n(click-goto: "the door", "Leave")',
            [("Speak softly", "Talk"), ("the door", "Leave")],
        ),  # noqa: E501
        ('(Link-GoTo: "Wait")', [("Wait", "Wait")]),  # Harlowe ignores case and hyphens
        ('(link: "Say hello")[(set: $x to 1)(goto: "Talk")]', [("Say hello", "Talk")]),
        ('(link: "Wait")[\n(go-to: "Wait")\n]', [("Wait", "Wait")]),
        ('(goto: "Leave")', [("Continue", "Leave")]),
        (
            '<<link "Talk to her" "Talk">><</link>>\n<<button [[Wait]]>><</button>>',
            [("Talk to her", "Talk"), ("Wait", "Wait")],
        ),  # noqa: E501
        ('<<link "Go">><<set $y to 2>><<goto "Leave">><</link>>', [("Go", "Leave")]),
        ("<<goto Leave>>", [("Continue", "Leave")]),  # a bare word is a passage name
        (
            "{link to: 'Talk', label: 'Speak first'}\n{link to: \"Wait\"}",
            [("Speak first", "Talk"), ("Wait", "Wait")],
        ),  # noqa: E501
        (
            '<a href="javascript:void(0)" data-passage="Talk">Say <b>hi</b></a>',
            [("Say hi", "Talk")],
        ),  # Snowman  # noqa: E501
        ("\\[[Not a link]] and \\<<goto Leave>>", []),  # escaped: text
        ("[[Photo credit->https://example.org/photo]]", []),  # a web address is no option
    ],
)
def test_links_in_every_story_format_become_options(body, expected):
    assert options(body) == expected


def test_links_inside_sentences_become_options_in_order_and_leave_their_labels():
    spec = read_scenario_text(
        story("You can [[talk to him->Talk]] or (link-goto: 'wait', 'Wait').\n[[Leave]]"), "f.twee"
    )
    start = spec.passage("Start")
    assert [(c.label, c.target) for c in start.choices] == [
        ("talk to him", "Talk"),
        ("wait", "Wait"),
        ("Leave", "Leave"),
    ]
    assert start.text == "You can talk to him or wait."


def test_a_back_link_goes_back_to_the_one_passage_that_leads_here():
    text = story("[[Talk]]").replace(":: Talk\nThe end.", ":: Talk\nHe nods. {back link}")
    spec = read_scenario_text(text, "f.twee")
    assert [(c.label, c.target) for c in spec.passage("Talk").choices] == [("Back", "Start")]


def test_code_and_unreadable_links_are_warned_about_with_line_and_passage():
    spec = read_scenario_text(story('(set: $a to 1)Hello.\n(link-goto: "Go", $next)'), "f.twee")
    notes = {(n.line, n.passage): n.message for n in spec.notes}
    assert "worked out by story code" in notes[(9, "Start")]
    assert "“(set:”" in notes[(8, "Start")]


SPECIAL = (
    ":: StoryInit\n<<set $trust to 0>>\n\n:: StoryCaption\nTrust: $trust\n\n"
    ":: Styles [stylesheet]\nbody { color: navy; }\n\n:: Notes [Twine.private]\nDraft ideas.\n\n"
)


def test_special_passages_are_kept_and_skipped_the_same_in_twee_and_html():
    twee = read_scenario_text(story("[[Talk]]") + SPECIAL, "f.twee")
    html = read_scenario_text(
        '<tw-storydata name="Fair day" startnode="1" ifid="A1B2" format="SugarCube">'
        '<style role="stylesheet" type="text/twine-css">body { color: navy; }</style>'
        '<tw-passagedata pid="1" name="Start">[[Talk]]</tw-passagedata>'
        '<tw-passagedata pid="2" name="Talk">The end.</tw-passagedata>'
        '<tw-passagedata pid="3" name="StoryInit">&lt;&lt;set $trust to 0&gt;&gt;</tw-passagedata>'
        '<tw-passagedata pid="4" name="Notes" tags="Twine.private">Draft ideas.</tw-passagedata>'
        "</tw-storydata>",
        "f.html",
    )
    for spec in (twee, html):
        names = {p.name for p in spec.passages}
        assert not names & {"StoryInit", "StoryCaption", "Styles", "Notes", "Story Stylesheet"}
        kept = {item["name"]: item for item in spec.twine["special"]}
        assert kept["StoryInit"]["text"] == "<<set $trust to 0>>"
        assert kept["Notes"]["tags"] == ["Twine.private"]
        assert "story-format passages" in spec.notes[0].message
    assert {item["name"] for item in html.twine["special"]} >= {"Story Stylesheet"}
    again = read_scenario_text(export_twee(twee), "again.twee")
    assert again.twine["special"] == twee.twine["special"]


SCORED_NARRATIVE = (
    "He said: [[not a link]], :: and <<not a macro>> too.\n"
    ":: at the start of a line\n<!-- an author's note -->"
)


def test_the_round_trip_keeps_twine_data_and_narrative_that_looks_like_markup():
    text = (FILES / "small.twee").read_text()
    text = text.replace('"ifid":', '"tag-colors": {"hot": "red"}, "zoom": 0.6, "ifid":')
    header = ':: Doorstep [timer:30 hot] {"position":"100,200","size":"100,100"}'
    text = text.replace(":: Doorstep [timer:30]", header)
    spec = read_scenario_text(text, "small.twee")
    spec.passages[0].text = SCORED_NARRATIVE
    exported = export_twee(spec)
    again = read_scenario_text(exported, "again.twee")
    assert again.to_dict() == spec.to_dict()
    assert again.passages[0].text == SCORED_NARRATIVE
    assert again.twine["passages"]["Doorstep"] == {
        "tags": ["hot"],
        "position": "100,200",
        "size": "100,100",
        "no-decision": "Wait",
    }
    assert again.twine["tag-colors"] == {"hot": "red"} and again.twine["zoom"] == 0.6
    assert again.twine["ifid"] == spec.twine["ifid"]
    assert export_twee(again) == exported


def test_the_no_decision_label_survives_the_round_trip():
    text = (FILES / "small.twee").read_text()
    assert "<!-- no-decision -->" in text
    no_decision = "->Standoff]]\n<!-- no-decision -->"
    labelled = text.replace(f"[[Wait{no_decision}", f"[[He hesitates{no_decision}")
    spec = read_scenario_text(labelled, "small.twee")
    assert "[[He hesitates->" in export_twee(spec)


UNSCORED = story("You arrive at the fair.\n[[Talk]] or [[Wait]]")


@pytest.mark.django_db
def test_an_unscored_story_imports_as_a_draft_with_its_summary_first(home_page):
    draft = draft_text(UNSCORED, "fair.twee")
    summary, *rest = draft.warnings
    assert summary.code == Code.UNSCORED and not draft.scored
    assert summary.message.startswith("not yet a scored scenario: 1 decisions, 3 endings found")
    assert rest and all(w.file == "fair.twee" and w.line and w.passage for w in rest)
    scenario = draft.scenario
    assert not scenario.live and scenario.latest_version is None
    assert not Scenario.objects.playable().exists()  # nothing to assign or play
    with pytest.raises(ScenarioInvalid):
        scenario.latest_revision.publish()


@pytest.mark.django_db
def test_reimporting_an_unchanged_file_creates_no_new_draft_or_version(home_page):
    first = draft_text(UNSCORED, "fair.twee")
    again = draft_text(UNSCORED, "fair.twee")
    assert again.unchanged and first.scenario.revisions.count() == 1
    version = import_text((FILES / "small.twee").read_text(), "small.twee")
    unchanged = draft_text((FILES / "small.twee").read_text(), "small.twee")
    assert unchanged.unchanged and version.scenario.versions.count() == 1


@pytest.mark.django_db
def test_the_admin_saves_an_unscored_draft_but_will_not_publish_it(client, supervisor, home_page):
    client.force_login(supervisor)
    unscored = [
        passage("Arrival", "Music is blaring.", [choice("Knock and wait", "Quiet")]),
        passage("Quiet", "They turn it down.", ending="voluntary_compliance"),
    ]
    add = reverse("wagtailsnippets_training_scenario:add")
    refused = client.post(add, form_data(unscored))
    assert refused.status_code == 200 and "not yet a scored scenario" in refused.content.decode()
    assert not Scenario.objects.exists()
    saved = client.post(add, form_data(unscored, action="unused"))
    assert saved.status_code == 302
    scenario = Scenario.objects.get()
    assert not scenario.live and scenario.latest_version is None


@pytest.mark.django_db
def test_the_admin_lists_each_warning_after_an_unscored_import(client, user_with_role, home_page):
    client.force_login(user_with_role(Role.EDITOR))
    upload = SimpleUploadedFile("fair.twee", UNSCORED.encode())
    page = client.post(reverse("training_admin:import"), {"file": upload}).content.decode()
    assert "as a draft" in page and "cannot be published or assigned until it is scored" in page
    assert page.index("not yet a scored scenario") < page.index("fair.twee, line")


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC, ids=[path.name for path in PUBLIC])
def test_public_stories_import_as_unscored_drafts_or_are_refused_clearly(path: Path, home_page):
    text = path.read_text(encoding="utf-8-sig")
    try:
        draft = draft_text(text, path.name)
    except ScenarioInvalid as invalid:
        first = invalid.problems[0]
        assert first.code in {Code.SYNTAX, Code.BAD_METADATA, Code.MISSING_START}, first
        assert len(first.message) < 200 and "Traceback" not in first.message
    else:
        assert draft.warnings[0].code == Code.UNSCORED
        assert draft.warnings[0].message.startswith("not yet a scored scenario: ")
        assert not draft.scenario.live and draft.scenario.latest_version is None


def test_a_published_snowman_story_reads_its_anchor_and_square_links():
    # Snowman publishes passage text HTML-escaped, as every format does.
    html = (
        '<tw-storydata name="Fair day" startnode="1" ifid="C0FFEE00-1111-4222-8333-444455556666"'
        ' format="Snowman" format-version="2.0.2">'
        '<tw-passagedata pid="1" name="Start" tags="" position="100,100" size="100,100">'
        "A child is crying by the carousel.\n"
        '&lt;a href="javascript:void(0)" data-passage="Talk"&gt;Kneel and ask her name&lt;/a&gt;'
        "\n[[Look for a steward->Wait]]</tw-passagedata>"
        '<tw-passagedata pid="2" name="Talk">She tells you.</tw-passagedata>'
        '<tw-passagedata pid="3" name="Wait">A steward comes.</tw-passagedata>'
        "</tw-storydata>"
    )
    spec = read_scenario_text(html, "fair.html")
    assert [(c.label, c.target) for c in spec.passage("Start").choices] == [
        ("Kneel and ask her name", "Talk"),
        ("Look for a steward", "Wait"),
    ]
    assert spec.passage("Start").text == "A child is crying by the carousel."
    assert spec.twine["format"] == "Snowman" and spec.twine["passages"]["Start"] == {
        "position": "100,100",
        "size": "100,100",
    }


@pytest.mark.django_db
def test_a_file_that_spells_out_zero_points_still_reimports_as_unchanged(home_page):
    text = (FILES / "small.twee").read_text()
    assert "<!-- score: " in text
    zeros = text.replace("<!-- score: ", "<!-- score: powers=0 ")
    first = draft_text(zeros, "small.twee")
    assert not first.unchanged
    assert draft_text(zeros, "small.twee").unchanged  # the editor keeps no 0 points
