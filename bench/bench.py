"""filmcrawl benchmark: one synthetic site per size, five measurements on it.

    python bench/bench.py --sizes 1000,5000,20000 [--repeat 2] [--profile-size 5000]

For each N it builds (or reuses, in --workdir) a site of N film pages of 30-60 KB plus
listing pages, robots.txt and a sitemap, serves it with Twisted's static server in its
own process on 127.0.0.1, and measures:

  a  bare     a Scrapy spider that follows the same links and extracts nothing
  b  full     the watchpages crawl into a fresh SQLite file
  c  incr     watchpages again on the unchanged site (conditional requests -> 304)
  d  extract  extraction alone, offline, on saved film pages (one process = one core)
  e  store    store.save_page alone, films/s into SQLite in batches

Crawl rates are pages (responses) per second of wall time of the crawl process,
start-up included; "crawl" rates use Scrapy's own elapsed time instead. Peak RSS is the
crawl process's own VmHWM (sampled every 0.2 s; ru_maxrss would include the bench
process it was forked from); "b+workers" samples the total RSS of the crawl and its
reading workers every 0.2 s. Extraction (d) is timed over the sample pages after one
untimed pass (caches warm, as in a long crawl); the best of max(3, --repeat) passes. The server's CPU share during each crawl shows it is not
the bottleneck. A cProfile of one run of b (at --profile-size) shows where time goes.
With --repeat R each crawl runs R times and the best rate (and lowest RSS) is kept.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import datetime
import io
import json
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from bench.site import build_site, film_facts_light, write_entry_points  # noqa: E402
from filmcrawl.commands.crawl import crawl_command, crawl_env  # noqa: E402
from filmcrawl.reader import default_processes  # noqa: E402

CRAWL_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "INFO",
    "STATS_DUMP": "True",
}
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
STAT_RE = re.compile(r"'([\w/]+)': ([0-9.]+)")


# -- site and server -------------------------------------------------------------------


def ensure_site(workdir: str, n: int, log) -> tuple[str, dict]:
    root = os.path.join(workdir, f"site-{n}")
    info_path = os.path.join(root, "SITE.json")
    if os.path.exists(info_path):
        with open(info_path) as fh:
            return root, json.load(fh)
    shutil.rmtree(root, ignore_errors=True)
    t = time.perf_counter()
    info = build_site(root, n)
    log(f"  built site of {n} films in {time.perf_counter() - t:.1f}s")
    return root, info


class Server:
    def __init__(self, root: str):
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(BENCH, "serve.py"), root],
            stdout=subprocess.PIPE, text=True,
        )
        self.port = int(self.proc.stdout.readline())
        self.base_url = f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self) -> float:
        return _cpu_seconds(self.proc.pid)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


# -- crawls ------------------------------------------------------------------------------


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants (the crawl and its workers)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat") as fh:
                total += int(fh.read().rsplit(")", 1)[1].split()[21]) * PAGE_KIB
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:  # gone meanwhile
            continue
    return total


def _hwm_kib(pid: int) -> int:
    """The process's own peak RSS (VmHWM): unlike ru_maxrss it does not include the
    memory of the bench process it was forked from."""
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of one process (not its children)."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


class TreeRss(threading.Thread):
    """Samples the process tree's total RSS every 0.2 s (``peak``, KiB) and the crawl
    process's own CPU time (``main_cpu``, s: the rest of the tree's CPU is the workers')."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.hwm, self.main_cpu, self.done = pid, 0, 0, 0.0, threading.Event()

    def run(self):
        while not self.done.wait(0.2):
            self.peak = max(self.peak, _tree_rss_kib(self.pid))
            try:
                self.main_cpu = _cpu_seconds(self.pid)
                self.hwm = max(self.hwm, _hwm_kib(self.pid))
            except (OSError, ValueError, IndexError):
                pass


