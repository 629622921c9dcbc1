import pytest
from django.http import Http404
from django.test import RequestFactory

from defuse.platform.pagination import page_or_404


@pytest.mark.parametrize("raw, number", [(None, 1), ("1", 1), ("2", 2), ("3", 3)])
def test_valid_page_numbers(raw, number):
    request = RequestFactory().get("/", {} if raw is None else {"p": raw})
    page = page_or_404(request, list(range(50)), 20)
    assert page.number == number
    assert number in page.page_links


@pytest.mark.parametrize("raw", ["0", "4", "-1", "abc", "1'", " 1", "²", "1_0", "9" * 5000])
def test_invalid_page_numbers_are_404(raw):
    request = RequestFactory().get("/", {"p": raw})
    with pytest.raises(Http404):
        page_or_404(request, list(range(50)), 20)


def test_empty_list_has_a_first_page():
    page = page_or_404(RequestFactory().get("/"), [], 20)
    assert list(page.object_list) == []
