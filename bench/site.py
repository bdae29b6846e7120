"""A synthetic "where to watch" site for the benchmark.

``build_site(root, n, base_url)`` writes ``n`` film pages (30-60 KB each; the five page
families in turn: JSON-LD, microdata, OpenGraph, labelled infobox, prose review), each
with site navigation (~60 links), a sidebar, a related-films block, an offers table,
user comments and the scripts/styles real pages carry; listing pages (100 films each),
genre and service pages, an index, ``sitemap.xml`` and a ``robots.txt`` naming it.
Deterministic: the same ``n`` gives the same bytes.
"""

from __future__ import annotations

import html
import json
import os
import random

FAMILIES = ("jsonld", "microdata", "opengraph", "labelled", "prose")
ADJ = ("Silent Crimson Hidden Broken Golden Last Lonely Distant Burning Frozen Electric Wild "
       "Quiet Restless Hollow Savage Secret Bitter Gentle Endless Velvet Iron Paper Glass "
       "Scarlet Midnight Northern Southern Falling Rising Shattered Wandering Forgotten Stolen "
       "Painted Drowned Sleeping Wicked Lucky Crooked").split()
NOUN = ("Harbor River Garden Kingdom Mirror Station Orchard Lantern Carnival Frontier Empire "
        "Highway Island Voyage Letter Summer Winter Shadow Cathedral Valley Engine Circus "
        "Lighthouse Archive Compass Meridian Horizon Citadel Canyon Tide Ember Bridge Tower "
        "Forest Desert Signal Choir Theory Machine Republic").split()
PLACE = ("Lisbon Tangier Oslo Kyoto Havana Dakar Lima Tbilisi Quebec Marseille Odessa Bergen "
         "Cairo Manila Reno Galway Porto Seville Tallinn Valparaiso Zagreb Macau Nairobi "
         "Tromso Trieste").split()
FIRST = ("Anna Ben Clara David Elena Frank Grace Hugo Iris Jonas Karen Leo Maya Nina Oscar "
         "Paula Quentin Rosa Samuel Tara Victor Wendy Xavier Yara Zoe Adrian Beatrice Carlos "
         "Diana Emil Fiona Gareth Helena Ivan Julia Kevin Lena Marco Nora Owen").split()
LAST = ("Adler Brennan Castillo Dalton Eriksen Fontaine Garrison Holloway Ishikawa Jansen "
        "Kowalski Lindqvist Moreau Novak Okafor Petrov Quinlan Rinaldi Sorensen Thornton "
        "Ulrich Varga Whitaker Yilmaz Zeller Abbott Bianchi Carver Delgado Ellison").split()
GENRES = ("Action Adventure Animation Comedy Crime Documentary Drama Family Fantasy History "
          "Horror Music Mystery Romance Science-Fiction Thriller War Western Biography Sport").split()
SERVICES = ("Netflix", "Prime Video", "Max", "Disney+", "Hulu", "Apple TV", "Peacock",
            "Paramount+", "Tubi", "Pluto TV", "Kanopy", "MUBI", "Google Play", "Vudu", "YouTube")
RATINGS = ("G", "PG", "PG-13", "R")
WORDS = ("the film story camera night city light music character scene moment journey family "
         "memory silence voice road house window letter rain storm heart truth friend stranger "
         "morning river edge world dream season summer secret careful patient quiet bright "
         "slow strange familiar simple brave tender sharp honest").split()
PER_LISTING = 100
SECTIONS = ("movies", "tv-shows", "new-arrivals", "top-rated", "free-to-watch", "collections", "guides",
            "contact", "about", "help", "login", "careers", "press", "accessibility", "privacy", "terms",
            "cookies")


def slug(s: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in s.lower()).strip("-")


