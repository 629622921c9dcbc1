"""Hand-made requests that no page of Defuse sends (a word where an id belongs, a form without
its fields, a number past 64 bits) answer 400, never 500.

Defuse's own views check their input; Wagtail's admin views trust the admin's own forms and
raise deep inside when a request leaves them out. Such an exception under /admin/, raised by
Wagtail's code (not Defuse's), is the client's error: it answers 400 and is logged as a warning
with its traceback, so that a real bug still shows in the log. A number too large for the
database is refused everywhere, so is a NUL character in the path (PostgreSQL refuses it in
any text it is given; the query string's are dropped, forms refuse their own), and deleting
what records still use answers 409 with the reason."""

import logging
import traceback
from pathlib import Path

import django
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponse, HttpResponseBadRequest, QueryDict
from django.template import loader
from django.urls import NoReverseMatch
from django.utils.datastructures import MultiValueDictKeyError

logger = logging.getLogger(__name__)
DJANGO_DIR = str(Path(django.__file__).resolve().parent) + "/"
DEFUSE_DIR = str(Path(__file__).resolve().parent.parent) + "/"

MALFORMED_IN_ADMIN = (
    MultiValueDictKeyError,  # a field the admin's form always sends, left out
    ValueError,  # "Field 'id' expected a number", invalid JSON (json.JSONDecodeError)
    TypeError,
    AttributeError,  # a value missing where the admin's JavaScript always puts one
    ValidationError,
    NoReverseMatch,
)


def is_malformed(request, exception: Exception) -> bool:
    if isinstance(exception, OverflowError):  # SQLite: "Python int too large"
        return True
    if isinstance(exception, OperationalError):  # SQLite: a 10,000-character LIKE search
        return "pattern too complex" in str(exception)
    return (
        request.path.startswith("/admin/")
        and isinstance(exception, MALFORMED_IN_ADMIN)
        and not raised_by_defuse(exception)
    )


def raised_by_defuse(exception: Exception) -> bool:
    """Whether the innermost frame outside Django's own code is Defuse's: then the error is a
    bug of Defuse's admin views (imports, reports, viewsets), not a hand-made request."""
    frames = [frame.filename for frame in traceback.extract_tb(exception.__traceback__)]
    outside_django = [name for name in frames if not name.startswith(DJANGO_DIR)]
    return bool(outside_django) and outside_django[-1].startswith(DEFUSE_DIR)


class MalformedRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return bad_request()
        if "%00" in request.META.get("QUERY_STRING", ""):  # how a NUL arrives in a query
            request.GET = without_nul(request.GET)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (ProtectedError, RestrictedError)):
            return still_in_use(exception)
        if not is_malformed(request, exception):
            return None
        logger.warning(
            "Malformed request answered 400: %s %s",
            request.method,
            request.path,
            exc_info=exception,
        )
        return bad_request()


def without_nul(query: QueryDict) -> QueryDict:
    """The query string without its NUL characters: nobody types one, PostgreSQL refuses it in
    any text, and a reader's search should still find what the rest of the words ask for."""
    cleaned = QueryDict(mutable=True)
    for name, values in query.lists():
        cleaned.setlist(name.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


def bad_request() -> HttpResponse:
    return HttpResponseBadRequest(loader.get_template("400.html").render())


def still_in_use(exception) -> HttpResponse:
    """Deleting what records still point to (a force type or technique used in reports): 409,
    saying so, and nothing deleted."""
    users = (
        exception.protected_objects
        if isinstance(exception, ProtectedError)
        else (exception.restricted_objects)
    )
    kinds = sorted({str(obj._meta.verbose_name_plural) for obj in users})
    page = loader.get_template("409.html").render({"count": len(users), "kinds": kinds})
    return HttpResponse(page, status=409)
