"""The demo checklist, written for Defuse from the CDM and published de-escalation policies."""

from defuse.accounts.models import Unit
from defuse.core.vocabulary import Technique
from defuse.field.models import Checklist, ChecklistItem, Report
from defuse.field.models.checklist import Phase
from defuse.insights.facts import rebuild

from .synthetic_reports import generate_reports

# (phase, item, technique code, prompts)
ITEMS = [
    (Phase.BEFORE_ARRIVAL, "Start your threat assessment from the first dispatch details", "tactical-pause",
     "What do I know, and what do I still need to know?\nHas this address or person called before?"),
    (Phase.BEFORE_ARRIVAL, "Agree with your partner who will talk first", "tactical-communication",
     "Who leads? Who watches and covers?\nWhat is our signal to swap?"),
    (Phase.BEFORE_ARRIVAL, "Ask for the right resources early", "cit-coresponder",
     "Would a crisis team, co-responder or supervisor help?\nIs backup on the way?"),
    (Phase.ON_SCENE, "Slow the scene down if nothing forces a decision", "tactical-pause",
     "Is anyone in immediate danger?\nWhat does waiting cost, and what does it buy?"),
    (Phase.ON_SCENE, "Use time, distance and cover", "distance",
     "Can I step back and still keep everyone safe?\nWhat can I put between us?"),
    (Phase.ON_SCENE, "One voice: introduce yourself and listen", "tactical-communication",
     "Did I give my name and ask theirs?\nAm I listening more than talking?"),
    (Phase.ON_SCENE, "Consider whether they cannot comply rather than will not", "inability-to-comply",
     "Medical condition, disability, language, intoxication or crisis?\nCan they hear and understand me?"),
    (Phase.ON_SCENE, "Offer choices and give warnings calmly, with time to act", "options-choices",
     "What two acceptable options can I offer?\nDid I explain what happens next and why?"),
    (Phase.ON_SCENE, "Swap the communicator if rapport fails", "swap-communicator",
     "Is my partner or someone they trust better placed?"),
    (Phase.ON_SCENE, "Re-assess after every response", "time",
     "What changed?\nIs my plan still the right one?"),
    (Phase.AFTER, "Check on everyone's welfare and arrange care", "cit-coresponder",
     "Does anyone need medical aid or a referral?"),
    (Phase.AFTER, "Debrief with your partner", "tactical-communication",
     "What worked, what did not, what would we do differently?"),
    (Phase.AFTER, "Document every technique you tried, in order", "tactical-pause",
     "Did I record what each technique did?\nIf force was used, did I answer all six narrative questions?"),
]  # fmt: skip


def ensure_demo_checklist() -> bool:
    """Publish the demo checklist unless one exists; True if it was created."""
    if Checklist.objects.exists():
        return False
    techniques = {t.code: t for t in Technique.objects.all()}
    checklist = Checklist(
        title="De-escalation checklist",
        introduction="Built on the Critical Decision-Making Model. Use what the situation allows.",
    )
    checklist.items = [
        ChecklistItem(
            phase=phase, text=text, technique=techniques.get(code), prompts=prompts, sort_order=n
        )
        for n, (phase, text, code, prompts) in enumerate(ITEMS)
    ]
    checklist.save()
    checklist.save_revision().publish()
    return True


DEMO_REPORTS = 600
DEMO_UNITS = ["A Squad", "B Squad", "North District"]


def ensure_demo_reports() -> int:
    """A year of synthetic reports over the demo units, once; returns how many were written."""
    if Report.objects.exists():
        return 0
    units = list(Unit.objects.filter(name__in=DEMO_UNITS))
    written = sum(generate_reports(DEMO_REPORTS, units, seed=2026))
    rebuild(everything=True)
    return written