def film_facts(i: int) -> dict:
    rnd = random.Random(i)
    a, rest = ADJ[i % len(ADJ)], i // len(ADJ)
    n, rest = NOUN[rest % len(NOUN)], rest // len(NOUN)
    title = f"The {a} {n}" if rest == 0 else f"The {a} {n} of {PLACE[(rest - 1) % len(PLACE)]}"
    if rest > len(PLACE):
        title += f" {['II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'][(rest - 1) // len(PLACE) % 8]}"

    def person():
        return f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"

    cast = []
    names = set()
    while len(cast) < rnd.randint(12, 18):
        p = person()
        if p not in names:
            names.add(p)
            cast.append((p, f"{rnd.choice(FIRST)}"))
    offers = []
    for svc in rnd.sample(SERVICES, rnd.randint(5, 12)):
        kind = rnd.choice(("Stream", "Rent", "Buy", "Free with ads"))
        price = None if kind in ("Stream", "Free with ads") else f"${rnd.choice((2.99, 3.99, 4.99, 9.99, 14.99))}"
        offers.append((svc, kind, rnd.choice(("HD", "4K", "SD")), price))
    return {
        "i": i,
        "title": title,
        "slug": slug(title) + f"-{i}",
        "year": 1950 + rnd.randrange(74),
        "runtime": rnd.randint(80, 170),
        "rating": f"{rnd.randint(40, 89) / 10:.1f}",
        "votes": rnd.randint(1000, 900000),
        "cert": rnd.choice(RATINGS),
        "genres": rnd.sample(GENRES, rnd.randint(1, 3)),
        "director": person(),
        "writers": [person() for _ in range(rnd.randint(1, 2))],
        "cast": cast,
        "offers": offers,
        "family": FAMILIES[i % len(FAMILIES)],
        "rnd": rnd,
    }


def sentence(rnd: random.Random, n: int) -> str:
    words = [rnd.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rnd, sentences=5) -> str:
    return " ".join(sentence(rnd, rnd.randint(8, 16)) for _ in range(sentences))


E = html.escape


def nav_html() -> str:
    top = ["Home", "Movies", "TV Shows", "New Arrivals", "Top Rated", "Free to Watch",
           "Collections", "Guides", "Contact", "About", "Help", "Login"]
    links = [f'<li><a href="/">{t}</a></li>' if t == "Home" else
             f'<li><a href="/section/{slug(t)}.html">{t}</a></li>' for t in top]
    genres = [f'<a href="/genre/{slug(g)}.html">{g}</a>' for g in GENRES]
    services = [f'<a class="dropdown-item" href="/service/{slug(s)}.html">{E(s)}</a>' for s in SERVICES]
    return (
        '<nav class="navbar navbar-expand-lg"><div class="container"><a class="brand" href="/">ReelFinder</a>'
        f'<ul class="navbar-nav">{"".join(links)}<li class="dropdown"><a href="#">Services</a>'
        f'<div class="dropdown-menu">{"".join(services)}</div></li></ul>'
        '<form class="search" action="/search"><input name="q" placeholder="Search titles"></form></div></nav>\n'
        f'<div class="genre-strip">{" ".join(genres)}</div>\n'
    )


def footer_html() -> str:
    cols = []
    for head, items in (("Company", ("About", "Careers", "Press", "Contact")),
                        ("Help", ("Help", "Accessibility", "Guides")),
                        ("Legal", ("Privacy", "Terms", "Cookies"))):
        lis = "".join(f'<li><a href="/section/{slug(t)}.html">{t}</a></li>' for t in items)
        cols.append(f'<div class="col"><h4>{head}</h4><ul>{lis}</ul></div>')
    return (f'<footer class="site-footer"><div class="row">{"".join(cols)}</div>'
            '<p class="copy">&copy; 2026 ReelFinder. Availability changes daily.</p></footer>\n')


SCRIPT = ("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
          "gtag('js',new Date());gtag('config','G-BENCH');" + "var cfg={a:1,b:[1,2,3],c:'x'};" * 60 + "</script>\n")
STYLE = "<style>" + "".join(f".c{k}{{margin:{k}px;padding:{k % 7}px;color:#{k:06x}}}" for k in range(160)) + "</style>\n"


def offers_html(f) -> str:
    rows = "".join(
        f'<tr><td class="provider"><a href="https://{slug(s)}.example.com/watch/{f["slug"]}" '
        f'title="{E(s)}"><img src="/logos/{slug(s)}.png" alt="{E(s)}"></a></td>'
        f'<td>{k}</td><td>{q}</td><td>{p or "Included"}</td></tr>'
        for s, k, q, p in f["offers"]
    )
    return (f'<section class="where-to-watch" id="offers"><h2>Where to watch {E(f["title"])}</h2>'
            '<table class="offers"><thead><tr><th>Service</th><th>Option</th><th>Quality</th>'
            f'<th>Price</th></tr></thead><tbody>{rows}</tbody></table></section>\n')


