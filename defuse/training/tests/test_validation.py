"""Each class of problem the validator knows, from a broken file, with file, line and passage;
and a broken import leaves the database exactly as it was."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from defuse.training.formats import read_scenario_file
from defuse.training.importer import import_file
from defuse.training.models import Scenario, ScenarioVersion
from defuse.training.validation import Code, ScenarioInvalid

HEADER = """:: StoryTitle
Broken

:: StoryData
{"ifid": "D0C0FFEE-0000-4000-8000-000000000002", "start": "%s"}

:: Settings [defuse-settings]
slug: broken
"""

GOOD_BODY = """
:: Begin
Start here.
[[Talk->Middle]]
<!-- score: core=2 -->
[[Shout->End]]

:: Middle
Still going.
[[Finish->End]]

:: End [ending:voluntary_compliance]
Done.
"""


def problems_for(write_file, body, start="Begin", name="broken.twee"):
    path = write_file(name, HEADER % start + body)
    with pytest.raises(ScenarioInvalid) as caught:
        import_file(path)
    return path, caught.value.problems


def only(problems, code):
    found = [p for p in problems if p.code == code]
    assert found, f"expected a {code} problem, got {[str(p) for p in problems]}"
    return found[0]


def test_a_good_file_has_no_problems(db, write_file):
    version = import_file(write_file("good.twee", HEADER % "Begin" + GOOD_BODY))
    assert version.number == 1
    assert [p.name for p in version.spec.passages] == ["Begin", "Middle", "End"]


@pytest.mark.django_db
class TestEachProblemClass:
    def test_missing_start(self, write_file):
        path, problems = problems_for(write_file, GOOD_BODY, start="Nowhere")
        problem = only(problems, Code.MISSING_START)
        assert problem.file == str(path)
        assert "Nowhere" in problem.message

    def test_duplicate_passage_names(self, write_file):
        body = GOOD_BODY + "\n:: Middle\nA second passage with the same name.\n[[Go->End]]\n"
        _, problems = problems_for(write_file, body)
        problem = only(problems, Code.DUPLICATE_PASSAGE)
        assert (problem.passage, problem.line) == ("Middle", 23)

    def test_link_to_a_missing_passage(self, write_file):
        body = GOOD_BODY.replace("[[Finish->End]]", "[[Finish->The End]]")
        _, problems = problems_for(write_file, body)
        problem = only(problems, Code.MISSING_TARGET)
        assert (problem.passage, problem.line) == ("Middle", 18)
        assert "The End" in problem.message

    def test_unreachable_passage(self, write_file):
        body = GOOD_BODY + "\n:: Island\nNo one links here.\n[[Leave->End]]\n"
        _, problems = problems_for(write_file, body)
        problem = only(problems, Code.UNREACHABLE)
        assert (problem.passage, problem.line) == ("Island", 23)

    def test_passage_from_which_no_ending_can_be_reached(self, write_file):
        body = GOOD_BODY.replace("[[Finish->End]]", "[[Wait->Limbo]]") + "\n:: Limbo\nNothing.\n"
        _, problems = problems_for(write_file, body)
        # Limbo ends the story without saying how: that one message, no follow-on on Middle.
        assert {p.passage for p in problems if p.code == Code.NO_ENDING} == {"Limbo"}

    def test_loops_are_refused(self, write_file):
        body = GOOD_BODY.replace("[[Finish->End]]", "[[Again->Begin]]\n[[Finish->End]]")
        _, problems = problems_for(write_file, body)
        assert only(problems, Code.CYCLE).passage == "Begin"

    @pytest.mark.parametrize(
        "broken, message",
        [
            ("[ending:voluntary_compliance]", "unknown ending outcome"),
            ("<!-- techniques: telepathy -->", 'unknown technique "telepathy"'),
            ("<!-- learn: no-such-article -->", 'unknown hub item "no-such-article"'),
            ("<!-- score: empathy=2 -->", 'unknown CDM criterion "empathy"'),
            ("<!-- mood: tense -->", '"mood" is not a choice setting'),
        ],
    )
    def test_bad_metadata(self, write_file, broken, message):
        replacements = {
            "[ending:voluntary_compliance]": "[ending:happily_ever_after]",
        }
        if broken in replacements:
            body = GOOD_BODY.replace(broken, replacements[broken])
        else:
            body = GOOD_BODY.replace("<!-- score: core=2 -->", "<!-- score: core=2 -->\n" + broken)
        _, problems = problems_for(write_file, body)
        problem = only(problems, Code.BAD_METADATA)
        assert message in problem.message
        assert problem.line > 0 and problem.passage

    def test_bad_scenario_settings(self, write_file):
        path = write_file(
            "settings.twee",
            (HEADER % "Begin").replace("slug: broken", "slug: Not A Slug\ndifficulty: extreme")
            + GOOD_BODY,
        )
        with pytest.raises(ScenarioInvalid) as caught:
            import_file(path)
        messages = " ".join(p.message for p in caught.value.problems)
        assert "slug" in messages and "difficulty" in messages

    def test_scores_out_of_range(self, write_file):
        body = GOOD_BODY.replace("core=2", "core=3 act=-1 assess=lots")
        _, problems = problems_for(write_file, body)
        out_of_range = [p for p in problems if p.code == Code.SCORE_RANGE]
        assert len(out_of_range) == 3
        assert {p.line for p in out_of_range} == {12}  # the choice's link line

    def test_twee_syntax(self, write_file):
        body = GOOD_BODY.replace("[ending:voluntary_compliance]", "[ending:voluntary_compliance")
        _, problems = problems_for(write_file, body)
        problem = only(problems, Code.SYNTAX)
        assert (problem.passage, problem.message) == ("End", "the tag list is not closed with ]")


YAML_BROKEN = """title: Broken
slug: broken-yaml
start: Begin
passages:
  - name: Begin
    choices:
      - label: Talk
        to: End
        score: {core: 5}
  - name: End
    ending: voluntary_compliance
    colour: red
