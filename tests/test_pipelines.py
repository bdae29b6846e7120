"""Normalizing and validating films, and the crawl going on past films it rejects."""

from __future__ import annotations

import pytest

from filmcrawl.items import Credit, FilmItem, Offer
from filmcrawl.pipelines import normalize_film, validate_film

from .conftest import count
from .faultserver import film_jsonld, film_page


@pytest.mark.parametrize("raw, year, reason", [
    ("2002", 2002, None),
    ("2002-05-03", 2002, None),
    ("1700", 1700, "year_out_of_range"),
    ("0000", 0, "year_out_of_range"),
    ("N/A", None, None),
    (None, None, None),
])
def test_year_validation(raw, year, reason):
    film = FilmItem(url="u", title_raw="Heat", year_raw=raw)
    normalize_film(film)
    assert film.year == year
    assert (validate_film(film) or (None,))[0] == reason


@pytest.mark.parametrize("raw, rating, reason", [
    ("6.2", 6.2, None),
    ("6.2/10", 6.2, None),
    ("11.5", 11.5, "rating_out_of_range"),
    ("85", 85.0, "rating_out_of_range"),
    ("0.0", None, None),
    ("N/A", None, None),
])
def test_rating_validation(raw, rating, reason):
    film = FilmItem(url="u", title_raw="Heat", imdb_rating_raw=raw)
    normalize_film(film)
    assert film.imdb_rating == rating
    assert (validate_film(film) or (None,))[0] == reason


@pytest.mark.parametrize("raw", [None, "", "Where to Watch", "   "])
def test_a_film_without_a_title_is_rejected(raw):
    film = FilmItem(url="u", title_raw=raw)
    normalize_film(film)
    assert validate_film(film)[0] == "missing_title"


def test_normalize_film_fills_every_field_and_counts_changes():
    film = FilmItem(
        url="u", title_raw="Where to Watch Leaving Metropolis (2002)", year_raw="2002",
        runtime_raw="1 hr 29 min", imdb_rating_raw="6.2/10", imdb_votes_raw="1,234",
        content_rating="rated r", synopsis="  A  playwright\u00a0seeks inspiration. ",
        genres_raw=["Romantic", "Comedy", "Sci-Fi", "Comedy"],
        credits=[Credit("Brad  Fraser", "director"), Credit("Troy Ruptash", "cast", "as David"),
                 Credit("Troy Ruptash", "cast", "David"), Credit("N/A", "cast")],
        offers=[Offer("Amazon Prime Video", "Stream", None, None, "UHD"), Offer("iTunes", "Rent", "$3.99"),
                Offer("Prime Video", "subscription", None, None, "4K")],
    )
    changed = normalize_film(film)
    assert film.title == "Leaving Metropolis"
    assert (film.year, film.runtime_minutes, film.imdb_rating, film.imdb_votes) == (2002, 89, 6.2, 1234)
    assert film.content_rating == "R"
    assert film.synopsis == "A playwright seeks inspiration."
    assert film.genres == ["Romance", "Comedy", "Science Fiction"]
    assert [(c.name, c.role, c.character, c.position) for c in film.credits] == [
        ("Brad Fraser", "director", None, 0), ("Troy Ruptash", "cast", "David", 0)]
    assert [(o.provider, o.offer_type, o.price, o.currency, o.quality) for o in film.offers] == [
        ("Prime Video", "subscription", None, None, "4K"), ("Apple TV", "rent", 3.99, "USD", None)]
    assert {"title", "runtime_minutes", "genres", "names"} <= set(changed)


def test_rejected_films_are_recorded_and_the_crawl_goes_on(site_dir, site_server, crawl, query):
    pages = {
        "good": film_jsonld("Silent Harbor", 1971, ["Ada Berg"]),
        "old": film_jsonld("Too Early", 1700, ["Bruno Castillo"]),
        "rated": film_jsonld("Overrated", 1999, ["Chiara Dubois"], rating=11.5),
    }
    for name, movie in pages.items():
        (site_dir / f"{name}.html").write_bytes(film_page(movie))
    (site_dir / "untitled.html").write_text(
        '<html><head><script type="application/ld+json">{"@type": "Movie", "director": "Ada Berg",'
        ' "datePublished": "1999", "duration": "PT90M"}</script></head><body><p>x</p></body></html>')
    links = "".join(f'<a href="/{n}.html">{n}</a> ' for n in [*pages, "untitled"])
    (site_dir / "index.html").write_text(f"<html><body>{links}</body></html>")
    crawl(site_server.base_url + "/")
    assert query("SELECT title FROM films") == [("Silent Harbor",)]
    rejects = dict(query("SELECT url, reason FROM rejects"))
    base = site_server.base_url
    assert rejects == {base + "/old.html": "year_out_of_range", base + "/rated.html": "rating_out_of_range",
                       base + "/untitled.html": "missing_title"}
    assert query("SELECT status, rejects, items_stored FROM crawl_runs") == [("finished", 3, 1)]
    assert count(query, "pages") == 5


def test_one_page_that_cannot_be_stored_does_not_cost_its_batch(db_path, query):
    from scrapy import Spider
    from scrapy.utils.test import get_crawler

    from filmcrawl.items import PageItem
    from filmcrawl.pipelines import StorePipeline

    crawler = get_crawler(Spider, {"FILMCRAWL_DB": db_path, "FILMCRAWL_BATCH_SIZE": 10})
    crawler.spider = Spider("t")
    pipe = StorePipeline.from_crawler(crawler)
    pipe.open_spider()
    good = [FilmItem(url=f"http://s.test/{i}", title=f"Film {i}", year=2000 + i) for i in range(3)]
    broken = FilmItem(url="http://s.test/broken", title=None)  # not validated: the store refuses it
    for film in [good[0], broken, good[1], good[2]]:
        pipe.process_item(PageItem(url=film.url, kind="film", film=film))
    pipe.close_spider()
    pipe.spider_closed(crawler.spider, "finished")
    assert sorted(query("SELECT title FROM films")) == [("Film 0",), ("Film 1",), ("Film 2",)]
    assert query("SELECT url, reason FROM rejects") == [("http://s.test/broken", "store_error")]
    assert query("SELECT pages_crawled, items_stored, rejects FROM crawl_runs") == [(4, 3, 1)]
