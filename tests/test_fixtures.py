"""Every saved page of the corpus, parsed as a crawl parses it, field by field.

A failure names the page and the field. Cases the parsers are known to get wrong are
listed in KNOWN_MISSES with the reason; they are strict xfails, so fixing one turns
the test red until it is taken off the list.
"""

from __future__ import annotations

import pytest

from filmcrawl.commands.parse import parse_file
from filmcrawl.evaluate import LISTS, SCALARS, corpus_pages, film_values

from .conftest import FIXTURES

PAGES = list(corpus_pages(FIXTURES))
KNOWN_MISSES: dict[tuple[str, str], str] = {}

_cache: dict[str, dict] = {}


def parsed(name, path):
    if name not in _cache:
        _cache[name] = parse_file(path, "http://corpus.test/" + name)
    return _cache[name]


def cases():
    for name, path, truth in PAGES:
        fields = ["kind"]
        if truth["kind"] == "film":
            fields += list(SCALARS) + ["synopsis"] + list(LISTS)
        for field in fields:
            marks = []
            if (name, field) in KNOWN_MISSES:
                marks.append(pytest.mark.xfail(reason=KNOWN_MISSES[(name, field)], strict=True))
            yield pytest.param(name, path, truth, field, id=f"{name}:{field}", marks=marks)


def test_corpus_is_large_enough():
    families = {name.split("/")[0] for name, _, _ in PAGES}
    assert len(PAGES) >= 40
    assert {"jsonld", "microdata", "opengraph", "labelled", "prose", "nonfilm"} <= families


@pytest.mark.parametrize("name, path, truth, field", list(cases()))
def test_field(name, path, truth, field):
    got = parsed(name, path)
    if field == "kind":
        assert got["kind"] == truth["kind"]
        if truth["kind"] != "film":
            assert got.get("film") is None or got.get("reject")
        return
    assert got["kind"] == "film" and not got.get("reject"), got.get("reject")
    if field == "synopsis":
        phrase = truth["film"].get("synopsis_contains")
        if phrase:
            assert phrase.casefold() in (got["film"]["synopsis"] or "").casefold()
        return
    assert film_values(got["film"])[field] == film_values(truth["film"])[field]
