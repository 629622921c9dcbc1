from .imports import IMPORT_MAX_BYTES, ColumnsForm, UploadForm, ValuesForm
from .report import ReportForm
from .review import AmendForm, ReviewForm
from .rows import agency_officers, officer_label

__all__ = [
    "IMPORT_MAX_BYTES",
    "AmendForm",
    "ColumnsForm",
    "UploadForm",
    "ValuesForm",
    "ReportForm",
    "ReviewForm",
    "agency_officers",
    "officer_label",
]
