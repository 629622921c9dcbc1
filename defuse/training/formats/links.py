"""Links as trainers write them in each Twine story format, read into (label, target) options.

- Twee and every format: [[target]], [[label->target]], [[target<-label]], [[label|target]],
  and SugarCube's setter form [[label|target][$x to 1]].
- Harlowe: (link-goto: "label", "target"), (click-goto: "text", "target"),
  (link: "label")[(goto: "target")], and a bare (goto: "target"), which moves on by itself.
- SugarCube: <<link "label" "target">>, <<link [[label|target]]>>, <<button …>>,
  <<link "label">><<goto "target">><</link>> and a bare <<goto "target">>.
- Chapbook: {link to: 'target', label: 'label'} and {back link}, which goes back to the passage
  the officer came from (resolved by the caller: it needs the whole story).
- Snowman: [[…]] links and <a data-passage="target">label</a>.

A backslash before any of these keeps it as text (`\\[[`, `\\<<`, `\\(link-goto:`, `\\{link to`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BACK = "\x00back"  # the target of a Chapbook {back link}, until the caller resolves it
CONTINUE = "Continue"  # the label of a link that moves on by itself: (goto:), <<goto>>

_STRING = r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
_STRINGS = re.compile(_STRING)

SQUARE = re.compile(r"\[\[(?P<inner>(?:(?!\[\[)[^\]\n])+)\](?:\[(?P<setter>[^\]\n]*)\])?\]")
# Harlowe ignores case, hyphens and underscores in macro names: (Link-GoTo:) is (linkgoto:).
HARLOWE = re.compile(
    r"\((?P<name>(?:link|click)[-_]?go[-_]?to|go[-_]?to|link(?:[-_]?reveal)?[-_]?goto"
    r"|link(?:[-_]?reveal)?|link[-_]?repeat)\s*:\s*(?P<args>[^()\n]*)\)",
    re.I,
)
SUGARCUBE = re.compile(r"<<(?P<name>link|button|goto)\s+(?P<args>[^>\n]*?)\s*>>", re.I)
SUGARCUBE_CLOSE = re.compile(r"<</(?:link|button)>>", re.I)
CHAPBOOK = re.compile(r"\{(?P<name>link to|back link)\s*(?P<args>[^{}\n]*)\}", re.I)
ANCHOR = re.compile(
    r"<a\b[^>\n]*\bdata-passage\s*=\s*(?P<q>[\"'])(?P<target>.*?)(?P=q)[^>\n]*>"
    r"(?P<label>.*?)</a>",
    re.I,
)
ESCAPABLE = re.compile(
    r"\\(?=\[\[|<<|<a\b|\{(?:link to|back link)|\((?:link|click|go)[-_\w]*:|<!--|::)", re.I
)


@dataclass
class Link:
    label: str
    target: str
    start: int  # span in the text, for the narrative that stays
    end: int
    computed: bool = False  # the target is worked out by story code: it cannot be read

    @property
    def external(self) -> bool:
        """A link to a web address, not to a passage."""
        return bool(re.match(r"^[a-z][a-z0-9+.-]*://", self.target, re.I))


def _unquote(token: str) -> str:
    return re.sub(r"\\(.)", r"\1", token[1:-1])


def _strings(args: str) -> list[str] | None:
    """The quoted strings of a macro's arguments, or None where an argument is code."""
    rest = _STRINGS.sub("", args)
    if rest.replace(",", "").strip():
        return None
    return [_unquote(token) for token in _STRINGS.findall(args)]


def split_link(inner: str) -> tuple[str, str]:
    """Twine's link forms: label->target, target<-label, label|target, or just target."""
    if "->" in inner:
        label, target = inner.rsplit("->", 1)
    elif "<-" in inner:
        target, label = inner.split("<-", 1)
    elif "|" in inner:
        label, target = inner.rsplit("|", 1)
    else:
        label = target = inner
    return label.strip(), target.strip()


