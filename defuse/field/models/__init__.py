from .checklist import Checklist, ChecklistItem
from .codes import Code
from .deadlines import ReportDeadlines
from .imports import ImportProfile, ImportUpload
from .people import ReportOfficer, Subject
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
    "Code",
    "ForceApplication",
    "ForceType",
    "ImportProfile",
    "ImportUpload",
    "Report",
    "ReportDeadlines",
    "ReportEvent",
    "ReportOfficer",
    "ReviewComment",
    "ReviewLevel",
    "Subject",
    "TechniqueAttempt",
]
