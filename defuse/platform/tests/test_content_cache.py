"""Versions are shared by every process: a bump in one is seen by the others within a second."""

import pytest

from defuse.platform import content_cache

pytestmark = pytest.mark.django_db


def test_a_bump_in_another_process_is_seen_once_the_memo_expires(monkeypatch):
    before = content_cache.content_version()
    content_cache.bump_content_version()
    assert content_cache.content_version() == before + 1
    # Another process: its own (empty) memo, the same shared cache.
    content_cache._memo.clear()
    assert content_cache.content_version() == before + 1


def test_each_process_reads_a_version_at_most_once_a_second(django_assert_num_queries):
    content_cache.content_version()
    with django_assert_num_queries(0):
        for _ in range(10):
            content_cache.content_version()
