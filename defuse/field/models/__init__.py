from .checklist import Checklist, ChecklistItem
from .reports import (
    ForceApplication,
    ForceType,
    Report,
    ReportEvent,
    ReviewComment,
    TechniqueAttempt,
)

__all__ = [
    "Checklist",
    "ChecklistItem",
    "ForceApplication",
    "ForceType",
    "Report",
    "ReportEvent",
    "ReviewComment",
    "TechniqueAttempt",
]
