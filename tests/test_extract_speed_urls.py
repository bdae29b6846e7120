"""The offers reader's fast path for plain absolute links gives what the full
urljoin + safe_url_string path gives."""

import glob
import os
import random
import re
from urllib.parse import urljoin

from w3lib.url import safe_url_string

from filmcrawl.extract.offers import _PLAIN_ABSOLUTE_URL, _Reader

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASES = ("", "http://127.0.0.1/film/x.html", "https://example.com/a/b?q=1", "http://Example.COM:8080/")


def _slow(base, href):
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    try:
        return safe_url_string(urljoin(base, href)) if base else safe_url_string(href)
    except Exception:  # noqa: BLE001  (as the reader does)
        return href


def _fast(base, href):
    reader = _Reader.__new__(_Reader)
    reader.url = base
    return reader._make_absolute(href)


def _random_url(rng):
    alpha = "abcdefghijklmnopqrstuvwxyz0123456789-._~ABCXYZ%/:@?#;+[]\\ \t"
    label = lambda: "".join(rng.choice("abcxyz0189-") for _ in range(rng.randint(1, 6)))
    host = ".".join(label() for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.3:
        host = host.upper() if rng.random() < 0.5 else host + rng.choice([".", "..", ":80", ":", "-"])
    if rng.random() < 0.1:
        host = rng.choice(["xn--bcher-kva.example", "0x7f.1", "1.2.3", "127.0.0.1", "a.0x10", "a.b1"])
    path = "".join(rng.choice(alpha if rng.random() < 0.2 else "abz09-_.~/") for _ in range(rng.randint(0, 30)))
    scheme = rng.choice(["http", "https", "HTTP", "ftp", "https", "http"])
    return f"{scheme}://{host}/{path}" if rng.random() < 0.9 else f"{scheme}://{host}{path}"


def _plain_url(rng):
    """A URL the fast path takes, perhaps with one character changed."""
    word = lambda chars, n: "".join(rng.choice(chars) for _ in range(rng.randint(1, n)))
    host = ".".join([word("ab0-9", 5).strip("-") or "a" for _ in range(rng.randint(0, 3))] + [word("xyz", 4)])
    path = "".join("/" + word("aZ09_~-.", 8) for _ in range(rng.randint(1, 4)))
    url = f"{rng.choice(['http', 'https'])}://{host}{path}" + rng.choice(["", "/", "?", "#", "?a=b"])
    if rng.random() < 0.3:
        i = rng.randrange(len(url))
        url = url[:i] + rng.choice("A.-/%:@?#;[] \\\t0x") + url[i + 1:]
    return url


def test_fast_path_matches_full_path_random():
    rng = random.Random(1234)
    matched = 0
    for i in range(20000):
        href = _random_url(rng) if i % 2 else _plain_url(rng)
        if _PLAIN_ABSOLUTE_URL.fullmatch(href.strip()):
            matched += 1
        for base in BASES:
            assert _fast(base, href) == _slow(base, href), (base, href)
    assert matched > 2000  # the fast path was exercised


def test_fast_path_matches_full_path_on_corpus_links():
    hrefs = set()
    for path in glob.glob(os.path.join(ROOT, "tests", "**", "*.html"), recursive=True):
        with open(path, encoding="utf-8", errors="replace") as fh:
            hrefs.update(re.findall(r'(?:href|data-[a-z-]+)="([^"]*)"', fh.read()))
    for href in hrefs:
        if not href.strip() or href.strip().startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        for base in BASES:
            assert _fast(base, href) == _slow(base, href), (base, href)