def related_html(f, n_films) -> str:
    rnd = f["rnd"]
    cards = []
    for _ in range(10):
        j = rnd.randrange(n_films)
        o = film_facts_light(j)
        cards.append(f'<div class="card"><a href="/film/{o[1]}.html"><img src="/img/{o[1]}.jpg" alt="">'
                     f'<span class="t">{E(o[0])}</span></a><span class="y">{o[2]}</span></div>')
    return f'<section class="related-films"><h2>You may also like</h2>{"".join(cards)}</section>\n'


_LIGHT: dict[int, tuple] = {}


def film_facts_light(i: int) -> tuple:
    """(title, slug, year) of film i, cheaply."""
    if i not in _LIGHT:
        f = film_facts(i)
        _LIGHT[i] = (f["title"], f["slug"], f["year"])
    return _LIGHT[i]


def sidebar_html(f) -> str:
    rnd = f["rnd"]
    trending = "".join(f'<li><a href="/section/top-rated.html">{E(rnd.choice(ADJ))} {E(rnd.choice(NOUN))}</a> '
                       f'<span>{rnd.randint(1950, 2024)}</span></li>' for _ in range(8))
    return (f'<aside class="sidebar"><div class="widget trending"><h3>Trending now</h3><ol>{trending}</ol></div>'
            '<div class="widget newsletter"><h3>Newsletter</h3><form><input name="email"></form></div>'
            '<div class="advert" data-slot="side">Advertisement</div></aside>\n')


def comments_html(f) -> str:
    rnd = f["rnd"]
    items = "".join(
        f'<li class="comment"><b>{rnd.choice(FIRST)}{rnd.randint(1, 99)}</b> '
        f'<p>{paragraph(rnd, rnd.randint(2, 5))}</p></li>'
        for _ in range(rnd.randint(6, 22))
    )
    return f'<section class="comments"><h3>User comments</h3><ul>{items}</ul></section>\n'


def main_block(f) -> str:
    fam, t = f["family"], E(f["title"])
    rnd = f["rnd"]
    review = "".join(f"<p>{paragraph(rnd)}</p>" for _ in range(rnd.randint(3, 6)))
    if fam == "labelled":
        cast = "".join(f"<tr><td>{E(n)}</td><td>{E(c)}</td></tr>" for n, c in f["cast"])
        return (
            f'<h1>{t}</h1><div class="infobox"><dl>'
            f'<dt>Director</dt><dd>{E(f["director"])}</dd>'
            f'<dt>Writers</dt><dd>{E(", ".join(f["writers"]))}</dd>'
            f'<dt>Release year</dt><dd>{f["year"]}</dd>'
            f'<dt>Runtime</dt><dd>{f["runtime"]} min</dd>'
            f'<dt>Genres</dt><dd>{", ".join(f["genres"])}</dd>'
            f'<dt>Rated</dt><dd>{f["cert"]}</dd>'
            f'<dt>IMDb rating</dt><dd>{f["rating"]}/10 ({f["votes"]:,} votes)</dd></dl></div>'
            f'<h2>Synopsis</h2><p>{paragraph(rnd, 3)}</p>'
            f'<h2>Cast</h2><table class="cast"><tr><th>Actor</th><th>Character</th></tr>{cast}</table>'
            f'<h2>Review</h2>{review}'
        )
    if fam == "prose":
        c = f["cast"]
        g = f["genres"][0].lower().replace("science-fiction", "science fiction")
        return (
            f'<h1>Where to Watch {t}</h1><div class="article-body">'
            f'<p>{t} is a {f["year"]} {g} film directed by {E(f["director"])} and written by '
            f'{E(" and ".join(f["writers"]))}. It stars {E(c[0][0])}, {E(c[1][0])} and {E(c[2][0])}, '
            f'and runs {f["runtime"]} minutes. It is rated {f["cert"]} and holds a {f["rating"]} rating on IMDb.</p>'
            f'<p>{E(c[0][0])} plays {E(c[0][1])}, a {paragraph(rnd, 1).lower()} {paragraph(rnd, 3)}</p>'
            f'<p>{E(c[1][1])}, played by {E(c[1][0])}, {paragraph(rnd, 2).lower()}</p>'
            f'{review}</div>'
        )
    # structured families: the visible page is a plain summary
    cast = "".join(f'<li><span class="actor">{E(n)}</span> as <span class="role">{E(c)}</span></li>'
                   for n, c in f["cast"])
    return (f'<h1>{t} ({f["year"]})</h1><p class="meta">{f["runtime"]} min &middot; {f["cert"]} &middot; '
            f'{", ".join(f["genres"])}</p><p class="synopsis">{paragraph(rnd, 3)}</p>'
            f'<h2>Cast</h2><ul class="cast-list">{cast}</ul><h2>Review</h2>{review}')


