"""The after-action review, the supervisors' heat map, the CSV export and the xAPI statements
tell the same story about the same attempts.

Each attempt below is played through the player, on the demo scenarios and on a variant of
files/small.twee for what they never do (a path with nothing to earn, a screen-out for not
deciding in time). The expected figures are
worked out here, from the steps the attempt recorded and the scenario's options, without
scoring.py: at each decision faced, the best option is the non-screen-out one with the most
points (the first among equals); a criterion's share is the points earned in it over what
those best options offered, and a criterion they offered nothing in is not assessed (None).
"""

import csv
import io
import json
import re
from datetime import timedelta
from html import unescape

import pytest
from django.db.models import F
from django.urls import reverse

from defuse.accounts.models import User
from defuse.accounts.roles import Role
from defuse.accounts.tests.factories import UnitFactory
from defuse.core.cdm import cdm_labels
from defuse.training import player
from defuse.training.importer import import_file
from defuse.training.models import Attempt, Scenario
from defuse.training.review import build_review
from defuse.training.spec import CRITERIA
from defuse.training.xapi import extension

from .conftest import FILES

pytestmark = pytest.mark.django_db

FORCE_ENDINGS = {"force_used", "injury"}
IDEAL = "ideal"  # walk the best option at every decision

# name: (scenario slug, path of (passage, choice index or None for no decision) or IDEAL,
#        whether it passes, the criteria not assessed) — the last two say what the case covers.
CASES = {
    "bridge, ideal": ("footbridge-crisis", IDEAL, True, set()),
    "knife, ideal": ("knife-outside-shop", IDEAL, True, set()),
    "traffic stop, ideal": ("agitated-driver-traffic-stop", IDEAL, True, set()),
    "school, ideal": ("distressed-student-school", IDEAL, True, set()),
    "bar, ideal (powers not assessed)": ("intoxicated-man-bar", IDEAL, True, {"powers"}),
    "bridge, screen-out at the quiet arrival": (
        "footbridge-crisis",
        [("Dispatch", 0), ("Quiet arrival", 2)],
        False,
        {"core", "powers"},
    ),
    "school, injury ending above the pass mark": (
        "distressed-student-school",
        [
            ("School call", 0),
            ("Corridor briefed", 0),
            ("At the door", 0),
            ("Through the door", 0),
            ("Opening up", 1),
            ("Pressure", 1),
        ],
        False,
        set(),
    ),
    "traffic stop, force used": (
        "agitated-driver-traffic-stop",
        [
            ("Pulling over", 0),
            ("Window closed", 0),
            ("Talking through the gap", 0),
            ("Medical clue", 2),
            ("Paperwork", 1),
            ("Standoff", 1),
        ],
        False,
        set(),
    ),
    "traffic stop, screen-out with assess not assessed": (
        "agitated-driver-traffic-stop",
        [("Pulling over", 0), ("Window closed", 1), ("Window closed again", 1)],
        False,
        {"assess"},
    ),
    "knife, no decision in time, then a pass": (
        "knife-outside-shop",
        [
            ("Call", 0),
            ("Arrival with a plan", 1),
            ("Too close", None),
            ("Weapons drawn", 0),
            ("Talking late", 0),
            ("Backup arrives", 0),
            ("Knife down", 0),
        ],
        True,
        set(),
    ),
    "bridge, powers earned off the best options (not assessed)": (
        "footbridge-crisis",
        [
            ("Dispatch", 0),
            ("Quiet arrival", 0),
            ("First contact", 0),
            ("Listening", 0),
            ("Trust", 0),
            ("Handover", 1),
            ("Hesitation", 1),
        ],
        False,
        {"powers"},
    ),
}


# What the officer should be told, worked out here -------------------------------------------


def best_choice(passage):
    """The non-screen-out option with the most points, the first among equals."""
    best = None
    for choice in passage.choices:
        total = sum(choice.points(c) for c in CRITERIA)
        if not choice.screen_out and (best is None or total > best[0]):
            best = (total, choice)
    return best[1] if best else None


