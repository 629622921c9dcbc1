"""Uploads are checked by what they contain, not only by their name.

An editor's `.pdf` must be a PDF: a renamed HTML page or program is refused with a message that
says what the file really is. The content is identified by libmagic (python-magic), from the
file's first bytes. Sizes are limited by WAGTAILDOCS_MAX_UPLOAD_SIZE and
WAGTAILIMAGES_MAX_UPLOAD_SIZE; images are checked by Wagtail itself, which opens each one.
"""

from pathlib import PurePath

import magic
from django import forms
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

SNIFF_BYTES = 64 * 1024  # enough for libmagic to tell an Office file from a plain ZIP

OOXML = "application/vnd.openxmlformats-officedocument"
DOCUMENT_TYPES = {
    "pdf": {"application/pdf"},
    "docx": {f"{OOXML}.wordprocessingml.document"},
    "xlsx": {f"{OOXML}.spreadsheetml.sheet"},
    "pptx": {f"{OOXML}.presentationml.presentation"},
    "odt": {"application/vnd.oasis.opendocument.text"},
    "rtf": {"text/rtf", "application/rtf"},
    "csv": {"text/csv", "text/plain", "application/csv"},
    "txt": {"text/plain"},
    "vtt": {"text/vtt", "text/plain"},
    "mp4": {"video/mp4", "video/x-m4v"},
    "webm": {"video/webm", "audio/webm"},
}
DESCRIPTIONS = {
    "text/html": "a web page",
    "application/x-executable": "a program",
    "application/x-dosexec": "a Windows program",
    "application/x-sharedlib": "a program library",
    "application/zip": "a ZIP archive",
    "image/svg+xml": "an SVG image",
    "application/octet-stream": "not a recognisable document",
}


def content_type(upload) -> str:
    """The MIME type libmagic reads from the start of an uploaded file."""
    position = upload.tell()
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(position)
    return magic.from_buffer(head, mime=True)


def check_content(upload, allowed: dict[str, set[str]]) -> None:
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    expected = allowed.get(extension)
    if expected is None:
        return  # the extension check (Wagtail's) has already refused it
    found = content_type(upload)
    if found not in expected:
        what = DESCRIPTIONS.get(found, found)
        raise forms.ValidationError(
            "This file is named .%(extension)s but its content is %(what)s. Upload the "
            "document itself, saved in that format.",
            code="content_mismatch",
            params={"extension": extension, "what": what},
        )


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single, multiple and chooser uploads) with the content check."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # not when the form is saved without a new file
            check_content(upload, DOCUMENT_TYPES)
        return upload


def read_text(upload, max_bytes: int) -> str:
    """An uploaded text file (CSV, Twee, YAML…) as text, or a ValidationError saying why not."""
    if upload.size > max_bytes:
        limit = f"{max_bytes // 2**20} MB" if max_bytes >= 2**20 else f"{max_bytes} bytes"
        raise forms.ValidationError(f"The file is larger than {limit}.")
    try:
        return upload.read().decode("utf-8-sig")  # a byte-order mark, as Excel writes, is fine
    except UnicodeDecodeError:
        raise forms.ValidationError("The file is not UTF-8 text.") from None