def head_extra(f, base_url) -> str:
    fam, url = f["family"], f"/film/{f['slug']}.html"
    if fam == "jsonld":
        data = {
            "@context": "https://schema.org", "@type": "Movie", "name": f["title"], "url": url,
            "datePublished": f"{f['year']}-05-01", "duration": f"PT{f['runtime'] // 60}H{f['runtime'] % 60}M",
            "genre": f["genres"], "contentRating": f["cert"],
            "description": f"{f['title']} is a film.",
            "director": [{"@type": "Person", "name": f["director"]}],
            "author": [{"@type": "Person", "name": w} for w in f["writers"]],
            "actor": [{"@type": "Person", "name": n} for n, _ in f["cast"]],
            "aggregateRating": {"@type": "AggregateRating", "ratingValue": f["rating"], "bestRating": "10",
                                "ratingCount": f["votes"], "author": {"@type": "Organization", "name": "IMDb"}},
        }
        crumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Movies", "item": "/section/movies.html"}]}
        return (f'<script type="application/ld+json">{json.dumps(data)}</script>\n'
                f'<script type="application/ld+json">{json.dumps(crumbs)}</script>\n')
    if fam == "opengraph":
        tags = [("og:type", "video.movie"), ("og:title", f["title"]), ("og:url", url),
                ("og:description", f"{f['title']} is a film."), ("video:release_date", f"{f['year']}-05-01"),
                ("video:duration", str(f["runtime"] * 60))]
        tags += [("video:director", f["director"])] + [("video:writer", w) for w in f["writers"]]
        tags += [("video:actor", n) for n, _ in f["cast"]] + [("video:tag", g) for g in f["genres"]]
        return "".join(f'<meta property="{p}" content="{E(c)}">\n' for p, c in tags)
    return f'<meta property="og:type" content="website"><meta property="og:title" content="{E(f["title"])}">\n'


def microdata_wrap(f, body: str) -> str:
    if f["family"] != "microdata":
        return body
    cast = "".join(f'<span itemprop="actor" itemscope itemtype="https://schema.org/Person">'
                   f'<span itemprop="name">{E(n)}</span></span> ' for n, _ in f["cast"])
    genres = "".join(f'<span itemprop="genre">{g}</span> ' for g in f["genres"])
    return (
        f'<div itemscope itemtype="https://schema.org/Movie"><meta itemprop="name" content="{E(f["title"])}">'
        f'<meta itemprop="datePublished" content="{f["year"]}-05-01"><meta itemprop="duration" content="PT{f["runtime"]}M">'
        f'<meta itemprop="contentRating" content="{f["cert"]}">'
        f'<div itemprop="director" itemscope itemtype="https://schema.org/Person"><meta itemprop="name" content="{E(f["director"])}"></div>'
        f'<div class="credits">{cast}{genres}</div>'
        f'<div itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating">'
        f'<meta itemprop="ratingValue" content="{f["rating"]}"><meta itemprop="bestRating" content="10">'
        f'<meta itemprop="ratingCount" content="{f["votes"]}"><meta itemprop="name" content="IMDb"></div>'
        f'{body}</div>'
    )