def ideal_path(spec):
    passages, name, path = spec.by_name(), spec.start, []
    while not passages[name].is_ending:
        choice = best_choice(passages[name])
        path.append((name, passages[name].choices.index(choice)))
        name = choice.target
    return path


def expected_result(attempt):
    """The figures of `attempt`, from its recorded steps and the scenario it played."""
    spec = attempt.version.spec
    passages = spec.by_name()
    earned, offered = dict.fromkeys(CRITERIA, 0), dict.fromkeys(CRITERIA, 0)
    critical = []  # why each screen-out on the path was one
    for step in attempt.steps.order_by("index"):
        passage = passages[step.passage]
        best = best_choice(passage)
        for c in CRITERIA:
            earned[c] += step.points.get(c, 0)
            offered[c] += best.points(c)
        if step.screen_out:
            taken = passage.choices[step.choice_index] if not step.timed_out else None
            critical.append(taken.screen_out if taken else passage.timeout_screen_out)
    screened_out = bool(critical)
    total, available = sum(earned.values()), sum(offered.values())
    scaled = min(total / available, 1.0) if available else None  # nothing to earn: not scored
    shares = {c: min(earned[c] / offered[c], 1.0) if offered[c] else None for c in CRITERIA}
    end = passages[attempt.current_passage]
    acceptable = end.ending not in FORCE_ENDINGS or bool(end.justified)
    above_mark = scaled is not None and scaled * 100 >= attempt.pass_mark - 1e-9
    reasons = []
    if not above_mark:
        reasons.append(f"The score is below the pass mark of {attempt.pass_mark} %.")
    if screened_out:
        reasons.append("A critical failure (screen-out) fails the scenario whatever the points.")
    if not acceptable:
        reasons.append("The encounter ended in force or injury that was avoidable.")
    return {
        "earned": earned,
        "offered": offered,
        "total": total,
        "available": available,
        "scaled": scaled,
        "shares": shares,
        "screened_out": screened_out,
        "critical": critical,
        "passed": above_mark and not screened_out and acceptable,
        "reasons": reasons,
        "outcome": end.ending,
    }


# Playing ------------------------------------------------------------------------------------


def play_path(user, scenario, path):
    """Play `path` through the player; a None choice lets the timer run out."""
    attempt = player.start_or_resume(user, scenario)
    for index, (passage, choice) in enumerate(path):
        attempt.refresh_from_db()
        assert attempt.current_passage == passage
        if choice is None:
            timer = attempt.version.spec.passage(passage).timer
            Attempt.objects.filter(pk=attempt.pk).update(
                shown_at=F("shown_at") - timedelta(seconds=timer + 1)
            )
        outcome = player.answer(
            attempt.pk, user, index, player.NO_DECISION if choice is None else str(choice)
        )
        assert outcome.recorded
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.COMPLETED
    recorded = list(attempt.steps.order_by("index").values_list("passage", "choice_index"))
    assert recorded == list(path)
    return attempt


# Reading what each output says --------------------------------------------------------------


def shown(share):
    """A share as the review and the dashboard print it."""
    return "–" if share is None else f"{round(share * 100)}%"


def in_csv(share):
    return "" if share is None else str(round(share * 100, 1))


def review_table(html):
    """The review's "Score by CDM step" rows: label → (points, best, score) as printed."""
    table = html.split('id="criteria-heading"', 1)[1].split("</table>", 1)[0]
    table = re.sub(r' data-label="[^"]*"', "", table)  # the labels a phone shows
    rows = re.findall(
        r'<tr><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>', table
    )
    return {unescape(label): (points, best, score) for label, points, best, score in rows}


