"""A hostile-input probe: every URL pattern, every form and every query parameter a view reads,
fed values meant to break parsing, as each demo role, with every 5xx and its traceback recorded.

Shared by bench/hostile_inputs.py (the full run, by hand, over a throwaway database) and
test_hostile_inputs.py (a smaller run in the suite). It builds no data at import time: a Probe
works on whatever database Django is set up with, which must already hold the demo content.

How a run goes, for each role (anonymous first, then one signed-in client per demo login):
1. `prepare()` walks the demo's workflows once, for real, so that there is something to find:
   an officer's draft, submitted and closed reports, a scenario played to its end and one begun,
   a newsletter subscriber (its confirm and unsubscribe links).
2. `crawl()` follows every internal link from the seeds (the URL patterns without parameters,
   every live page, what `prepare()` made), a few URLs per pattern, keeping every <form>.
3. `probe_routes()` fills each pattern's parameters with real values (from every role's crawl)
   and with hostile ones (0, -1, 20 digits, a slug that does not exist, 300 characters...).
4. `probe_params()` sends hostile values in each query parameter a view reads.
5. `probe_forms()` submits each form many times, each time one field (and once all of them)
   replaced by a hostile value, missing or repeated; forms other roles found are replayed too.
Every POST runs inside a transaction that is rolled back (its on-commit callbacks run first, and
the redirect it answers is followed inside it), so the demo content stays the same throughout;
the client's cookies and the uploaded files are restored after it.

A Budget says how much: Defuse's own views and pages get the most values, Wagtail's admin views
of Defuse's models (snippets) fewer, the rest of Wagtail's admin a sample; views whose answer
depends on who asks (training, field, insights, accounts) are probed again for each role, the
others once. `Budget()` is the bench's full run, `Budget.small()` the suite's.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import re
import sys
import time
import traceback
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, quote_plus, urljoin, urlsplit

from django.apps import apps
from django.core.signals import got_request_exception
from django.db import connection, transaction
from django.test import Client
from django.test import client as test_client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils.regex_helper import normalize

from defuse.field.tests.conftest import valid_report_data

PROJECT_DIR = Path(__file__).resolve().parent.parent
THIS_FILE = str(Path(__file__).resolve())
INTERNAL_HOSTS = {"testserver", "localhost", "127.0.0.1", "localhost:80", "127.0.0.1:8000"}
# Never followed: signing out ends the role's session; Wagtail's error test raises on purpose.
SKIPPED_ROUTES = {"accounts:logout", "wagtailadmin_logout", "wagtailadmin_error_test"}
SKIPPED_PREFIXES = ("/static/", "/media/")
# Answers of 500 or more that are not failures: the health check's 503 names what is missing
# (no worker runs beside a probe), for load balancers. Noted, with the body, not counted.
EXPECTED_5XX = {("health", 503)}
# Defuse answers 400 to an exception in Wagtail's admin that a hand-made request causes, and
# logs it here; the probe lists those whose traceback passes through Defuse's own code.
MASKING_LOGGER = "defuse.platform.bad_requests"

# The query parameters Defuse's views read (grep request.GET, params.get, Scope.from_request),
# and the ones Wagtail's admin listings read. Links and GET forms add the rest per view.
PROJECT_PARAMS = (
    *("p", "q", "since", "audience", "type", "subtopic", "unit", "from", "to", "scenario"),
    *("version", "assignment", "registered", "next"),
)
ADMIN_PARAMS = ("p", "q", "ordering", "next")
MAX_ADMIN_PARAMS = 8  # of the names an admin view's links and filters use
# Views whose answer depends on who asks (a scope, own records): probed again for each role.
# The rest (hub pages, Wagtail's admin) are probed by the first role that reaches them.
ROLE_SCOPED_APPS = ("defuse.training", "defuse.field", "defuse.insights", "defuse.accounts")

BAD_UTF8 = b"\xff\xfe\xc3\x28\xed\xa0\x80"  # percent-escaped on the way: %FF%FE%C3(%ED%A0%80
VALUES: dict[str, str | bytes] = {
    "empty": "",
    "long-10k": "x" * 10_000,
    "huge-200k": "y" * 200_000,
    "nul": "a\x00b",
    "control": "\x01\x02\x07\x08\x1b[2J\x7f\x85\u2028\u0003",
    "crlf": "a\r\nSet-Cookie: probe=1\r\n\r\n",
    "unicode": "😀 \u202eevil\u202c \u200b שלום مرحبا 𝔘𝔫𝔦 \ufeff",
    "bad-utf8": BAD_UTF8,
    "xss": "'\"><script>alert(1)</script>",
    "sql": "' OR 1=1 --",
    "traversal": "../../../../etc/passwd",
    "format": "%s%n%x{0}{{7*7}}${7*7}",
    "zero": "0",
    "negative": "-1",
    "huge-int": "99999999999999999999",
    "int64+1": "9223372036854775808",
    "float": "1.5",
    "exp": "1e308",
    "nan": "NaN",
    "infinity": "Infinity",
    "-infinity": "-Infinity",
    "date-feb-30": "2026-02-30",
    "date-zero": "0000-00-00",
    "date-5-digit-year": "99999-01-01",
    "datetime-bad": "2026-13-45T25:61",
    "month-bad": "2026-00",
    "json": '{"a": [1, {"b": null}], "c": "\\u0000"}',
    "wrong-choice": "not-a-choice",
    "spaces": "   \t ",
}
# Replacing a field by these is not a value but a shape: the field left out, sent three times.
SHAPES = ("missing", "repeated")
KINDS = (*VALUES, *SHAPES)
# The values a URL's parameters get, by converter: each reaches the resolver, most the view.
PATH_VALUES: dict[str, tuple[str, ...]] = {
    "IntConverter": ("0", "-1", "99999999999999999999", "9223372036854775808"),
    "SlugConverter": ("no-such-slug-probe", "a" * 300, "0", "-1"),
    "StringConverter": ("no-such-probe", "a" * 300, "%00", "%FF%FE", "..%2F..%2Fetc", "%E2%80%AE"),
    "PathConverter": ("no/such/probe", "../../etc/passwd", "a" * 300),
    "regex": ("0", "-1", "99999999999999999999", "no-such-probe", "a" * 300, "%FF"),
}
PATH_KINDS = {
    "0": "zero",
    "-1": "negative",
    "99999999999999999999": "huge-int",
    "9223372036854775808": "int64+1",
    "a" * 300: "300-chars",
    "%00": "nul",
    "%FF%FE": "bad-utf8",
    "%FF": "bad-utf8",
    "..%2F..%2Fetc": "traversal",
    "../../etc/passwd": "traversal",
    "%E2%80%AE": "rtl",
}


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


Value = str | bytes | Upload
Pairs = list[tuple[str, Value]]
SomePairs = Sequence[tuple[str, Value]]  # what functions accept (any narrower list too)


def hostile_uploads(oversized_bytes: int) -> dict[str, Value]:
    """What a file field gets: text where a file goes, garbage, an empty file, a hostile name,
    and a file past every upload limit Defuse sets (scenarios 5 MB, CSV imports 20 MB)."""
    garbage = bytes(range(256)) * 256
    return {
        "text-not-file": "not a file",
        "garbage-file": Upload("probe.csv", garbage, "text/csv"),
        "empty-file": Upload("probe.yaml", b""),
        "hostile-filename": Upload("../../x\x00.html;.csv", b"a,b\r\n1,2\r\n", "text/csv"),
        "bad-utf8-file": Upload("probe.twee", b":: Start\n" + BAD_UTF8 * 100, "text/plain"),
        "oversized-file": Upload("probe-big.csv", b"a," * (oversized_bytes // 2), "text/csv"),
    }


@dataclass
class Budget:
    """How much of the value list each field and parameter gets (rotated, so that every kind is
    used across fields), and how many URLs per pattern are kept."""

    values_per_field: int = 6  # Defuse's own forms, besides always_kinds
    always_kinds: tuple[str, ...] = ("empty", "huge-200k", "huge-int")  # on every field
    odd_bodies: bool = True  # JSON, 10,001 fields, 3 MB, no CSRF token, broken multipart
    params_per_view: int = 0  # of PROJECT_PARAMS per view (rotated), 0 for all of them
    values_per_admin_field: int = 3  # Wagtail's own admin forms
    values_per_param: int = 3
    values_per_admin_param: int = 1
    all_field_kinds: tuple[str, ...] = ("long-10k", "nul", "unicode", "bad-utf8", "huge-int")
    form_requests: int = 400  # at most, per form of Defuse's (a report has ~60 fields)
    model_form_requests: int = 60  # Wagtail's admin forms for Defuse's models (snippets)
    admin_form_requests: int = 40  # at most, per form of Wagtail's admin
    urls_per_route: int = 3
    every_role_routes: bool = True  # False: each pattern by one role (see probes_route)
    path_values: int = 0  # hostile values per URL parameter, 0 for all of PATH_VALUES
    pages_per_type: int = 3
    crawl_limit: int = 1500
    replay_values: int = 3  # hostile submissions of another role's form
    replay_admin_forms: bool = True  # replay Wagtail's admin forms too, not only Defuse's
    admin_extras: bool = True  # Wagtail's admin: a POST to each view, redirects followed
    oversized_bytes: int = 21 * 1024 * 1024
    confirm: bool = True  # replay each distinct POST failure outside the rollback

    @classmethod
    def small(cls) -> Budget:
        """The suite's run, about a minute: each pattern by one role, Defuse's forms with a
        number past 64 bits (what breaks most often) and one more value per field, Wagtail's
        admin forms submitted as found."""
        return cls(
            values_per_field=1,
            always_kinds=("huge-int",),
            odd_bodies=False,
            params_per_view=3,
            values_per_admin_field=0,
            values_per_param=1,
            values_per_admin_param=0,
            all_field_kinds=("huge-200k",),
            urls_per_route=1,
            every_role_routes=False,
            path_values=2,
            pages_per_type=1,
            crawl_limit=600,
            replay_values=1,
            replay_admin_forms=False,
            admin_extras=False,
            form_requests=80,
            model_form_requests=3,
            admin_form_requests=1,
            oversized_bytes=6 * 1024 * 1024,
            confirm=False,
        )


# --- Reading pages --------------------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # an <input> type, "select", "textarea", or "submit" for a named button
    values: list[str] = field(default_factory=list)  # what a browser sends untouched
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    page: str  # the URL the form was found on
    action: str
    method: str
    enctype: str
    fields: dict[str, Field] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons

    def baseline(self, button: int = 0) -> Pairs:
        """What a browser sends when the form is submitted as found, with button `button`."""
        pairs: Pairs = []
        for item in self.fields.values():
            if item.kind == "submit":
                continue
            if item.kind == "file":
                pairs.append((item.name, Upload("", b"")))
                continue
            values = item.values
            if item.kind == "select" and not values and item.options and not item.multiple:
                values = item.options[:1]
            pairs += [(item.name, value) for value in values]
        if self.buttons:
            pairs.append(self.buttons[button % len(self.buttons)])
        return pairs

    def editable(self) -> list[Field]:
        return [f for f in self.fields.values() if f.name != "csrfmiddlewaretoken"]


class PageParser(HTMLParser):
    """The links and forms of one HTML page (controls outside a <form> are ignored)."""

    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Field | None = None
        self.option: tuple[str | None, bool] | None = None  # (value attribute, selected)
        self.option_text = ""
        self.textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self.form = Form(
                page=self.url,
                action=attributes.get("action", ""),
                method=(attributes.get("method") or "get").upper(),
                enctype=attributes.get("enctype") or "application/x-www-form-urlencoded",
            )
        elif self.form is not None:
            self.control(self.form, tag, attributes, "value" in dict(attrs))

    def control(self, form: Form, tag: str, attributes: dict[str, str], has_value: bool) -> None:
        name = attributes.get("name", "")
        if tag == "input" and name:
            self.input(form, name, attributes)
        elif tag == "button" and name and attributes.get("type", "submit") == "submit":
            form.buttons.append((name, attributes.get("value", "")))
            self.field(form, name, "submit").options.append(attributes.get("value", ""))
        elif tag == "select" and name:
            self.select = self.field(form, name, "select")
            self.select.multiple = "multiple" in attributes
        elif tag == "option" and self.select is not None:
            self.option = (attributes["value"] if has_value else None, "selected" in attributes)
            self.option_text = ""
        elif tag == "textarea" and name:
            self.textarea = self.field(form, name, "textarea")
            self.textarea.values = [""]

    def input(self, form: Form, name: str, attributes: dict[str, str]) -> None:
        kind = attributes.get("type", "text").lower()
        value = attributes.get("value", "on" if kind in ("checkbox", "radio") else "")
        if kind in ("submit", "image"):
            form.buttons.append((name, value))
            self.field(form, name, "submit").options.append(value)
        elif kind in ("checkbox", "radio"):
            item = self.field(form, name, kind)
            item.options.append(value)
            item.multiple = kind == "checkbox"
            if "checked" in attributes:
                item.values.append(value)
        elif kind != "reset":
            self.field(form, name, kind).values.append(value)

    def field(self, form: Form, name: str, kind: str) -> Field:
        return form.fields.setdefault(name, Field(name, kind))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.values[0] += data
        if self.option is not None:
            self.option_text += data

    def handle_endtag(self, tag):
        if tag == "option" and self.option is not None and self.select is not None:
            value = self.option[0] if self.option[0] is not None else self.option_text.strip()
            self.select.options.append(value)
            if self.option[1]:
                self.select.values.append(value)
            self.option = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form" and self.form is not None:
            self.forms.append(self.form)
            self.form = None


# --- Encoding requests ----------------------------------------------------------------------


def encode_value(value: Value) -> str:
    if isinstance(value, Upload):
        return quote_plus(value.filename)
    return quote_plus(value)  # bytes are escaped as they are: invalid UTF-8 stays invalid


def urlencoded(pairs: SomePairs) -> str:
    return "&".join(f"{quote_plus(name)}={encode_value(value)}" for name, value in pairs)


BOUNDARY = "----DefuseHostileProbe7MA4YWxkTrZu0gW"
BROKEN_MULTIPART = b"--x\r\nContent-Disposition: form-data\r\n\r\nno closing boundary"


def multipart(pairs: SomePairs) -> bytes:
    """multipart/form-data written by hand, so that raw bytes and hostile filenames get through
    as they are (Django's test client would take the basename and encode the text)."""
    parts = []
    for name, value in pairs:
        quoted = name.replace('"', "%22").encode()
        if isinstance(value, Upload):
            head = (
                b'Content-Disposition: form-data; name="' + quoted + b'"; filename="'
                + value.filename.replace('"', "%22").encode("utf-8", "surrogateescape")
                + b'"\r\nContent-Type: ' + value.content_type.encode()
            )  # fmt: skip
            body = value.content
        else:
            head = b'Content-Disposition: form-data; name="' + quoted + b'"'
            body = value if isinstance(value, bytes) else value.encode("utf-8", "surrogateescape")
        parts.append(b"--" + BOUNDARY.encode() + b"\r\n" + head + b"\r\n\r\n" + body + b"\r\n")
    return b"".join(parts) + b"--" + BOUNDARY.encode() + b"--\r\n"


def with_query(url: str, query: str) -> str:
    base = url.split("#", 1)[0].split("?", 1)[0]
    return f"{base}?{query}" if query else base


# --- URL patterns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # the pattern's text, as ResolverMatch.route gives it
    name: str  # namespaced name, or the pattern's text when it has none
    pieces: tuple  # (RoutePattern | RegexPattern, ...) from the root
    module: str  # the view's module

    @property
    def parameters(self) -> list[tuple[str, str]]:
        """(name, converter class name or "regex") for each parameter, in order."""
        found = []
        for number, piece in enumerate(self.pieces):
            if isinstance(piece, RoutePattern):
                found += [(n, type(c).__name__) for n, c in piece.converters.items()]
            else:
                for _, params in normalize(str(piece))[:1]:
                    found += [(f"{number}:{p}", "regex") for p in params]
        return found

    def url(self, values: dict[str, str]) -> str | None:
        """The path with each parameter set (values raw, already percent-escaped)."""
        text = ""
        for number, piece in enumerate(self.pieces):
            if isinstance(piece, RoutePattern):
                text += re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], str(piece))
            else:
                forms = normalize(str(piece))
                if not forms:
                    return None
                template, params = forms[0]
                text += template % {p: values[f"{number}:{p}"] for p in params}
        return "/" + text