def run_child(argv, env, server: Server, timeout: float = 3600) -> dict:
    """Run a crawl process; wall time, peak RSS, its stats, the server's CPU share."""
    cpu0 = server.cpu_seconds()
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT)
    sampler = TreeRss(proc.pid)
    sampler.start()
    # read stderr while waiting (a full pipe would block the child)
    err = proc.stderr.read()
    sampler.done.set()
    sampler.join()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    server_cpu = server.cpu_seconds() - cpu0
    if proc.returncode != 0:
        raise RuntimeError(f"crawl exited {proc.returncode}:\n{err[-3000:]}")
    stats = parse_stats(err)
    pages = int(stats.get("response_received_count", 0))
    return {
        "wall_s": wall,
        "pages": pages,
        "pages_per_s": pages / wall if wall else 0.0,
        "crawl_pages_per_s": pages / stats["elapsed_time_seconds"] if stats.get("elapsed_time_seconds") else 0.0,
        "rss_mib": (sampler.hwm or usage.ru_maxrss) / 1024,  # the crawl process's own peak
        "tree_rss_mib": max(sampler.peak, sampler.hwm) / 1024,  # crawl + workers, sampled
        "cpu_s": usage.ru_utime + usage.ru_stime,  # the crawl process and its workers
        "main_cpu_s": sampler.main_cpu,  # the crawl process alone (sampled to its last 0.2 s)
        "server_cpu_pct": 100 * server_cpu / wall if wall else 0.0,
        "server_cpu_s": server_cpu,
        "status_304": int(stats.get("downloader/response_status_count/304", 0)),
        "items": int(stats.get("item_scraped_count", 0)),
        "films_stored": int(stats.get("filmcrawl/films_stored", 0)),
        "errors": int(stats.get("log_count/ERROR", 0)),
    }


def parse_stats(stderr: str) -> dict:
    i = stderr.rfind("Dumping Scrapy stats")
    return {k: float(v) for k, v in STAT_RE.findall(stderr[i:])} if i >= 0 else {}


def bare_argv(base_url: str) -> list[str]:
    argv = [sys.executable, "-m", "scrapy", "runspider", os.path.join(BENCH, "bare_spider.py"),
            "-a", f"start_url={base_url}/"]
    for k, v in CRAWL_SETTINGS.items():
        argv += ["-s", f"{k}={v}"]
    return argv


def full_argv(base_url: str, db: str, profile: str | None = None) -> list[str]:
    argv = crawl_command([base_url + "/"], db, settings=CRAWL_SETTINGS, log_level=CRAWL_SETTINGS["LOG_LEVEL"])
    if profile:
        argv = [argv[0], "-m", "cProfile", "-o", profile] + argv[1:]
    return argv


