"""Crawl scope: canonical URLs, hosts, traps."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from filmcrawl.links import LinkFilter, canonical, looks_like_trap


@pytest.mark.parametrize("url, expected", [
    ("http://Site.test/films/heat.html#cast", "http://site.test/films/heat.html"),
    ("http://site.test/f?b=2&a=1", "http://site.test/f?a=1&b=2"),
    ("http://site.test/f?utm_source=x&utm_medium=y&id=3", "http://site.test/f?id=3"),
    ("http://site.test/f?fbclid=abc", "http://site.test/f"),
    ("http://site.test/f?gclid=1&sessionid=9&PHPSESSID=4", "http://site.test/f"),
    ("http://site.test/films/heat.html;jsessionid=ABC123", "http://site.test/films/heat.html"),
    ("http://site.test:80/x", "http://site.test/x"),
    ("https://site.test:443/x", "https://site.test/x"),
    ("http://site.test", "http://site.test/"),
    ("  http://site.test/a b  ", "http://site.test/a%20b"),
])
def test_canonical(url, expected):
    assert canonical(url) == expected


@pytest.mark.parametrize("url", [
    "javascript:void(0)", "mailto:films@site.test", "file:///etc/passwd",
    "data:text/html,<h1>x</h1>", "ftp://site.test/x", "tel:+123", "", "http://",
])
def test_not_page_urls(url):
    assert canonical(url) is None


@pytest.mark.parametrize("url, trap", [
    ("http://s.test/films/heat.html", False),
    ("http://s.test/calendar/2024/05/", True),
    ("http://s.test/events?date=2024-05-01", True),
    ("http://s.test/a/b/a/b/a/b", True),
    ("http://s.test/" + "x" * 500, True),
    ("http://s.test/f?a=1&b=2&c=3&d=4", True),
    ("http://s.test/" + "/".join("abcdefghijklmn"), True),
    ("http://s.test/films/2001-a-space-odyssey.html", False),
])
def test_traps(url, trap):
    assert looks_like_trap(url) is trap


def test_filter_keeps_to_its_hosts_and_remembers():
    f = LinkFilter({"site.test"})
    assert f.admit("http://site.test/a#x") == "http://site.test/a"
    assert f.admit("http://site.test/a") is None  # already passed
    assert f.admit("http://other.test/a") is None
    assert f.admit("http://site.test/poster.jpg") is None
    assert f.admit("javascript:alert(1)") is None


def test_filter_bounds_query_variants_per_path():
    f = LinkFilter({"site.test"}, max_query_variants=5)
    admitted = [f.admit(f"http://site.test/search?page={i}") for i in range(50)]
    assert sum(1 for a in admitted if a) == 5


@given(st.text())
def test_canonical_never_raises(text):
    result = canonical(text)
    assert result is None or result.startswith(("http://", "https://"))
    if result is not None:
        assert canonical(result) == result