def heat_map_row(html, unit_name):
    """The dashboard heat map's row of a unit, its cells as printed."""
    table = html.split("heat-map", 1)[1].split("</table>", 1)[0]
    row = re.search(rf'<th scope="row">{re.escape(unit_name)}</th>(.*?)</tr>', table, re.S)
    assert row, unit_name
    return [unescape(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))]


def csv_rows(client):
    response = client.get(reverse("training:export_csv"))
    text = b"".join(response.streaming_content).decode()
    return {row["attempt"]: row for row in csv.DictReader(io.StringIO(text))}


def xapi_result(client, attempt):
    """The result of the attempt's completed statement and of its passed/failed statement."""
    payloads = json.loads(client.get(reverse("training:xapi_export")).content)
    mine = [p for p in payloads if p["context"]["registration"] == str(attempt.registration)]
    verbs = [p["verb"]["display"]["en-US"] for p in mine]
    assert verbs.count("completed") == 1 and verbs.count("passed") + verbs.count("failed") == 1
    completed = next(p for p in mine if p["verb"]["display"]["en-US"] == "completed")
    verdict = next(p for p in mine if p["verb"]["display"]["en-US"] in ("passed", "failed"))
    return completed["result"], verdict["verb"]["display"]["en-US"], verdict["result"]


# What each output says, against the expected figures ----------------------------------------


def check_review(client, name, attempt):
    """The stored attempt, the review's figures and reasons, and the review page."""
    expected, labels = expected_result(attempt), cdm_labels()
    if expected["scaled"] is None:
        assert attempt.scaled is None, name
    else:
        assert attempt.scaled == pytest.approx(expected["scaled"]), name
    assert attempt.passed is expected["passed"], name
    assert attempt.total_points == expected["total"], name
    for c in CRITERIA:
        assert getattr(attempt, f"score_{c}") == pytest.approx(expected["shares"][c]), name

    review = build_review(attempt)
    lines = {line.code: line for line in review["criteria"]}
    assert list(lines) == CRITERIA
    for c in CRITERIA:
        line = lines[c]
        assert (line.points, line.best) == (expected["earned"][c], expected["offered"][c])
        assert line.scaled == pytest.approx(expected["shares"][c]), (name, c)
    assert review["available_total"] == expected["available"], name
    assert review["failures"] == expected["reasons"], name

    page = client.get(reverse("training:review", args=[attempt.pk])).content.decode()
    table = review_table(page)
    for c in CRITERIA:
        share = expected["shares"][c]
        assert table[labels[c]] == (
            str(expected["earned"][c]),
            str(expected["offered"][c]),
            "Not assessed" if share is None else shown(share),
        ), (name, c)
    score = "Not scored" if expected["scaled"] is None else shown(expected["scaled"])
    assert f"<strong>{score}</strong>" in page, name
    assert f"({expected['total']} of {expected['available']} points)" in page, name
    for reason in expected["reasons"]:
        assert reason in unescape(page), (name, reason)
    heading = re.search(r'<h2 id="result-heading">(.*?)</h2>', page).group(1)
    assert heading.startswith("Passed") is expected["passed"], name
    said = re.findall(r'<p class="screen-out"><strong>Critical error:</strong> (.*?)</p>', page)
    assert [unescape(reason) for reason in said] == expected["critical"], name
    assert all(expected["critical"]), name  # every screen-out says why


def check_heat_map(name, attempt, row, cells):
    """The heat map row of a unit whose only attempt is `attempt`: each cell is its share; a
    criterion not assessed is blank ("–"), not 0 %."""
    expected = expected_result(attempt)
    review = {line.code: line.scaled for line in build_review(attempt)["criteria"]}
    passed = int(expected["passed"])
    assert (row["officers"], row["completed"], row["passed"]) == (1, 1, passed), name
    assert row["mean"] == pytest.approx(expected["scaled"]), name
    for c in CRITERIA:
        assert row[c] == pytest.approx(review[c]) == pytest.approx(expected["shares"][c]), name
    assert cells == [
        "1",
        "1",
        str(passed),
        shown(expected["scaled"]),
        *[shown(expected["shares"][c]) for c in CRITERIA],
    ], name