def fresh_db(path: str) -> str:
    for suffix in ("", "-wal", "-shm", ".lock"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return path


def best(runs: list[dict]) -> dict:
    out = dict(max(runs, key=lambda r: r["pages_per_s"]))
    out["rss_mib"] = min(r["rss_mib"] for r in runs)
    out["tree_rss_mib"] = min(r["tree_rss_mib"] for r in runs)
    out["runs_pages_per_s"] = [round(r["pages_per_s"], 1) for r in runs]
    return out


# -- offline: extraction and storage --------------------------------------------------------


def sample_pages(site: str, n: int, limit: int) -> list[tuple[str, bytes]]:
    step = max(1, n // limit)
    out = []
    for i in range(0, n, step)[:limit]:
        slug = film_facts_light(i)[1]
        with open(os.path.join(site, "film", slug + ".html"), "rb") as fh:
            out.append((f"http://127.0.0.1/film/{slug}.html", fh.read()))
    return out


def measure_extract(pages, repeat: int) -> tuple[dict, list]:
    from scrapy.http import HtmlResponse

    from filmcrawl.extract import extract

    def once():
        films = []
        t = time.perf_counter()
        for url, body in pages:
            response = HtmlResponse(url, body=body, encoding="utf-8")
            films.append(extract(response.selector, url).film)
        return time.perf_counter() - t, films

    once()  # warm-up: the per-process caches a long crawl has filled
    times, films = [], []
    for _ in range(max(3, repeat)):
        dt, films = once()
        times.append(dt)
    dt = min(times)
    t = time.perf_counter()
    for url, body in pages:
        HtmlResponse(url, body=body, encoding="utf-8").selector  # noqa: B018 - parse only
    parse_dt = time.perf_counter() - t
    kb = sum(len(b) for _, b in pages) / len(pages) / 1024
    return {
        "pages": len(pages),
        "pages_per_s": len(pages) / dt,
        "ms_per_page": 1000 * dt / len(pages),
        "parse_ms_per_page": 1000 * parse_dt / len(pages),
        "mean_kb": kb,
        "films": sum(f is not None for f in films),
    }, films


def measure_store(films, n: int, workdir: str, batch: int = 200) -> dict:
    from filmcrawl import store
    from filmcrawl.items import PageItem
    from filmcrawl.pipelines import normalize_film

    templates = []
    for film in films:
        if film is not None:
            film = copy.deepcopy(film)
            normalize_film(film)
            templates.append(film)
    items = []
    for k in range(n):
        film = copy.copy(templates[k % len(templates)])
        film.url = f"http://127.0.0.1/store/{k}.html"
        film.title = f"{film.title} {k}"
        items.append(PageItem(url=film.url, kind="film", http_status=200, content_hash=str(k),
                              fetched_at="2026-01-01T00:00:00+00:00", film=film))
    path = fresh_db(os.path.join(workdir, "store-bench.db"))
    db = store.open_db(path)
    run_id = store.start_run(db, "bench")
    t = time.perf_counter()
    for i in range(0, len(items), batch):
        with db.atomic():
            for page in items[i: i + batch]:
                store.save_page(db, page, run_id)
    dt = time.perf_counter() - t
    db.close()
    return {"films": n, "films_per_s": n / dt, "ms_per_film": 1000 * dt / n}


# -- profile ---------------------------------------------------------------------------------


# Where the time of a watchpages run goes: (label, file suffix, function name).
# The crawl process (profiled during b) fetches, hands pages to the reading workers,
# filters links and stores; the workers' own work is profiled offline (read_response
# on the sample pages, as a worker runs it).
BREAKDOWN = [
    ("spider.parse (per-page work in the crawl process)", "watchpages.py", "parse"),
    ("  page_item (status, hash, unchanged?)", "watchpages.py", "page_item"),
    ("  PageReader.read (hand-off to a worker)", "reader.py", "read"),
    ("  LinkFilter.admit (new links only)", "links.py", "admit"),
    ("  page_request (Request objects)", "watchpages.py", "page_request"),
    ("NormalizePipeline (normalize_film)", "pipelines.py", "normalize_film"),
    ("StorePipeline.flush (SQLite)", "pipelines.py", "flush"),
]
READ_BREAKDOWN = [
    ("read_response (one page, in a worker)", "reader.py", "read_response"),
    ("  response.selector (lxml parse)", "text.py", "selector"),
    ("  extract() (dispatcher + families)", "extract/__init__.py", "extract"),
    ("    _both_contents() (cleaned copies)", "base.py", "_both_contents"),
    ("    jsonld: JsonLdPage.applies", "jsonld.py", "applies"),
    ("    labelled: LabelledPage.applies", "labelled.py", "applies"),
    ("    offers: html_offers", "offers.py", "html_offers"),
    ("    prose: ProsePage.kind", "prose.py", "kind"),
    ("    prose: ProsePage.applies", "prose.py", "applies"),
    ("    classify", "extract/__init__.py", "classify"),
    ("  normalize_film", "pipelines.py", "normalize_film"),
    ("  page_links (canonical links)", "reader.py", "page_links"),
]
FILMCRAWL_FILES = (r"(watchpages|reader|extract|links|pipelines|store|normalize|labelled|prose|offers|jsonld|"
                   r"microdata|opengraph|base)\.py")


def profile_report(path: str, top: int = 15, breakdown=BREAKDOWN) -> str:
    out = io.StringIO()
    stats = pstats.Stats(path, stream=out)
    raw = stats.stats  # (file, line, func) -> (cc, nc, tt, ct, callers)
    total = max(ct for (_, _, _, ct, _) in raw.values())
    out.write(f"profiled: {total:.1f}s (cProfile slows Python code ~1.5-2x; shares are what count)\n\n")
    out.write("where the time goes (cumulative, share of the total):\n")
    for label, suffix, func in breakdown:
        ct = sum(v[3] for (f, _, fn), v in raw.items() if fn == func and f.endswith(suffix))
        calls = sum(v[1] for (f, _, fn), v in raw.items() if fn == func and f.endswith(suffix))
        out.write(f"  {label:<50} {ct:7.2f}s {100 * ct / total:5.1f}%  ({calls} calls)\n")
    stats.strip_dirs()
    out.write(f"\ntop {top} filmcrawl functions by cumulative time:\n")
    stats.sort_stats("cumulative").print_stats(FILMCRAWL_FILES, top)
    out.write(f"top {top} functions by own time (tottime):\n")
    stats.sort_stats("tottime").print_stats(top)
    text = out.getvalue()
    text = re.sub(r"^.*\.prof\n|^ +\d+ function calls.*\n|^ +Ordered by.*\n|^ +List reduced.*\n", "", text, flags=re.M)
    return re.sub(r"\n{3,}", "\n\n", text)


def profile_reading(pages, path: str, top: int) -> str:
    """cProfile of what a reading worker does, on the sample pages."""
    from scrapy.http import HtmlResponse

    from filmcrawl.reader import read_response

    hosts = frozenset({"127.0.0.1"})
    responses = [HtmlResponse(url, body=body, headers={"Content-Type": "text/html"}) for url, body in pages]
    profiler = cProfile.Profile()
    profiler.enable()
    for response in responses:
        read_response(response, response.url, True, hosts)
    profiler.disable()
    profiler.dump_stats(path)
    return profile_report(path, top, READ_BREAKDOWN)


# -- report -------------------------------------------------------------------------------------


COLUMNS = [
    ("N", lambda r: f"{r['n']:,}"),
    ("site MB", lambda r: f"{r['site_mb']:.0f}"),
    ("a bare p/s", lambda r: f"{r['a']['pages_per_s']:.0f}"),
    ("b full p/s", lambda r: f"{r['b']['pages_per_s']:.0f}"),
    ("b/a", lambda r: f"{r['b']['pages_per_s'] / r['a']['pages_per_s']:.2f}"),
    ("c incr p/s", lambda r: f"{r['c']['pages_per_s']:.0f}"),
    ("c/b", lambda r: f"{r['c']['pages_per_s'] / r['b']['pages_per_s']:.1f}"),
    ("d extract p/s/core", lambda r: f"{r['d']['pages_per_s']:.0f}"),
    ("e store films/s", lambda r: f"{r['e']['films_per_s']:.0f}"),
    ("RSS a MiB", lambda r: f"{r['a']['rss_mib']:.0f}"),
    ("RSS b MiB", lambda r: f"{r['b']['rss_mib']:.0f}"),
    ("RSS c MiB", lambda r: f"{r['c']['rss_mib']:.0f}"),
    ("RSS b+workers MiB", lambda r: f"{r['b']['tree_rss_mib']:.0f}"),
    ("time a/b/c s", lambda r: f"{r['a']['wall_s']:.0f}/{r['b']['wall_s']:.0f}/{r['c']['wall_s']:.0f}"),
    ("server CPU% (b)", lambda r: f"{r['b']['server_cpu_pct']:.0f}"),
]


def table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(name for name, _ in COLUMNS) + " |",
             "|" + "|".join("---:" for _ in COLUMNS) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(fmt(r) for _, fmt in COLUMNS) + " |")
    return "\n".join(lines)


def _ms(seconds: float, run: dict) -> str:
    return f"{1000 * seconds / run['pages']:.2f} ms" if run["pages"] else "-"


def cpu_bound(a: dict, b: dict, cores: int) -> str:
    """What bounds b when the machine's cores are busy: the CPU b spends per page in all
    its processes (crawl, reading workers, the server), against what the cores give, and
    how many cores b/a = 0.8 would take at that cost (the crawl process runs on one core,
    so it must stay under its own share as well)."""
    if not b["pages"] or not a["pages_per_s"]:
        return "             CPU bound: -"
    per_page = 1000 * (b["cpu_s"] + b.get("server_cpu_s", 0.0)) / b["pages"]
    main = 1000 * b["main_cpu_s"] / b["pages"]
    crawl_cap = 1000 / main if main else float("inf")
    target = 0.8 * a["pages_per_s"]
    need = (f"{target * per_page / 1000:.1f} cores" if crawl_cap >= target
            else "a faster crawl process: more cores cannot do it, the crawl process alone is slower")
    return (f"             CPU bound: b spends {per_page:.2f} ms CPU per page (crawl process, workers, server);"
            f" {cores} cores give at most {cores * 1000 / per_page:.0f} p/s, the crawl process alone"
            f" {crawl_cap:.0f} p/s ({crawl_cap / a['pages_per_s']:.2f} of a); b/a 0.8 at this cost needs {need}")


def detail(r: dict) -> str:
    a, b, c, d, e = (r[k] for k in "abcde")
    return "\n".join([
        f"N={r['n']:,}: {r['pages']:,} pages ({r['n']:,} films), mean film page {d['mean_kb']:.1f} KB",
        f"  a bare     {a['pages']:>6} pages {a['wall_s']:7.1f}s {a['pages_per_s']:7.1f} p/s"
        f" (crawl only {a['crawl_pages_per_s']:.1f}) runs {a['runs_pages_per_s']}  RSS {a['rss_mib']:.0f} MiB"
        f"  CPU {a['cpu_s']:.1f}s  server CPU {a['server_cpu_pct']:.0f}%",
        f"  b full     {b['pages']:>6} pages {b['wall_s']:7.1f}s {b['pages_per_s']:7.1f} p/s"
        f" (crawl only {b['crawl_pages_per_s']:.1f}) runs {b['runs_pages_per_s']}  RSS {b['rss_mib']:.0f} MiB"
        f" (with workers {b['tree_rss_mib']:.0f})"
        f"  CPU {b['cpu_s']:.1f}s  server CPU {b['server_cpu_pct']:.0f}%  films stored {b['films_stored']}",
        f"             CPU per page: bare spider {_ms(a['cpu_s'], a)}; full crawl process {_ms(b['main_cpu_s'], b)}"
        f" + reading workers {_ms(b['cpu_s'] - b['main_cpu_s'], b)}",
        cpu_bound(a, b, default_processes()),
        f"  c incr     {c['pages']:>6} pages {c['wall_s']:7.1f}s {c['pages_per_s']:7.1f} p/s"
        f" (crawl only {c['crawl_pages_per_s']:.1f}) runs {c['runs_pages_per_s']}  RSS {c['rss_mib']:.0f} MiB"
        f"  304s {c['status_304']}  server CPU {c['server_cpu_pct']:.0f}%",
        f"  d extract  {d['pages']:>6} pages {d['ms_per_page']:.2f} ms/page = {d['pages_per_s']:.0f} p/s/core"
        f" (of which lxml parse {d['parse_ms_per_page']:.2f} ms)",
        f"  e store    {e['films']:>6} films {e['ms_per_film']:.2f} ms/film = {e['films_per_s']:.0f} films/s",
    ])


def machine() -> str:
    model = "?"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    import scrapy
    return (f"{datetime.date.today().isoformat()}, nproc {os.cpu_count()}, {model}, "
            f"Python {platform.python_version()}, Scrapy {scrapy.__version__}")


# -- main ------------------------------------------------------------------------------------


def bench_size(n: int, args, log) -> dict:
    site, info = ensure_site(args.workdir, n, log)
    server = Server(site)
    try:
        write_entry_points(site, n, server.base_url)
        env = crawl_env()
        db = os.path.join(args.workdir, f"films-{n}.db")
        runs = {"a": [], "b": [], "c": []}
        for rep in range(args.repeat):
            log(f"  N={n} run {rep + 1}/{args.repeat}: a bare")
            runs["a"].append(run_child(bare_argv(server.base_url), env, server))
            log(f"  N={n} run {rep + 1}/{args.repeat}: b full ({runs['a'][-1]['pages_per_s']:.0f} p/s bare)")
            runs["b"].append(run_child(full_argv(server.base_url, fresh_db(db)), env, server))
            log(f"  N={n} run {rep + 1}/{args.repeat}: c incremental ({runs['b'][-1]['pages_per_s']:.0f} p/s full)")
            runs["c"].append(run_child(full_argv(server.base_url, db), env, server))
        profile = None
        if n == args.profile_size:
            log(f"  N={n}: b under cProfile")
            prof = os.path.join(args.workdir, f"profile-{n}.prof")
            run_child(full_argv(server.base_url, fresh_db(db + ".prof"), profile=prof), env, server)
            profile = profile_report(prof, args.top)
    finally:
        server.stop()
    log(f"  N={n}: d extraction offline, e storage")
    pages = sample_pages(site, n, args.extract_pages)
    d, films = measure_extract(pages, args.repeat)
    if profile is not None:
        profile = {"crawl": profile,
                   "read": profile_reading(pages, os.path.join(args.workdir, f"profile-read-{n}.prof"), args.top)}
    e = measure_store(films, min(n, args.store_films), args.workdir)
    result = {
        "n": n,
        "pages": runs["b"][0]["pages"],
        "site_mb": (info["film_bytes"] / 2**20),
        "a": best(runs["a"]), "b": best(runs["b"]), "c": best(runs["c"]), "d": d, "e": e,
        "profile": profile,
    }
    return result


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1000,5000", help="film counts, comma separated (default 1000,5000)")
    p.add_argument("--repeat", type=int, default=1, help="runs of each crawl; the best is kept")
    p.add_argument("--workdir", default=os.path.join(ROOT, "output", "bench"), help="sites and databases")
    p.add_argument("--profile-size", type=int, default=None,
                   help="N at which b also runs under cProfile (default: the first size; 0: none)")
    p.add_argument("--top", type=int, default=15, help="functions in each profile listing")
    p.add_argument("--extract-pages", type=int, default=500, help="pages in the offline extraction sample")
    p.add_argument("--store-films", type=int, default=5000, help="at most this many films in the store test")
    p.add_argument("--json", help="also write the results here")
    args = p.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.profile_size is None:
        args.profile_size = sizes[0]
    os.makedirs(args.workdir, exist_ok=True)

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    log(f"filmcrawl bench: sizes {sizes}, repeat {args.repeat}, workdir {args.workdir}")
    rows = [bench_size(n, args, log) for n in sizes]
    print(f"## filmcrawl benchmark\n\n{machine()}\n")
    print(table(rows))
    print()
    for r in rows:
        print(detail(r))
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        grow = last["n"] / first["n"]
        print(f"\ngrowth N {first['n']:,} -> {last['n']:,} (x{grow:.0f}): "
              f"b time x{last['b']['wall_s'] / first['b']['wall_s']:.1f}, "
              f"b RSS x{last['b']['rss_mib'] / first['b']['rss_mib']:.2f} "
              f"(with workers x{last['b']['tree_rss_mib'] / first['b']['tree_rss_mib']:.2f}), "
              f"a RSS x{last['a']['rss_mib'] / first['a']['rss_mib']:.2f}, "
              f"c RSS x{last['c']['rss_mib'] / first['c']['rss_mib']:.2f}")
    for r in rows:
        if r["profile"]:
            print(f"\n### cProfile of b (watchpages), the crawl process, at N={r['n']:,}\n\n"
                  f"```\n{r['profile']['crawl'].strip()}\n```")
            print(f"\n### cProfile of reading (what the workers do), on the offline sample pages"
                  f"\n\n```\n{r['profile']['read'].strip()}\n```")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"machine": machine(), "rows": rows}, fh, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