def _escaped(text: str, at: int) -> bool:
    backslashes = 0
    while at - backslashes - 1 >= 0 and text[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _matching_bracket(text: str, at: int) -> int:
    """The index after the `]` that closes the hook opening at text[at] == "[", or -1."""
    depth = 0
    for index in range(at, len(text)):
        if text[index] == "[":
            depth += 1
        elif text[index] == "]":
            depth -= 1
            if depth == 0:
                return index + 1
    return -1


def _goto_in(hook: str) -> tuple[str | None, bool]:
    """The target of the (goto:) or <<goto>> inside a link's hook: (target, computed)."""
    for pattern in (HARLOWE, SUGARCUBE):
        for found in pattern.finditer(hook):
            if re.sub(r"[-_]", "", found.group("name").lower()) == "goto":
                args = _strings(found.group("args"))
                square = SQUARE.fullmatch(found.group("args").strip())
                if square:
                    return split_link(square.group("inner"))[1], False
                return (args[0], False) if args else (None, True)
    return None, False


def find_links(text: str) -> list[Link]:
    """Every link in `text`, in the order they appear; escaped ones are left out."""
    found: list[Link] = []
    taken: list[tuple[int, int]] = []

    def add(link: Link) -> None:
        if _escaped(text, link.start) or any(s < link.end and link.start < e for s, e in taken):
            return
        taken.append((link.start, link.end))
        found.append(link)

    for match in HARLOWE.finditer(text):
        name = re.sub(r"[-_]", "", match.group("name").lower())
        args = _strings(match.group("args"))
        start, end = match.span()
        if name in {"link", "linkreveal", "linkrepeat"}:
            # (link: "label")[ … (goto: "target") … ]: the hook says where it goes.
            if end < len(text) and text[end] == "[":
                close = _matching_bracket(text, end)
                if close > 0:
                    target, computed = _goto_in(text[end:close])
                    if target is not None or computed:
                        label = args[0] if args else ""
                        add(Link(label, target or "", start, close, computed))
            continue
        if args is None or not args:
            add(Link("", "", start, end, computed=True))
        elif name == "goto":
            add(Link(CONTINUE, args[0], start, end))
        else:  # linkgoto, clickgoto, linkrevealgoto: (…: "label", "target") or (…: "target")
            add(Link(args[0], args[-1], start, end))
    for match in SUGARCUBE.finditer(text):
        name, raw = match.group("name").lower(), match.group("args")
        start, end = match.span()
        square = SQUARE.fullmatch(raw.strip())
        args = _strings(raw)
        if args is None and re.fullmatch(r"[^\s$_\"'`(\[][^\s]*", raw.strip()):
            args = [raw.strip()]  # <<goto Launch>>: SugarCube reads a bare word as a name
        if square:
            label, target = split_link(square.group("inner"))
            if name == "goto":
                label = CONTINUE
            add(Link(label, target, start, end))
        elif name == "goto":
            add(Link(CONTINUE, args[0], start, end) if args else Link("", "", start, end, True))
        elif args and len(args) >= 2:
            add(Link(args[0], args[1], start, end))
        else:  # <<link "label">> … <<goto "target">> … <</link>>
            closing = SUGARCUBE_CLOSE.search(text, end)
            if closing:
                target, computed = _goto_in(text[end : closing.start()])
                if target is not None or computed:
                    label = args[0] if args else ""
                    add(Link(label, target or "", start, closing.end(), computed))
    for match in SQUARE.finditer(text):
        label, target = split_link(match.group("inner"))
        add(Link(label, target, *match.span()))
    for match in CHAPBOOK.finditer(text):
        name, raw = match.group("name").lower(), match.group("args")
        options = {
            key.lower(): _unquote(value)
            for key, value in re.findall(r"(\w[\w ]*?)\s*:\s*(" + _STRING + ")", raw)
        }
        start, end = match.span()
        if name == "back link":
            add(Link(options.get("label", "Back"), BACK, start, end))
        else:
            first = re.match(r"\s*:\s*(" + _STRING + ")", raw)
            if first:
                target = _unquote(first.group(1))
                add(Link(options.get("label", target), target, start, end))
            else:
                add(Link(options.get("label", ""), "", start, end, computed=True))
    for match in ANCHOR.finditer(text):
        label = re.sub(r"<[^>]*>", "", match.group("label")).strip()
        add(Link(label or match.group("target"), match.group("target"), *match.span()))
    return sorted(found, key=lambda link: link.start)


def unescape(text: str) -> str:
    return ESCAPABLE.sub("", text)


def escape(text: str) -> str:
    """Narrative as text that reads back unchanged: a backslash before anything that would
    read as a link, a setting comment or a passage header."""
    marks = sorted(
        {link.start for link in find_links(text)}
        | {m.start() for m in re.finditer(r"(?m)^\s*(?=<!--|::)", text)}
    )
    for at in reversed(marks):
        while at < len(text) and text[at] in " \t":
            at += 1
        text = text[:at] + "\\" + text[at:]
    return text