def check_csv(name, attempt, line):
    expected = expected_result(attempt)
    assert line["score_percent"] == in_csv(expected["scaled"]), name
    for c in CRITERIA:
        assert line[f"{c}_percent"] == in_csv(expected["shares"][c]), (name, c)
    assert line["passed"] == ("yes" if expected["passed"] else "no"), name
    assert line["screened_out"] == ("yes" if expected["screened_out"] else "no"), name
    assert line["outcome"] == expected["outcome"], name


def check_xapi(client, name, attempt):
    expected = expected_result(attempt)
    review = {line.code: line.scaled for line in build_review(attempt)["criteria"]}
    completed, verb, verdict = xapi_result(client, attempt)
    assert completed["completion"] is True
    assert verb == ("passed" if expected["passed"] else "failed"), name
    assert verdict["success"] is expected["passed"], name
    for result in (completed, verdict):
        if expected["scaled"] is None:  # nothing could be earned: no score, not a score of 0
            assert "score" not in result, name
        else:
            assert result["score"] == {
                "scaled": round(expected["scaled"], 4),
                "raw": expected["total"],
                "min": 0,
                "max": expected["available"],
            }, name
    assert verdict["extensions"][extension("screened-out")] is expected["screened_out"]
    assert verdict["extensions"][extension("outcome")] == expected["outcome"]
    for c in CRITERIA:
        sent = completed["extensions"][extension(f"cdm/{c}")]
        assert sent == pytest.approx(review[c]) == pytest.approx(expected["shares"][c]), (name, c)


def play_cases(supervisor, user_with_role, cases):
    """Each case played by its own officer, alone in a unit of the case's name."""
    attempts = {}
    for name, (scenario, path) in cases.items():
        unit = UnitFactory(name=name)
        unit.supervisors.add(supervisor)
        officer = user_with_role(Role.OFFICER, unit=unit)
        if path == IDEAL:
            path = ideal_path(scenario.latest_version.spec)
        attempts[name] = play_path(officer, scenario, path)
    return attempts


def check_every_output(client, supervisor, attempts):
    client.force_login(supervisor)
    response = client.get(reverse("training:dashboard"))
    heat_map = {row["unit"]: row for row in response.context["heat_map"]}
    dashboard = response.content.decode()
    records = csv_rows(client)
    for name, attempt in attempts.items():
        check_review(client, name, attempt)
        check_heat_map(name, attempt, heat_map[name], heat_map_row(dashboard, name))
        check_csv(name, attempt, records[str(attempt.pk)])
        check_xapi(client, name, attempt)


def check_unit_means(client, supervisor, attempts):
    """All the officers moved into one unit: each cell is the mean over the attempts that were
    scored (the mean) or assessed (a criterion), never counting the others as 0 %."""
    squad = UnitFactory(name="Everyone")
    squad.supervisors.add(supervisor)
    User.objects.filter(pk__in=[a.user_id for a in attempts.values()]).update(unit=squad)
    client.force_login(supervisor)
    response = client.get(reverse("training:dashboard") + f"?unit={squad.pk}")
    (row,) = response.context["heat_map"]
    results = [expected_result(a) for a in attempts.values()]
    assert (row["officers"], row["completed"]) == (len(results), len(results))
    assert row["passed"] == sum(r["passed"] for r in results)
    scored = [r["scaled"] for r in results if r["scaled"] is not None]
    assert row["mean"] == pytest.approx(sum(scored) / len(scored))
    for c in CRITERIA:
        assessed = [r["shares"][c] for r in results if r["shares"][c] is not None]
        assert row[c] == (pytest.approx(sum(assessed) / len(assessed)) if assessed else None), c
    cells = heat_map_row(response.content.decode(), "Everyone")
    assert cells[3:] == [shown(row["mean"]), *[shown(row[c]) for c in CRITERIA]]
    return row, results