def film_page(i: int, n_films: int, base_url: str) -> str:
    f = film_facts(i)
    t = E(f["title"])
    crumbs = (f'<nav class="breadcrumb"><a href="/">Home</a> / <a href="/section/movies.html">Movies</a> / '
              f'<a href="/genre/{slug(f["genres"][0])}.html">{f["genres"][0]}</a> / <span>{t}</span></nav>')
    body = microdata_wrap(f, main_block(f))
    page = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{t} ({f["year"]}) | ReelFinder</title>\n'
        f'<link rel="canonical" href="/film/{f["slug"]}.html">\n{head_extra(f, base_url)}{STYLE}{SCRIPT}</head>\n'
        f'<body class="film-page">{nav_html()}<div class="container">{crumbs}<div class="row">'
        f'<main class="col-main"><article>{body}</article>{offers_html(f)}{related_html(f, n_films)}'
        f'{comments_html(f)}</main>{sidebar_html(f)}</div></div>{footer_html()}{SCRIPT}</body></html>\n'
    )
    # 30-60 KB: pad with more comments (noise a parser must skip) up to a per-page target.
    target = f["rnd"].randint(30_000, 58_000)
    while len(page) < target:
        page = page.replace("</ul></section>\n", "".join(
            f'<li class="comment"><b>{f["rnd"].choice(FIRST)}</b> <p>{paragraph(f["rnd"], 4)}</p></li>'
            for _ in range(4)) + "</ul></section>\n", 1)
    return page


def listing_page(title: str, ids, extra_links: str = "") -> str:
    cards = "".join(
        f'<li class="card"><a href="/film/{s}.html">{E(t)}</a> <span class="year">{y}</span></li>'
        for t, s, y in (film_facts_light(j) for j in ids)
    )
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{E(title)} | ReelFinder</title>{STYLE}</head>'
            f'<body>{nav_html()}<div class="container"><h1>{E(title)}</h1><ul class="film-grid">{cards}</ul>'
            f'{extra_links}</div>{footer_html()}</body></html>\n')


def build_site(root: str, n: int) -> dict:
    """Write the pages of the site (no absolute URLs in them: they can be reused on any
    port); :func:`write_entry_points` adds robots.txt and the sitemap. Returns counts."""
    os.makedirs(os.path.join(root, "film"), exist_ok=True)
    for d in ("films", "genre", "service", "section"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    film_bytes = 0
    for i in range(n):
        page = film_page(i, n, "").encode()
        film_bytes += len(page)
        with open(os.path.join(root, "film", film_facts_light(i)[1] + ".html"), "wb") as fh:
            fh.write(page)
    n_list = (n + PER_LISTING - 1) // PER_LISTING
    others = 0
    for k in range(n_list):
        ids = range(k * PER_LISTING, min(n, (k + 1) * PER_LISTING))
        nxt = f'<a class="next" href="/films/page-{k + 2}.html">Next</a>' if k + 1 < n_list else ""
        with open(os.path.join(root, "films", f"page-{k + 1}.html"), "w") as fh:
            fh.write(listing_page(f"All films, page {k + 1}", ids, nxt))
        others += 1
    rnd = random.Random(n)
    for folder, names in (("genre", GENRES), ("service", SERVICES), ("section", SECTIONS)):
        for name in names:
            ids = sorted(rnd.sample(range(n), min(n, 40)))
            with open(os.path.join(root, folder, slug(name) + ".html"), "w") as fh:
                fh.write(listing_page(name.replace("-", " ").title(), ids))
            others += 1
    pages = "".join(f'<li><a href="/films/page-{k + 1}.html">Films page {k + 1}</a></li>' for k in range(n_list))
    with open(os.path.join(root, "index.html"), "w") as fh:
        fh.write(listing_page("ReelFinder: where to watch films", range(min(n, 20)), f"<ul>{pages}</ul>"))
    others += 1
    info = {"films": n, "other_pages": others, "film_bytes": film_bytes}
    with open(os.path.join(root, "SITE.json"), "w") as fh:
        json.dump(info, fh)
    return info


def write_entry_points(root: str, n: int, base_url: str) -> None:
    """robots.txt (naming the sitemap) and sitemap.xml, with this server's absolute URLs."""
    with open(os.path.join(root, "sitemap.xml"), "w") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
        fh.writelines(f"<url><loc>{base_url}/film/{film_facts_light(i)[1]}.html</loc></url>\n" for i in range(n))
        fh.write("</urlset>\n")
    with open(os.path.join(root, "robots.txt"), "w") as fh:
        fh.write(f"User-agent: *\nDisallow: /search\n\nSitemap: {base_url}/sitemap.xml\n")
