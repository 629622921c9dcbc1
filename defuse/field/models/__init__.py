from .checklist import Checklist, ChecklistItem
from .deadlines import ReportDeadlines
from .reports import (
    ForceApplication,
    ForceType,
    Report,
    ReportEvent,
    ReviewComment,
    TechniqueAttempt,
)
from .review_chain import ReviewLevel

__all__ = [
    "Checklist",
    "ChecklistItem",
    "ForceApplication",
    "ForceType",
    "Report",
    "ReportDeadlines",
    "ReportEvent",
    "ReviewComment",
    "ReviewLevel",
    "TechniqueAttempt",
]
