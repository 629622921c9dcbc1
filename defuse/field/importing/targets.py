"""What a file's columns can be mapped to: Defuse's fields, at the level of the incident, the
person, the officer or the force entry. A column may feed several targets (a precinct can be
both the district and the unit)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    INCIDENT = "incident"
    SUBJECT = "subject"
    OFFICER = "officer"
    FORCE = "force"


class Kind(StrEnum):
    TEXT = "text"
    MOMENT = "moment"  # a date and time
    NUMBER = "number"
    CODED = "coded"  # one value of a vocabulary, mapped
    CODES = "codes"  # several values of a vocabulary, separated by ;
    YES_NO = "yes_no"


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    level: Level
    kind: Kind
    help: str = ""
    required: bool = False


TARGETS = [
    Target("key", "Incident key", Level.INCIDENT, Kind.TEXT,
           "Rows with the same value are one incident (a case or force report number).", True),
    Target("case_number", "Case number", Level.INCIDENT, Kind.TEXT,
           "Shown on the report; empty: the incident key."),
    Target("occurred_at", "Date and time", Level.INCIDENT, Kind.MOMENT,
           "When the encounter happened.", True),
    Target("district", "District", Level.INCIDENT, Kind.TEXT),
    Target("beat", "Beat", Level.INCIDENT, Kind.TEXT),
    Target("unit", "Unit at the time", Level.INCIDENT, Kind.CODED,
           "The unit as recorded then, not the officer's unit today."),
    Target("call_type", "Call type", Level.INCIDENT, Kind.CODED),
    Target("contact_reason", "Reason for initial contact", Level.INCIDENT, Kind.CODED),
    Target("location_type", "Location type", Level.INCIDENT, Kind.CODED),
    Target("outcome", "Outcome", Level.INCIDENT, Kind.CODED),
    Target("techniques", "Techniques tried", Level.INCIDENT, Kind.CODES,
           "Technique names or codes, in order, separated by ;"),
    Target("force_used", "Force used", Level.INCIDENT, Kind.YES_NO,
           "Only needed when the file has no force-type column."),
    Target("supervisor_on_scene", "Supervisor on scene", Level.INCIDENT, Kind.YES_NO),
    Target("is_training", "Training entry", Level.INCIDENT, Kind.YES_NO),
    Target("subject_key", "Person number", Level.SUBJECT, Kind.TEXT,
           "Tells the people of one incident apart; empty: one person per incident."),
    Target("subject_age", "Person's age", Level.SUBJECT, Kind.NUMBER),
    Target("subject_sex", "Person's sex", Level.SUBJECT, Kind.CODED),
    Target("subject_race", "Person's race", Level.SUBJECT, Kind.CODES),
    Target("subject_ethnicity", "Person's ethnicity", Level.SUBJECT, Kind.CODED),
    Target("subject_resistance", "Resistance", Level.SUBJECT, Kind.CODES),
    Target("subject_injured", "Person injured", Level.SUBJECT, Kind.YES_NO),
    Target("subject_injury", "Person's injury type", Level.SUBJECT, Kind.CODES),
    Target("subject_crisis", "Person in crisis", Level.SUBJECT, Kind.YES_NO),
    Target("officer", "Officer's badge or username", Level.OFFICER, Kind.TEXT,
           "Officers unknown to Defuse are added as records without a login."),
    Target("officer_name", "Officer's name", Level.OFFICER, Kind.TEXT),
    Target("officer_injured", "Officer injured", Level.OFFICER, Kind.YES_NO),
    Target("force_type", "Force type", Level.FORCE, Kind.CODED,
           "One force entry per row that has one."),
]  # fmt: skip
BY_NAME = {target.name: target for target in TARGETS}
CODED = [t for t in TARGETS if t.kind in (Kind.CODED, Kind.CODES, Kind.YES_NO)]