"""


def test_yaml_schema_problems_name_the_line(db, write_file):
    path = write_file("broken.yaml", YAML_BROKEN)
    with pytest.raises(ScenarioInvalid) as caught:
        import_file(path)
    found = {(p.code, p.line, p.passage) for p in caught.value.problems}
    assert (Code.SCORE_RANGE, 9, "Begin") in found
    assert (Code.BAD_METADATA, 10, "End") in found  # the unknown "colour" key, in passage End


def test_yaml_syntax_error_has_a_line(db, write_file):
    path = write_file("bad.yaml", "title: [unclosed\nslug: x\n")
    with pytest.raises(ScenarioInvalid) as caught:
        read_scenario_file(path)
    assert caught.value.problems[0].code == Code.SYNTAX
    assert caught.value.problems[0].line >= 1


def test_a_broken_import_writes_nothing(small_scenario, write_file):
    before = (Scenario.objects.count(), ScenarioVersion.objects.count(), Revision.objects.count())
    broken = (HEADER % "Begin").replace("slug: broken", "slug: noise-complaint") + GOOD_BODY
    path = write_file("update.twee", broken.replace("[[Finish->End]]", "[[Finish->Gone]]"))
    with pytest.raises(CommandError):
        call_command("import_scenario", str(path))
    after = (Scenario.objects.count(), ScenarioVersion.objects.count(), Revision.objects.count())
    assert after == before
    small_scenario.refresh_from_db()
    assert small_scenario.latest_version.number == 1
    assert small_scenario.title == "Noise complaint"


def test_the_command_reports_file_line_and_passage(db, write_file, capsys):
    body = GOOD_BODY.replace("[[Finish->End]]", "[[Finish->Gone]]")
    path = write_file("cmd.twee", HEADER % "Begin" + body)
    with pytest.raises(CommandError):
        call_command("import_scenario", str(path))
    assert f'{path}:18: passage "Middle":' in capsys.readouterr().err
    assert not Scenario.objects.exists()