def join_route(first: str, second: str) -> str:
    """As ResolverMatch.route joins an include's pattern and the next (URLResolver's own)."""
    return second if not first else first + second.removeprefix("^")


def routes() -> list[Route]:
    found: list[Route] = []

    def walk(patterns, pieces: tuple, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, (*pieces, pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                key = ""
                for piece in (*pieces, pattern.pattern):
                    key = join_route(key, str(piece))
                name = f"{namespace}{pattern.name}" if pattern.name else key
                module = getattr(pattern.callback, "__module__", "") or ""
                found.append(Route(key, name, (*pieces, pattern.pattern), module))

    walk(get_resolver().url_patterns, (), "")
    return found


# --- Recording ------------------------------------------------------------------------------


@dataclass
class Failure:
    method: str
    route: str
    field: str
    kind: str
    status: str
    exception: str
    frame: str  # the last frame in defuse/, else the innermost one
    url: str
    value: str
    roles: set[str] = dataclasses.field(default_factory=set)
    count: int = 0
    frames: list[str] = dataclasses.field(default_factory=list)
    traceback: str = ""
    confirmed: str = ""  # for POSTs: did it fail again outside the probe's rollback?
    replay: tuple = ()  # (role, url, body, content type) of the first POST that failed

    def describe(self) -> str:
        lines = [
            f"{self.method} {self.route} [{self.field or '-'} = {self.kind or '-'}] -> "
            f"{self.status} {self.exception} ({self.count}x; {', '.join(sorted(self.roles))})"
            + (f" confirmed outside rollback: {self.confirmed}" if self.confirmed else ""),
            f"    url: {self.url[:300]}",
            f"    value: {self.value[:200]}",
        ]
        lines += [f"    at {frame}" for frame in self.frames]
        return printable("\n".join(lines))


def printable(text: str) -> str:
    """Control characters (a NUL in a URL, an escape sequence) shown escaped, never sent to
    the terminal."""
    return re.sub(
        r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]", lambda m: ascii(m.group())[1:-1], text
    )


def frame_text(frame: traceback.FrameSummary) -> str:
    path = Path(frame.filename)
    try:
        shown = str(path.relative_to(PROJECT_DIR.parent))
    except ValueError:
        shown = "/".join(path.parts[-3:])
    return f"{shown}:{frame.lineno} in {frame.name}: {(frame.line or '').strip()[:120]}"


def key_frames(error: BaseException) -> tuple[str, list[str]]:
    """(the last frame in defuse/, the frames worth reading: Defuse's and the innermost)."""
    stack = traceback.extract_tb(error.__traceback__)
    ours = [f for f in stack if f.filename.startswith(str(PROJECT_DIR)) and f.filename != THIS_FILE]
    last = ours[-1] if ours else (stack[-1] if stack else None)
    shown = [frame_text(f) for f in ours[-5:]]
    if stack and (not ours or stack[-1] is not ours[-1]):
        shown.append(frame_text(stack[-1]))
    return (frame_text(last) if last else ""), shown


def describe_value(value) -> str:
    if isinstance(value, Upload):
        return f"file {value.filename!r}, {len(value.content)} bytes"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(describe_value(v) for v in value[:4]) + "]"
    text = repr(value)
    return text if len(text) <= 120 else f"{text[:100]}... ({len(value)} chars)"


# --- The probe ------------------------------------------------------------------------------


@dataclass
class Attempted:
    """One request's label, for the failure list."""

    route: str = ""
    field: str = ""
    kind: str = ""
    value: str = ""


class Probe:
    def __init__(self, logins: dict[str, tuple[str, str] | None], budget: Budget | None = None,
                 verbose: bool = False):  # fmt: skip
        self.logins = logins  # role -> (username, password), None for anonymous
        self.verbose = verbose  # each new failure and each phase's count on stderr
        self.budget = budget or Budget()
        self.clients: dict[str, Client] = {}
        self.requests: Counter[str] = Counter()
        self.failures: dict[tuple, Failure] = {}
        self.client_errors: Counter[str] = Counter()
        self.warnings: list[str] = []
        self.exceptions: list[BaseException] = []
        self.routes = [r for r in routes() if r.name not in SKIPPED_ROUTES]
        self.by_key = {r.key: r for r in self.routes}
        self.project_labels = {
            c.label for c in apps.get_app_configs() if c.name.startswith("defuse.")
        }
        self.page_types: dict[str, str] = {}
        self.real: dict[str, list[str]] = defaultdict(list)  # view key -> real URLs
        self.pages: dict[str, list[tuple[str, str, int]]] = defaultdict(list)  # role -> crawled
        self.forms: dict[str, dict[tuple, Form]] = defaultdict(dict)  # role -> key -> form
        self.params: dict[str, set[str]] = defaultdict(set)  # view key -> parameter names
        self.seeds: list[str] = []
        self.timings: dict[str, float] = {}
        self.last_post: tuple = ()
        self.media: dict[Path, bytes] = {}
        self.reached: dict[str, list[str]] = defaultdict(list)  # view key -> roles (200)
        self.masked: dict[tuple, Failure] = {}  # 400s over exceptions in Defuse's code
        self.masking = MaskedExceptions()
        self.params_done: set[str] = set()
        self.forms_done: set[str] = set()
        self.time_by_route: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])

    # Sending ---------------------------------------------------------------------------------

    def client(self, role: str) -> Client:
        if role not in self.clients:
            self.clients[role] = Client(enforce_csrf_checks=True, raise_request_exception=False)
        return self.clients[role]

    def on_exception(self, sender=None, **kwargs) -> None:
        error = sys.exc_info()[1]
        if error is not None:
            self.exceptions.append(error)

    def send(self, role: str, method: str, url: str, pairs: SomePairs | None = None, *,
             enctype: str = "application/x-www-form-urlencoded", body: bytes | None = None,
             label: Attempted | None = None, keep: bool = False):  # fmt: skip
        """One request, counted; a 5xx or an exception is recorded. POSTs are rolled back
        unless `keep` (the demo walk-through's own, which the crawl should then find)."""
        label = label or Attempted()
        client = self.client(role)
        if method == "GET":
            if pairs is not None:
                url = with_query(url, urlencoded(pairs))
            return self.exchange(role, method, url, label, lambda: client.get(url))
        if body is None:
            pairs = pairs or []
            if enctype.startswith("multipart/"):
                body, enctype = multipart(pairs), f"multipart/form-data; boundary={BOUNDARY}"
            else:
                body = urlencoded(pairs).encode("ascii")
        self.last_post = (role, url, body, enctype)
        if keep:
            return self.exchange(role, method, url, label, lambda: client.post(url, body, enctype))
        saved = copy.deepcopy(client.cookies)
        try:
            with transaction.atomic():
                response = self.exchange(
                    role, method, url, label, lambda: client.post(url, body, content_type=enctype)
                )
                self.follow(role, response, label)
                transaction.set_rollback(True)
        finally:
            client.cookies = saved
            self.restore_media()
        return response

    def snapshot_media(self) -> None:
        """The uploaded files as the demo left them: a rolled-back POST leaves the rows, but
        not the files its on-commit work deleted (Wagtail removes an image's file after its
        row), so they are put back after each one."""
        from django.conf import settings

        root = Path(settings.MEDIA_ROOT)
        files = [f for f in root.rglob("*") if f.is_file()] if root.exists() else []
        self.media = {f: f.read_bytes() for f in files if f.stat().st_size < 50_000_000}

    def restore_media(self) -> None:
        for path, content in self.media.items():
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)

    def exchange(self, role: str, method: str, url: str, label: Attempted, call: Callable):
        self.requests[role] += 1
        self.exceptions.clear()
        start, began = len(connection.run_on_commit), time.perf_counter()
        try:
            response = call()
            self.drain(response)
        except Exception as error:  # the probe's own side: recorded, never fatal
            self.client_errors[f"{type(error).__name__}: {str(error)[:120]}"] += 1
            return None
        finally:
            timing = self.time_by_route[f"{method} {label.route or '?'}"]
            timing[0] += 1
            timing[1] += time.perf_counter() - began
        self.run_on_commit(start)
        errors = list(self.exceptions)
        name = label.route or self.route_name(self.view_key(url) or "")
        if not errors and (name, response.status_code) in EXPECTED_5XX:
            self.note(f"{name} answered {response.status_code}: {response.content[:300]!r}")
        elif response.status_code >= 500 or errors:
            self.record(role, method, url, label, str(response.status_code), errors)
        for masked in self.masking.take():
            if ours(masked):
                self.record(role, method, url, label, "400 (masked)", [masked], self.masked)
        return response

    def note(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def drain(self, response) -> None:
        """Streaming downloads (CSV, files) fail while they are read: read them here. (The test
        client closes the response at the end; closing it here too would close the database
        connection, and with it the probe's transaction on PostgreSQL.)"""
        if getattr(response, "streaming", False):
            try:
                for _ in response.streaming_content:
                    pass
            except Exception as error:
                self.exceptions.append(error)
                response.status_code = 599  # marks a download that broke off mid-way

    def run_on_commit(self, start: int) -> None:
        """Inside the probe's transaction, what the view left for after its commit runs now,
        as it would have at once in autocommit; an error there would have failed the request."""
        if not connection.in_atomic_block:
            return
        for _ in range(3):
            pending = connection.run_on_commit[start:]
            del connection.run_on_commit[start:]
            if not pending:
                return
            for entry in pending:  # (savepoint ids, callback, robust)
                try:
                    entry[1]()
                except Exception as error:
                    self.exceptions.append(error)

    def follow(self, role: str, response, label: Attempted) -> None:
        """A browser follows the redirect a POST answers: what was stored is shown next."""
        if response is None or response.status_code not in (301, 302, 303):
            return
        if (
            not self.budget.admin_extras
            and self.tier(self.view_key(response.wsgi_request.path)) != "own"
        ):
            return
        target = self.internal(response["Location"], response.wsgi_request.get_full_path())
        if target:
            client = self.client(role)
            follow_label = Attempted(label.route, label.field, label.kind + " (then GET)",
                                     label.value)  # fmt: skip
            self.exchange(role, "GET", target, follow_label, lambda: client.get(target))

    def record(self, role, method, url, label: Attempted, status, errors, into=None) -> None:
        error = errors[-1] if errors else None
        exception = f"{type(error).__name__}: {str(error)[:160]}" if error else ""
        frame, frames = key_frames(error) if error else ("", [])
        route = label.route or self.view_key(url) or "?"
        key = (method, route, label.field, label.kind, status, type(error).__name__, frame)
        into = self.failures if into is None else into
        failure = into.get(key)
        if failure is None:
            text = "".join(traceback.format_exception(error)) if error else ""
            failure = Failure(method, route, label.field, label.kind, status, exception, frame,
                              url, label.value, frames=frames, traceback=text)  # fmt: skip
            if method == "POST" and into is self.failures:
                failure.replay = self.last_post
            into[key] = failure
        failure.roles.add(role)
        failure.count += 1
        if self.verbose and failure.count == 1:
            print(f"  5xx: {failure.describe().splitlines()[0][:300]}", file=sys.stderr)

    # Locating --------------------------------------------------------------------------------

    def internal(self, href: str, base: str) -> str | None:
        """The path and query of an internal link, else None."""
        href = href.strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            return None
        parts = urlsplit(urljoin("http://testserver" + base, href))
        if parts.scheme not in ("http", "https") or parts.netloc not in INTERNAL_HOSTS:
            return None
        if parts.path.startswith(SKIPPED_PREFIXES):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def view_key(self, url: str) -> str | None:
        """The pattern a URL resolves to; Wagtail pages by their page type."""
        path = url.split("?", 1)[0]
        try:
            match = resolve(path)
        except Resolver404:
            return None
        except Exception:
            return "unresolvable"
        if match.url_name == "wagtail_serve":
            return "wagtail_serve:" + self.page_type(path)
        return match.route

    def page_type(self, path: str) -> str:
        if path in self.page_types:
            return self.page_types[path]
        prefixes = [p for p in self.page_types if path.startswith(p)]
        if prefixes:
            return self.page_types[max(prefixes, key=len)] + "+route"
        return "unknown"

    def route_name(self, key: str) -> str:
        route = self.by_key.get(key)
        return route.name if route else key

    def tier(self, key: str | None) -> str:
        """ "own" for Defuse's views and pages, "model" for Wagtail's admin views of Defuse's
        models (snippets), "wagtail" for the rest of Wagtail's admin."""
        route = self.by_key.get(key or "")
        if key and (
            key.startswith("wagtail_serve:") or route and route.module.startswith("defuse.")
        ):
            return "own"
        return "model" if self.is_project(key) else "wagtail"

    def is_project(self, key: str | None) -> bool:
        """Defuse's own views (and pages): probed hardest. Wagtail's admin gets a sample."""
        if not key:
            return False
        if key.startswith("wagtail_serve:"):
            return True
        route = self.by_key.get(key)
        if route is None:
            return False
        if route.module.startswith("defuse."):
            return True
        words = set(re.split(r"[_:/\-]", route.name))
        return bool(words & self.project_labels - {"accounts"})

    def csrf(self, role: str) -> str:
        cookie = self.client(role).cookies.get("csrftoken")
        return cookie.value if cookie else ""

    # Running ---------------------------------------------------------------------------------

    def run(self) -> Probe:
        got_request_exception.connect(self.on_exception)
        try:
            with quiet_requests(self.masking):
                self.phases()
        except KeyboardInterrupt:
            self.warnings.insert(0, "INTERRUPTED: the run stopped early; the counts are partial")
        finally:
            got_request_exception.disconnect(self.on_exception)
        return self

    def phases(self) -> None:
        self.phase("sign in", self.sign_in)
        self.phase("prepare", self.prepare)
        for role in self.logins:
            self.phase(f"crawl {role}", lambda role=role: self.crawl(role))
        for role in self.logins:
            self.phase(f"routes {role}", lambda role=role: self.probe_routes(role))
            self.phase(f"params {role}", lambda role=role: self.probe_params(role))
            self.phase(f"forms {role}", lambda role=role: self.probe_forms(role))
        if self.budget.confirm:
            self.phase("confirm", self.confirm)

    def phase(self, name: str, step: Callable) -> None:
        start, before = time.perf_counter(), sum(self.requests.values())
        step()
        self.timings[name] = time.perf_counter() - start
        done = sum(self.requests.values()) - before
        if self.verbose:
            print(f"  {name}: {done} requests, {self.timings[name]:.1f} s", file=sys.stderr)

    def sign_in(self) -> None:
        """Each role signs in through the login form, as a person would."""
        from wagtail.models import Page

        for page in Page.objects.live().specific():
            url = page.get_url()
            if url:
                self.page_types[urlsplit(url).path] = type(page).__name__
        for role, login in self.logins.items():
            if login is None:
                continue
            client = self.client(role)
            client.get("/accounts/login/")
            self.requests[role] += 1
            data = [("login", login[0]), ("password", login[1]), ("next", "/")]
            data.append(("csrfmiddlewaretoken", self.csrf(role)))
            response = client.post("/accounts/login/", urlencoded(data),
                                   content_type="application/x-www-form-urlencoded")  # fmt: skip
            self.requests[role] += 1
            if response.status_code != 302 or "_auth_user_id" not in client.session:
                raise RuntimeError(f"{role} could not sign in as {login[0]}")

    def prepare(self) -> None:
        self.seeds += DemoState(self).prepare()
        self.snapshot_media()

    def crawl(self, role: str) -> None:
        """Breadth first from the seeds, a few URLs per pattern (per page type for pages)."""
        queue = deque(self.seed_urls(role))
        seen: set[str] = set()
        per_key: Counter[str] = Counter()
        while queue and len(seen) < self.budget.crawl_limit:
            url = queue.popleft()
            key = self.view_key(url)
            if url in seen or key is None or self.route_name(key) in SKIPPED_ROUTES:
                continue
            limit = self.budget.pages_per_type if key.startswith("wagtail") else None
            if per_key[key] >= (limit or self.budget.urls_per_route):
                continue
            seen.add(url)
            per_key[key] += 1
            response = self.send(
                role, "GET", url, label=Attempted(self.route_name(key), "", "crawl")
            )
            if response is None:
                continue
            self.pages[role].append((url, key, response.status_code))
            if response.status_code == 200 and url not in self.real[key]:
                self.real[key].append(url)
            if response.status_code == 200 and role not in self.reached[key]:
                self.reached[key].append(role)
            queue.extend(self.found_on(role, url, response))

    def seed_urls(self, role: str) -> list[str]:
        urls = ["/", "/admin/"]
        urls += [r.url({}) or "" for r in self.routes if not r.parameters]
        urls += list(self.page_types)
        urls += self.seeds
        urls += [u for known in self.real.values() for u in known]  # what earlier roles found
        return [u for u in dict.fromkeys(urls) if u]

    def found_on(self, role: str, url: str, response) -> list[str]:
        """The internal links of a page (its forms are kept), or where a redirect goes."""
        if response.status_code in (301, 302, 303, 307, 308):
            target = self.internal(response["Location"], url)
            return [target] if target else []
        if "html" not in response.get("Content-Type", "") or response.status_code >= 400:
            return []
        parser = self.parse(url, response)
        for form in parser.forms:
            self.keep_form(role, form)
        links = [link for href in parser.links if (link := self.internal(href, url))]
        for link in links:
            key = self.view_key(link)
            if key and "?" in link:
                query = link.split("?", 1)[1]
                self.params[key].update(p.split("=", 1)[0] for p in query.split("&") if p)
        return links

    def parse(self, url: str, response) -> PageParser:
        """A page's links and forms, each form's action made an internal path ("" if not)."""
        parser = PageParser(url)
        try:
            parser.feed(response.content.decode("utf-8", "replace"))
            parser.close()
        except Exception as error:  # a page html.parser cannot read is a note, not a failure
            self.warnings.append(f"could not parse {url}: {error}")
        for form in parser.forms:
            action = self.internal(form.action, url) if form.action else url
            if action and form.method != "POST":  # a GET form replaces the query string
                action = action.split("?", 1)[0]
            form.action = action or ""
        return parser

    def keep_form(self, role: str, form: Form) -> None:
        if not form.action:
            return
        key = self.view_key(form.action)
        if key is None or self.route_name(key) in SKIPPED_ROUTES:
            return
        if form.method == "GET":
            self.params[key].update(f.name for f in form.editable())
        signature = (key, form.method, tuple(sorted(form.fields)))
        self.forms[role].setdefault(signature, form)

    # Probing ---------------------------------------------------------------------------------

    def probe_routes(self, role: str) -> None:
        """Every pattern: its real URLs (any role's), its parameters hostile, a POST to each."""
        fetched = {url for url, _, _ in self.pages[role]}
        for route in self.routes:
            if not self.budget.every_role_routes and not self.probes_route(role, route):
                continue
            keys = [route.key] if route.name != "wagtail_serve" else self.page_keys()
            real = [u for key in keys for u in self.real.get(key, [])[: self.budget.urls_per_route]]
            for url in real:
                if url not in fetched:
                    self.send(role, "GET", url, label=Attempted(route.name, "", "real"))
            for url, name, kind in self.hostile_urls(route, real):
                label = Attempted(route.name, name, kind, url)
                self.send(role, "GET", url, label=label)
            if not self.budget.admin_extras and self.tier(route.key) == "wagtail":
                continue
            for url in real[:1]:
                pairs = [("csrfmiddlewaretoken", self.csrf(role)), ("probe", "x" * 10_000)]
                self.send(role, "POST", url, pairs, label=Attempted(route.name, "probe", "POST"))

    def probes_route(self, role: str, route: Route) -> bool:
        """With a small budget, one role probes each pattern: the last (most privileged) that
        reached it; every role probes the views that answer each role differently."""
        if route.module.startswith(ROLE_SCOPED_APPS):
            return True
        reached = self.reached.get(route.key) or list(self.logins)
        return role == reached[-1]

    def page_keys(self) -> list[str]:
        return sorted(k for k in self.real if k.startswith("wagtail_serve:"))

    def hostile_urls(self, route: Route, real: list[str]) -> Iterator[tuple[str, str, str]]:
        """(url, parameter, kind) with one parameter hostile and the others real if known."""
        parameters = route.parameters
        if route.name == "wagtail_serve":
            for path in ("no-such-page/", "a" * 300 + "/", "de-escalation/" + "%FF%FE/",
                         "de-escalation/feed/nope/", "-/_/"):  # fmt: skip
                yield "/" + path, "path", "hostile-path"
            return
        if not parameters:
            return
        known = self.real_values(route, real)
        for number, (name, converter) in enumerate(parameters):
            choices = PATH_VALUES.get(converter, PATH_VALUES["StringConverter"])
            for value in rotated(choices, number, self.budget.path_values or len(choices)):
                values = {n: known.get(n, PATH_VALUES["IntConverter"][0]) for n, _ in parameters}
                values[name] = value
                url = route.url(values)
                if url:
                    yield url, name.split(":")[-1], PATH_KINDS.get(value, "missing-object")

    def real_values(self, route: Route, real: list[str]) -> dict[str, str]:
        """The parameters of a real URL of the route, read back through the resolver."""
        for url in real:
            try:
                match = resolve(url.split("?", 1)[0])
            except Resolver404:
                continue
            values = {name: quote(str(value), safe="") for name, value in match.kwargs.items()}
            args = iter(match.args)
            for number, piece in enumerate(route.pieces):
                if isinstance(piece, RegexPattern):
                    for _, params in normalize(str(piece))[:1]:
                        for param in params:
                            value = values.get(param) or quote(str(next(args, "0")), safe="/")
                            values[f"{number}:{param}"] = value
            return values
        return {}

    def probe_params(self, role: str) -> None:
        """Hostile values in each query parameter, on one page per view that answered 200."""
        done: set[str] = set()
        for url, key, status in self.pages[role]:
            if status != 200 or key in done or not self.first_or_scoped(key, self.params_done):
                continue
            done.add(key)
            project = self.tier(key) == "own"
            if project:
                count = self.budget.params_per_view or len(PROJECT_PARAMS)
                chosen = rotated(PROJECT_PARAMS, len(done), count)
                names = sorted(set(chosen) | self.params[key])
            else:
                names = sorted(set(ADMIN_PARAMS) | set(sorted(self.params[key])[:MAX_ADMIN_PARAMS]))
            sample = self.budget.values_per_param if project else self.budget.values_per_admin_param
            if not sample:
                continue
            base = self.query_pairs(url)
            route = self.route_name(key)
            for number, name in enumerate(names):
                for kind in rotated(KINDS, number, sample):
                    pairs = replace(base, name, kind, VALUES)
                    label = Attempted(route, name, kind, describe_value(VALUES.get(kind, kind)))
                    self.send(role, "GET", url, pairs, label=label)
            if project and names:
                for kind in self.budget.all_field_kinds:
                    pairs = [(n, VALUES[kind]) for n in names]
                    label = Attempted(route, "(every parameter)", kind)
                    self.send(role, "GET", url, pairs, label=label)

    def first_or_scoped(self, key: str, done: set[str], token: str = "") -> bool:
        """Whether this role probes view `key` (or its form `token`): the first role to reach
        it does, and every role does for views that answer each role differently."""
        route = self.by_key.get(key)
        if route is not None and route.module.startswith(ROLE_SCOPED_APPS):
            return True
        token = token or key
        if token in done:
            return False
        done.add(token)
        return True

    def query_pairs(self, url: str) -> Pairs:
        query = url.split("?", 1)[1] if "?" in url else ""
        return list(parse_qsl(query, keep_blank_values=True))

    def probe_forms(self, role: str) -> None:
        """This role's forms, field by field (Wagtail's own once, by the first role to find
        them); then other roles' forms, briefly."""
        for signature, form in list(self.forms[role].items()):
            if self.first_or_scoped(signature[0], self.forms_done, repr(signature)):
                self.probe_form(role, form)
            else:
                self.replay_form(role, form)
        mine = set(self.forms[role])
        for other, forms in self.forms.items():
            for signature, form in forms.items():
                if other == role or signature in mine:
                    continue
                mine.add(signature)
                if self.budget.replay_admin_forms or self.tier(signature[0]) == "own":
                    self.replay_form(role, form)

    def probe_form(self, role: str, form: Form) -> None:
        """The form as found, then its variants (as many as the budget's cap for its tier)."""
        key = self.view_key(form.action)
        tier, route = self.tier(key), self.route_name(key or "?")
        submit = self.submitter(role, form, route)
        began, before = time.perf_counter(), sum(self.requests.values())
        submit(form.baseline(), "(as found)", "baseline")
        self.add_stream_counts(form, submit)
        caps = {
            "own": self.budget.form_requests,
            "model": self.budget.model_form_requests,
            "wagtail": self.budget.admin_form_requests,
        }
        for pairs, name, kind in self.variants(role, form, tier)[: caps[tier] - 1]:
            submit(pairs, name, kind)
        if form.method == "POST" and tier == "own" and self.budget.odd_bodies:
            self.odd_bodies(role, form, route)
        took = time.perf_counter() - began
        if self.verbose and took > 10:
            done = sum(self.requests.values()) - before
            print(
                f"    {role} {form.method} {route}: {done} requests, {took:.0f} s", file=sys.stderr
            )

    def add_stream_counts(self, form: Form, submit: Callable) -> None:
        """Wagtail's StreamField editors are drawn by JavaScript, so the page has none of their
        inputs and the form as found fails on the first missing "<name>-count" (recorded).
        A browser sends them: add each, empty, so the rest of the form gets probed too."""
        for _ in range(10):
            error = self.exceptions[-1] if self.exceptions else None
            missing = str(error.args[0]) if isinstance(error, KeyError) and error.args else ""
            if not missing.endswith("-count") or missing in form.fields:
                return
            form.fields[missing] = Field(missing, "hidden", ["0"])
            response = submit(form.baseline(), "(as found)", f"with {missing}=0")
            if response is None or response.status_code < 500:
                return

    def variants(self, role: str, form: Form, tier: str) -> list[tuple[Pairs, str, str]]:
        """(pairs, field, kind) to submit: every field left out, every field hostile at once,
        then each field hostile in turn, round robin (so that a cap still reaches them all)."""
        project = tier != "wagtail"
        sample = self.budget.values_per_field if project else self.budget.values_per_admin_field
        uploads = hostile_uploads(self.budget.oversized_bytes)
        if tier != "own":
            uploads.pop("oversized-file")
        token: Pairs = [("csrfmiddlewaretoken", self.csrf(role))]
        found: list[tuple[Pairs, str, str]] = [(token, "(every field)", "missing")]
        for kind in self.budget.all_field_kinds if project else ():
            pairs = [(n, v if n == "csrfmiddlewaretoken" else VALUES[kind])
                     for n, v in form.baseline()]  # fmt: skip
            found.append((pairs, "(every field)", kind))
        per_field = []
        for number, item in enumerate(form.editable()):
            kinds = list(self.budget.always_kinds) if project else []
            kinds += [k for k in rotated(KINDS, number, sample) if k not in kinds]
            kinds = list(uploads) if item.kind == "file" else kinds
            values = {**VALUES, **uploads}
            per_field.append(
                [
                    (replace(form.baseline(number), item.name, k, values), item.name, k)
                    for k in kinds
                ]
            )
        for turn in range(max((len(v) for v in per_field), default=0)):
            found += [v[turn] for v in per_field if turn < len(v)]
        return found

    def submitter(self, role: str, form: Form, route: str) -> Callable:
        def submit(pairs: SomePairs, name: str, kind: str):
            value = next((v for n, v in pairs if n == name), kind) if name[:1] != "(" else kind
            label = Attempted(route, name, kind, describe_value(value))
            if form.method == "GET":
                return self.send(role, "GET", form.action, pairs, label=label)
            return self.send(role, "POST", form.action, pairs, enctype=form.enctype, label=label)

        return submit

    def odd_bodies(self, role: str, form: Form, route: str) -> None:
        """Bodies no form sends: JSON, too many fields, past Django's size limit, no token."""
        token = self.csrf(role)
        json_body = b'{"csrfmiddlewaretoken": "' + token.encode() + b'", "a": [1, {"b": null}]}'
        many = urlencoded(
            [("csrfmiddlewaretoken", token)] + [(f"f{n}", "1") for n in range(10_001)]
        )
        big = urlencoded([("csrfmiddlewaretoken", token), ("big", "z" * 3_000_000)])
        for kind, body, ctype in (
            ("json-body", json_body, "application/json"),
            ("10001-fields", many.encode(), "application/x-www-form-urlencoded"),
            ("3MB-body", big.encode(), "application/x-www-form-urlencoded"),
            ("no-csrf-token", urlencoded(form.baseline()[1:]).encode(), form.enctype),
            ("broken-multipart", BROKEN_MULTIPART, "multipart/form-data; boundary=x"),
        ):  # fmt: skip
            label = Attempted(route, "(body)", kind)
            self.send(role, "POST", form.action, body=body, enctype=ctype, label=label)

    def replay_form(self, role: str, form: Form) -> None:
        """Another role's form, with this role's CSRF token: permission paths meet hostile data."""
        route = self.route_name(self.view_key(form.action) or "?")
        submit = self.submitter(role, form, route)
        token = [("csrfmiddlewaretoken", self.csrf(role))]
        base = [(n, v) for n, v in form.baseline() if n != "csrfmiddlewaretoken"] + token
        submit(base, "(as found)", "other role's form")
        fields = form.editable()
        for number, kind in enumerate(
            rotated(tuple(VALUES), len(fields), self.budget.replay_values)
        ):
            if fields:
                name = fields[number % len(fields)].name
                submit(replace(base, name, kind, VALUES), name, kind)

    def confirm(self) -> None:
        """Each distinct POST failure once more, outside the rollback and committed: a real
        failure, or one of the probe's making (a view that needs autocommit)?"""
        if connection.in_atomic_block:  # inside a test's transaction there is no outside
            return
        for failure in list(self.failures.values()):
            if not failure.replay:
                continue
            role, url, body, enctype = failure.replay
            client = self.client(role)
            saved = copy.deepcopy(client.cookies)
            self.exceptions.clear()
            self.requests[role] += 1
            response = client.post(url, body, content_type=enctype)
            self.drain(response)
            client.cookies = saved
            failed = response.status_code >= 500 or self.exceptions
            failure.confirmed = "yes" if failed else f"no ({response.status_code})"

    # Reporting -------------------------------------------------------------------------------

    def summary(self) -> str:
        """The counts, and one entry per cause with an example's key frames."""
        causes = self.causes()
        lines = [f"Requests: {sum(self.requests.values())}"]
        lines += [f"  {role}: {self.requests[role]}" for role in self.logins]
        lines += [w for w in self.warnings[:1] if "INTERRUPTED" in w]
        lines.append(f"Distinct 5xx failures: {len(self.failures)}, from {len(causes)} causes")
        for (route, exception, frame), group in sorted(causes.items()):
            lines += describe_cause(route, exception, frame, group)
        return "\n".join(lines)

    def report(self) -> str:
        lines = [self.summary()]
        lines.append("\nEvery distinct failure (method pattern [field = value kind] -> status):")
        for failure in sorted(self.failures.values(), key=lambda f: (f.route, f.field, f.kind)):
            lines.append(failure.describe())
        if self.masked:
            lines.append(
                f"\n400s standing in for an exception raised through Defuse's code "
                f"({MASKING_LOGGER}), not counted as 5xx: {len(self.masked)} distinct"
            )
            for (route, exception, frame), group in sorted(self.causes(self.masked).items()):
                lines += describe_cause(route, exception, frame, group)
        if self.client_errors:
            lines.append("Requests the test client could not make (the probe's side, not 5xx):")
            lines += [f"  {n}x {text}" for text, n in self.client_errors.most_common()]
        lines += [f"Note: {text}" for text in self.warnings[:20]]
        return "\n".join(lines)

    def causes(self, failures: dict | None = None) -> dict[tuple[str, str, str], list[Failure]]:
        """Failures grouped by pattern, exception type and frame: one line per bug."""
        grouped: dict[tuple[str, str, str], list[Failure]] = defaultdict(list)
        for failure in (self.failures if failures is None else failures).values():
            exception = failure.exception.split(":", 1)[0] or failure.status
            grouped[(failure.route, exception, failure.frame)].append(failure)
        return grouped

    def slowest(self, count: int = 12) -> str:
        rows = sorted(self.time_by_route.items(), key=lambda item: -item[1][1])[:count]
        lines = ["Where the time went (route: requests, total s, mean ms):"]
        lines += [f"  {name}: {n}, {t:.1f} s, {1000 * t / n:.0f} ms" for name, (n, t) in rows]
        return "\n".join(lines)


def describe_cause(route: str, exception: str, frame: str, group: list[Failure]) -> list[str]:
    triggers = sorted({f"{f.method} {f.field or '-'}={f.kind or '-'}" for f in group})
    roles = sorted(set().union(*(f.roles for f in group)))
    shown = "; ".join(triggers[:12]) + (
        f"; ... ({len(triggers)} in all)" if len(triggers) > 12 else ""
    )
    return [
        printable(f"* {route}: {exception} at {frame or '(no traceback)'}"),
        f"    {len(group)} distinct, {sum(f.count for f in group)} requests, as {', '.join(roles)}",
        printable(f"    triggers: {shown}"),
        printable(f"    e.g. {group[0].method} {group[0].url[:200]} ({group[0].exception[:200]})"),
        *(printable(f"      at {frame}") for frame in group[0].frames),
    ]


@contextmanager
def quiet_requests(masking: logging.Handler) -> Iterator[None]:
    """While the probe runs: no log line per 4xx and 5xx (the probe reports the 5xx itself,
    and the 400s that hide an exception go to `masking`), and under pytest no copy of every
    template context into each response (Django's test client keeps them for assertions; the
    probe reads none, and Wagtail's admin renders hundreds of templates a page)."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    masker = logging.getLogger(MASKING_LOGGER)
    keep_templates = getattr(test_client, "store_rendered_templates")  # noqa: B009
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    masker.addHandler(masking)
    masker.propagate = False
    setattr(test_client, "store_rendered_templates", lambda *args, **kwargs: None)  # noqa: B010
    try:
        yield
    finally:
        setattr(test_client, "store_rendered_templates", keep_templates)  # noqa: B010
        masker.propagate = True
        masker.removeHandler(masking)
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class MaskedExceptions(logging.Handler):
    """Keeps the exceptions logged with the 400s that stand in for them."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.found: list[BaseException] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.found.append(record.exc_info[1])

    def take(self) -> list[BaseException]:
        found, self.found = self.found, []
        return found


def ours(error: BaseException) -> bool:
    """Whether a traceback passes through Defuse's code (the masking middleware aside)."""
    skipped = (THIS_FILE, str(PROJECT_DIR / "platform" / "bad_requests.py"))
    return any(
        f.filename.startswith(str(PROJECT_DIR)) and f.filename not in skipped
        for f in traceback.extract_tb(error.__traceback__)
    )


def rotated(kinds: Iterable[str], offset: int, count: int) -> list[str]:
    """`count` kinds starting at a different place for each field, so all of them get used."""
    kinds = list(kinds)
    if count >= len(kinds):
        return kinds
    start = (offset * count) % len(kinds)
    return [kinds[(start + n) % len(kinds)] for n in range(count)]


def replace(pairs: SomePairs, name: str, kind: str, values: Mapping[str, Value]) -> Pairs:
    """`pairs` with field `name` hostile: a value, left out, or sent three times."""
    kept = [(n, v) for n, v in pairs if n != name]
    if kind == "missing":
        return kept
    if kind == "repeated":
        original = [v for n, v in pairs if n == name] or ["1"]
        return kept + [(name, original[0]), (name, "'\"><b>"), (name, "99999999999999999999")]
    return kept + [(name, values[kind])]


# --- The demo's state, walked through once ---------------------------------------------------


# A report that passes validation; the technique rows come from the form as found.
def valid_report() -> list[tuple[str, str]]:
    """Read when the demo state is made: its choices (data codes) are rows of the database."""
    return [
        (name, item)
        for name, value in valid_report_data().items()
        if not name.startswith("techniques-")
        for item in (value if isinstance(value, list) else [value])
    ]


PLAY_LIMIT = 60  # decisions before giving up on reaching a scenario's end


class DemoState:
    """Makes, through the site as its users would, the records the crawl should then find:
    reports in each state, a finished and an unfinished attempt, a subscriber, reset links."""

    def __init__(self, probe: Probe):
        self.probe = probe
        self.urls: list[str] = []

    def prepare(self) -> list[str]:
        roles = self.probe.logins
        if "officer" in roles:
            first = self.file_report("officer", submit=True)
            if first and "supervisor" in roles:
                self.review("supervisor", first)
            self.file_report("officer", submit=True)
            self.file_report("officer", submit=False)
            self.play_scenarios("officer")
        self.subscribe()
        self.reset_links()
        return self.urls

    def get(self, role: str, url: str):
        return self.probe.send(role, "GET", url, label=Attempted("(demo walk-through)"))

    def post(self, role: str, url: str, pairs: SomePairs):
        label = Attempted("(demo walk-through)")
        return self.probe.send(role, "POST", url, pairs, keep=True, label=label)

    def forms(self, role: str, url: str) -> list[Form]:
        response = self.get(role, url)
        if response is None or response.status_code != 200:
            self.probe.warnings.append(
                f"walk-through: {url} answered {response and response.status_code}"
            )
            return []
        return self.probe.parse(url, response).forms

    def location(self, response) -> str:
        if response is None or response.status_code not in (301, 302, 303):
            code = response and response.status_code
            self.probe.warnings.append(f"walk-through: expected a redirect, got {code}")
            return ""
        return response["Location"]

    def file_report(self, role: str, submit: bool) -> str:
        self.get(role, "/field/reports/")
        edit = self.location(self.post(role, "/field/reports/new/", self.token(role)))
        form = (
            next((f for f in self.forms(role, edit) if "/edit/" in f.action), None)
            if edit
            else None
        )
        if form is None:
            return ""
        valid = valid_report()
        pairs = [
            (n, v)
            for n, v in form.baseline()
            if n not in dict(valid) and n not in ("save", "submit", "add")
        ]
        technique = form.fields.get("techniques-0-technique")
        pairs = [
            (n, v) for n, v in pairs if n not in ("techniques-0-technique", "techniques-0-effect")
        ]
        pairs += [("techniques-0-effect", "helped")]
        pairs += (
            [("techniques-0-technique", next((o for o in technique.options if o), ""))]
            if technique
            else []
        )
        pairs += [*valid, ("submit" if submit else "save", "1")]
        detail = self.location(self.post(role, form.action, pairs))
        self.urls += [edit, detail]
        return detail if submit else edit

    def review(self, role: str, detail: str) -> None:
        form = next((f for f in self.forms(role, detail) if f.action.endswith("/review/")), None)
        if form is not None:
            pairs = [(n, v) for n, v in form.baseline() if n != "decision"] + [
                ("decision", "approve")
            ]
            self.location(self.post(role, form.action, pairs))

    def play_scenarios(self, role: str) -> None:
        """Begins every playable scenario and plays the first to its end (first choice each
        time), so that the crawl finds a review, a certificate, notes and a game in progress."""
        starts = []
        for slug in self.scenario_slugs(role):
            for form in self.forms(role, f"/training/scenarios/{slug}/"):
                if form.action.endswith("/start/"):
                    starts.append(self.location(self.post(role, form.action, form.baseline())))
                    break
        self.urls += [u for u in starts if u]
        if starts and starts[0]:
            self.play_to_the_end(role, starts[0].split("#")[0])

    def scenario_slugs(self, role: str) -> list[str]:
        from defuse.training.models import Scenario

        return list(Scenario.objects.playable().values_list("slug", flat=True))

    def play_to_the_end(self, role: str, play: str) -> None:
        for _ in range(PLAY_LIMIT):
            form = next(
                (f for f in self.forms(role, play) if f.action.rstrip("/") == play.rstrip("/")),
                None,
            )
            if form is None:
                return
            after = self.location(self.post(role, form.action, form.baseline()))
            if not after or "/review/" in after:
                self.urls.append(after)
                return

    def subscribe(self) -> None:
        """A subscriber, and its confirm and unsubscribe links (signed tokens)."""
        from defuse.hub.models import Subscriber
        from defuse.hub.newsletter import CONFIRM_SALT, UNSUBSCRIBE_SALT, token_for

        forms = [f for f in self.forms("anonymous", "/newsletter/") if f.method == "POST"]
        if forms:
            pairs = [(n, v) for n, v in forms[0].baseline() if n != "email"]
            audiences = forms[0].fields.get("audiences")
            pairs += [("email", "probe-reader@example.org")]
            pairs += (
                [("audiences", audiences.options[0])] if audiences and audiences.options else []
            )
            self.location(self.post("anonymous", forms[0].action, pairs))
        for subscriber in Subscriber.objects.all()[:2]:
            self.urls.append(f"/newsletter/confirm/{token_for(subscriber, CONFIRM_SALT)}/")
            self.urls.append(f"/newsletter/unsubscribe/{token_for(subscriber, UNSUBSCRIBE_SALT)}/")

    def reset_links(self) -> None:
        """A password-reset link per demo login, as the reset e-mail would carry it."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.tokens import default_token_generator
        from django.utils.encoding import force_bytes
        from django.utils.http import urlsafe_base64_encode

        names = [login[0] for login in self.probe.logins.values() if login]
        for user in get_user_model().objects.filter(username__in=names):
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            token = default_token_generator.make_token(user)
            self.urls.append(f"/accounts/password-reset/{uid}/{token}/")

    def token(self, role: str) -> Pairs:
        return [("csrfmiddlewaretoken", self.probe.csrf(role))]
