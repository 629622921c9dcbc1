"""Reading scenarios from files and writing them back. See docs/scenario-formats.md.

No input makes a reader raise anything but ScenarioInvalid: a file that is too large, is not
text, or is malformed in any way is refused with problems naming the file, line and passage.
"""

import re
import unicodedata
from pathlib import Path

from ..spec import ScenarioSpec
from ..validation import Code, Problem, ScenarioInvalid
from .twee import export_twee, parse_twee
from .twine_html import parse_twine_html
from .yaml_format import NOT_TEXT, parse_yaml

READERS = {
    ".twee": parse_twee,
    ".tw": parse_twee,
    ".html": parse_twine_html,
    ".htm": parse_twine_html,
    ".yaml": parse_yaml,
    ".yml": parse_yaml,
}
# The same limit as an upload in the admin (training/admin_views.py, MAX_UPLOAD_BYTES).
MAX_SCENARIO_BYTES = 5 * 1024 * 1024


def read_scenario_text(text: str, filename: str) -> ScenarioSpec:
    """Parse a scenario file's text; raise ScenarioInvalid listing syntax problems."""
    reader = READERS.get(Path(filename).suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        problem = Problem(Code.SYNTAX, f"unknown file type (use one of {known})", filename)
        raise ScenarioInvalid([problem])
    if not isinstance(text, str):
        raise ScenarioInvalid([Problem(Code.SYNTAX, "the file is not text", filename)])
    _check_size(len(text), filename)  # a character is at least one byte: cheap, and first
    _check_size(len(text.encode("utf-8", "surrogatepass")), filename)
    # In HTML, the story format's engine may hold any character but NUL: the passages'
    # own text is checked by the reader (twine_html).
    _check_characters(text, filename, BINARY if reader is parse_twine_html else NOT_TEXT)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return reader(text, filename)


def _check_size(size: int, filename: str) -> None:
    if size > MAX_SCENARIO_BYTES:
        limit = MAX_SCENARIO_BYTES // 2**20
        message = f"the file is too large ({size / 2**20:.1f} MB; a scenario may be {limit} MB)"
        raise ScenarioInvalid([Problem(Code.SYNTAX, message, filename)])


BINARY = re.compile(r"[\x00\ud800-\udfff]")


def _check_characters(text: str, filename: str, refused: re.Pattern = NOT_TEXT) -> None:
    found = refused.search(text)
    if found is None:
        return
    char = found.group()
    line = text.count("\n", 0, found.start()) + 1
    if char == "\x00":
        what = "binary data (a NUL byte): is it a scenario text file?"
    elif "\ud800" <= char <= "\udfff":
        what = "bytes that are not UTF-8 text; save the file as UTF-8"
    else:
        name = unicodedata.name(char, "a control character")
        what = f"a control character (U+{ord(char):04X}, {name}) that scenario text cannot hold"
    raise ScenarioInvalid([Problem(Code.SYNTAX, f"the file contains {what}", filename, line)])


def read_scenario_file(path: str | Path) -> ScenarioSpec:
    path = Path(path)
    try:
        _check_size(path.stat().st_size, str(path))
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, ValueError) as error:
        problem = Problem(Code.SYNTAX, f"cannot read the file: {error}", str(path))
        raise ScenarioInvalid([problem]) from error
    return read_scenario_text(text, str(path))


__all__ = ["MAX_SCENARIO_BYTES", "export_twee", "read_scenario_file", "read_scenario_text"]
