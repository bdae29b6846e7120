"""Extraction accuracy against a corpus of saved pages with truth files.

A corpus is a folder of ``<family>/<name>.html`` pages, each with ``<name>.json``
stating what the page says (see ``tests/fixtures/README.md``). Every page is parsed
exactly as a crawl parses it (extraction, normalization, validation), then compared
field by field:

- scalar fields count once when predicted (precision) and once when true (recall);
- list fields (genres, directors, writers, cast, offers) count each element;
  ``cast_characters`` counts the (name, character) pairs the truth gives a character;
- ``synopsis`` is right when it contains the truth's ``synopsis_contains`` phrase;
- ``kind`` is the page kind; a page that is not a film but would be stored as one is
  listed in ``false_films`` (the hard error).
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from filmcrawl.commands.parse import parse_file

SCALARS = ("title", "year", "runtime_minutes", "imdb_rating", "imdb_votes", "content_rating")
LISTS = ("genres", "directors", "writers", "cast", "cast_characters", "offers")
FIELDS = ("kind",) + SCALARS + ("synopsis",) + LISTS


def _key(text) -> str:
    return unicodedata.normalize("NFC", str(text)).casefold().strip()


def _num(value):
    return round(float(value), 1) if isinstance(value, (int, float)) else value


def film_values(film: dict | None) -> dict:
    """The comparable values of a film, from a parse result or a truth file."""
    if not film:
        return {}
    credits = film.get("credits")
    if credits is not None:  # a parse result: credits with roles
        by_role = defaultdict(list)
        for c in sorted(credits, key=lambda c: c.get("position") or 0):
            by_role[c["role"]].append(c)
        directors = [c["name"] for c in by_role["director"]]
        writers = [c["name"] for c in by_role["writer"]]
        cast = [{"name": c["name"], "character": c.get("character")} for c in by_role["cast"]]
    else:
        directors, writers, cast = film.get("directors", []), film.get("writers", []), film.get("cast", [])
    out = {f: film.get(f) for f in SCALARS}
    out["imdb_rating"] = _num(out["imdb_rating"])
    out["genres"] = {_key(g) for g in film.get("genres") or []}
    out["directors"] = {_key(n) for n in directors}
    out["writers"] = {_key(n) for n in writers}
    out["cast"] = {_key(c["name"]) for c in cast}
    out["cast_characters"] = {(_key(c["name"]), _key(c["character"])) for c in cast if c.get("character")}
    out["offers"] = {
        (_key(o.get("provider")), o.get("offer_type"), o.get("quality"),
         None if o.get("price") is None else round(float(o["price"]), 2))
        for o in film.get("offers") or []
    }
    return out


@dataclass
class Score:
    predicted: int = 0
    true: int = 0
    right_predicted: int = 0  # predictions that are right (precision numerator)
    right_true: int = 0  # truths that were found (recall numerator)

    @property
    def precision(self) -> float:
        return self.right_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right_true / self.true if self.true else 1.0


@dataclass
class Report:
    pages: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    false_films: list[str] = field(default_factory=list)
    misses: list[tuple[str, str, object, object]] = field(default_factory=list)

    def overall(self) -> Score:
        total = Score()
        for s in self.scores.values():
            total.predicted += s.predicted
            total.true += s.true
            total.right_predicted += s.right_predicted
            total.right_true += s.right_true
        return total

    def add(self, name: str, got: dict, truth: dict) -> None:
        self.pages += 1
        kind_score = self.scores["kind"]
        kind_score.predicted += 1
        kind_score.true += 1
        right = got["kind"] == truth["kind"]
        kind_score.right_predicted += right
        kind_score.right_true += right
        if not right:
            self.misses.append((name, "kind", got["kind"], truth["kind"]))
        stored = got["kind"] == "film" and got.get("film") and not got.get("reject")
        if stored and truth["kind"] != "film":
            self.false_films.append(name)
        pred = film_values(got.get("film")) if stored else {}
        true = film_values(truth.get("film")) if truth["kind"] == "film" else {}
        for f in SCALARS:
            self._scalar(name, f, pred.get(f), true.get(f))
        self._synopsis(name, (got.get("film") or {}).get("synopsis") if stored else None,
                       (truth.get("film") or {}).get("synopsis_contains") if true else None)
        for f in LISTS:
            self._set(name, f, pred.get(f, set()), true.get(f, set()))

    def _scalar(self, name, f, got, want):
        s = self.scores[f]
        s.predicted += got is not None
        s.true += want is not None
        if got is not None and got == want:
            s.right_predicted += 1
            s.right_true += 1
        elif got is not None or want is not None:
            self.misses.append((name, f, got, want))

    def _synopsis(self, name, got, phrase):
        if phrase is None:
            return  # the page states no synopsis: description text found is not judged
        s = self.scores["synopsis"]
        s.true += 1
        s.predicted += got is not None
        if got is not None and _key(phrase) in _key(got):
            s.right_predicted += 1
            s.right_true += 1
        else:
            self.misses.append((name, "synopsis", (got or "")[:60], phrase))

    def _set(self, name, f, got: set, want: set):
        s = self.scores[f]
        hit = got & want
        s.predicted += len(got)
        s.true += len(want)
        s.right_predicted += len(hit)
        s.right_true += len(hit)
        if got != want:
            self.misses.append((name, f, sorted(got - want, key=str), sorted(want - got, key=str)))

    def table(self) -> str:
        lines = [f"{'field':18} {'precision':>9} {'recall':>7} {'predicted':>9} {'true':>5}"]
        for f, s in [*self.scores.items(), ("OVERALL", self.overall())]:
            lines.append(f"{f:18} {s.precision:9.3f} {s.recall:7.3f} {s.predicted:9d} {s.true:5d}")
        lines.append(f"pages {self.pages}; non-films stored as films: {len(self.false_films)}"
                     + (f" ({', '.join(self.false_films)})" if self.false_films else ""))
        return "\n".join(lines)


def corpus_pages(root: str):
    """(name, html path, truth) for every page of a corpus folder, sorted."""
    for folder, _dirs, files in sorted(os.walk(root)):
        for fname in sorted(files):
            if fname.endswith(".html") and fname[:-5] + ".json" in files:
                with open(os.path.join(folder, fname[:-5] + ".json"), encoding="utf-8") as fh:
                    truth = json.load(fh)
                yield os.path.relpath(os.path.join(folder, fname), root), os.path.join(folder, fname), truth


def evaluate(root: str) -> Report:
    report = Report()
    for name, path, truth in corpus_pages(root):
        report.add(name, parse_file(path, "http://corpus.test/" + name), truth)
    return report
