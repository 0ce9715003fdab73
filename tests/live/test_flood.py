"""
A flood of distinct junk URLs must not grow the page cache without bound.

Crawlers, tracking parameters (?utm_source=…, ?fbclid=…) and anyone with a loop can ask
for the same public page under endless distinct query strings, or for endless searches,
filters and page numbers. Each must still get an answer, but the cache may keep only the
canonical pages: otherwise Redis fills up and evicts the pages real visitors need.
"""

import http.client
import random
import string
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

# The gates first, so that a machine without one of the servers skips before starting the other.
pytestmark = [pytest.mark.live, pytest.mark.usefixtures("redis_binaries", "postgres_bindir")]

PAGES = ["/", "/shoes/", "/trends/", "/timeline/", "/collaborations/"]
JUNK_REQUESTS = 3_000
SEARCHES = FILTERS = PAGE_NUMBERS = 300
THREADS = 8
FLOOD_SECONDS = 20
"""The whole flood stops here, however many requests are left."""

MAX_KEYS = 120
"""Bounded by the catalog, not by the requests: two copies (plain, gzipped) of each canonical
page and its later pages, one stored card per published entry, one site header per section,
and a few bookkeeping keys."""


@pytest.fixture(scope="module")
def redis(start_redis):
    return start_redis()


@pytest.fixture(scope="module")
def site(redis, postgres, start_gunicorn):
    return start_gunicorn(DATABASE_URL=postgres.url, CACHE_URL=redis.url())


def junk_urls(rng):
    def word(low=3, high=10):
        return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(low, high)))

    urls = [
        f"{PAGES[n % len(PAGES)]}?{word()}={word()}&utm_source={word()}&n={n}"
        for n in range(JUNK_REQUESTS)
    ]
    urls += [f"/search/?q={word()}" for _ in range(SEARCHES)]
    urls += [f"/shoes/?kind={word()}{n}" for n in range(FILTERS)]
    urls += [f"/shoes/?page={rng.randint(1, 10**6)}" for _ in range(PAGE_NUMBERS)]
    assert len(set(urls)) > 0.99 * len(urls)
    rng.shuffle(urls)
    return urls


def test_a_flood_of_junk_urls_keeps_the_cache_small(site, redis, capsys):
    assert [site.get(page).status for page in PAGES] == [200] * len(PAGES)
    urls = junk_urls(random.Random(14))
    deadline = time.monotonic() + FLOOD_SECONDS

    def fetch(url):
        if time.monotonic() > deadline:
            return url, None
        try:
            return url, site.get(url).status
        except (OSError, http.client.HTTPException) as error:
            return url, repr(error)

    started = time.monotonic()
    with ThreadPoolExecutor(THREADS) as pool:
        answers = list(pool.map(fetch, urls))
    elapsed = time.monotonic() - started

    sent = [(url, status) for url, status in answers if status is not None]
    keys = redis.dbsize(db=1)
    with capsys.disabled():
        print(
            f"\nflood: {len(sent)} of {len(urls)} requests in {elapsed:.1f} s, "
            f"statuses {dict(Counter(status for _, status in sent))}, "
            f"Redis db 1 holds {keys} keys afterwards"
        )

    server_errors = [
        (url, status) for url, status in sent if isinstance(status, str) or status >= 500
    ]
    assert not server_errors, f"{len(server_errors)} server errors, e.g. {server_errors[:5]}"
    assert len(sent) >= len(urls) / 4, "too few requests answered in time to judge the cache"
    assert keys <= MAX_KEYS, f"{keys} keys in the page cache after {len(sent)} junk requests"
    assert [site.get(page).status for page in ["/", "/shoes/", "/trends/"]] == [200] * 3