# The demo scenarios ------------------------------------------------------------------------


@pytest.fixture
def supervisor_of_all(user_with_role):
    return user_with_role(Role.SUPERVISOR)


@pytest.fixture
def played(demo_scenarios, supervisor_of_all, user_with_role):
    cases = {
        name: (Scenario.objects.get(slug=slug), path) for name, (slug, path, _, _) in CASES.items()
    }
    return play_cases(supervisor_of_all, user_with_role, cases)


def test_the_cases_cover_what_they_say(played):
    for name, (_, _, passes, not_assessed) in CASES.items():
        expected = expected_result(played[name])
        assert expected["passed"] is passes, name
        assert {c for c, share in expected["shares"].items() if share is None} == not_assessed
    ideal = [expected_result(a) for n, a in played.items() if CASES[n][1] == IDEAL]
    assert len(ideal) == 5 and all(e["scaled"] == 1.0 for e in ideal)
    reasons = {r for a in played.values() for r in expected_result(a)["reasons"]}
    assert len(reasons) == 3  # below the mark, screen-out and force ending all occur


def test_review_heat_map_csv_and_xapi_agree_on_the_demo_scenarios(
    client, supervisor_of_all, played
):
    check_every_output(client, supervisor_of_all, played)


def test_a_units_heat_map_averages_only_the_attempts_that_assessed_a_criterion(
    client, supervisor_of_all, played
):
    row, results = check_unit_means(client, supervisor_of_all, played)
    not_assessed = [r for r in results if r["shares"]["powers"] is None]
    assert len(not_assessed) == 3  # counting those as 0 % would pull the powers cell down
    assert row["powers"] > sum(r["shares"]["powers"] or 0 for r in results) / len(results)


# Where the demo scenarios never go: a path with nothing to earn, a screen-out by not deciding


@pytest.fixture
def unscored_path_scenario(home_page, write_file):
    """files/small.twee, opening on a decision worth nothing whose second option ends the
    scenario, and with not deciding at the doorstep a critical failure."""
    text = (FILES / "small.twee").read_text(encoding="utf-8")
    text = text.replace('"start": "Doorstep"', '"start": "Knock"')
    text = text.replace("<!-- no-decision -->", "<!-- no-decision -->\n<!-- screen-out: Froze. -->")
    text += (
        "\n\n:: Knock\nThe music is loud behind the door.\n[[Knock->Doorstep]]\n"
        "[[Leave it for tonight->Gone]]\n\n\n"
        ":: Gone [ending:disengaged]\nYou leave without speaking to anyone.\n"
    )
    return import_file(write_file("unscored.twee", text)).scenario


def test_outputs_agree_when_nothing_could_be_earned_or_time_ran_out(
    client, supervisor_of_all, user_with_role, unscored_path_scenario
):
    scenario = unscored_path_scenario
    attempts = play_cases(
        supervisor_of_all,
        user_with_role,
        {
            "ideal": (scenario, IDEAL),
            "nothing to earn": (scenario, [("Knock", 1)]),
            "froze at the door": (
                scenario,
                [("Knock", 0), ("Doorstep", None), ("Standoff", 0), ("Talking", 0)],
            ),
        },
    )
    assert expected_result(attempts["nothing to earn"])["scaled"] is None
    assert expected_result(attempts["froze at the door"])["critical"] == ["Froze."]
    check_every_output(client, supervisor_of_all, attempts)
    row, _ = check_unit_means(client, supervisor_of_all, attempts)
    assert row["completed"] == 3 and row["mean"] == pytest.approx(
        (1.0 + 6 / 10) / 2
    )  # froze: 6 of 10 points
    assert row["powers"] is None  # no attempt was assessed on it: blank, not 0 %
