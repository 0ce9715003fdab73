"""
Crawl the site with the seed content loaded: every internal link answers 200, none leaves,
and every page of the sitemap can be reached by following links from the home page.

Breadth-first from `/`, following `<a href>`, `<link href>` (canonical, alternate,
stylesheet, icon), `<img src>` and `srcset`. Static files are served by whitenoise only
from a collected STATIC_ROOT, which the tests do not build, so a static URL passes when
the staticfiles finders locate its file.
"""

import datetime
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Collaboration, Partner, Shoe, Status, TrendNote

pytestmark = pytest.mark.django_db

MAX_URLS = 500
SITE_HOSTS = {"", "testserver"}
# Off-site addresses a page may link to on purpose. There are none today.
# The licence the archive offers its text and data under, linked from /api/ and /data/.
ALLOWED_EXTERNAL = {"https://creativecommons.org/licenses/by/4.0/"}
# Seed entries hidden by the draft test: each is linked from other pages when published.
DRAFTS = [
    (Partner, "jjjjound"),
    (Collaboration, "kith-vintage-tech-2023"),
    (Shoe, "jjjjound-gel-kayano-14-2022-black-detailing"),
    (TrendNote, "a-runner-first"),
]
SCHEDULED = [(Shoe, "kith-gel-kayano-14-cream-antler"), (Collaboration, "jjjjound-2025")]
FOLLOWED_RELS = {"canonical", "alternate", "stylesheet", "icon", "prev", "next"}


class LinkParser(HTMLParser):
    """Collects the addresses a browser would follow or fetch from one page."""

    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "link" and attrs.get("href"):
            if FOLLOWED_RELS & set((attrs.get("rel") or "").lower().split()):
                self.links.append(attrs["href"])
        elif tag in ("img", "source"):
            if attrs.get("src"):
                self.links.append(attrs["src"])
            for candidate in (attrs.get("srcset") or "").split(","):
                if candidate.strip():
                    self.links.append(candidate.split()[0])


def links_of(html):
    parser = LinkParser()
    parser.feed(html)
    parser.close()
    return parser.links


def crawl(client):
    """Visit every internal URL reachable from `/`; return statuses, off-site links, referrers."""
    static_prefix = "/" + settings.STATIC_URL.lstrip("/")
    queue, seen = deque(["/"]), {"/": "(start)"}
    statuses, external = {}, set()
    while queue and len(statuses) < MAX_URLS:
        url = queue.popleft()
        if url.startswith(static_prefix):
            found = finders.find(urlsplit(url).path.removeprefix(static_prefix))
            statuses[url] = 200 if found else 404
            continue
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in links_of(response.content.decode()):
            absolute, _fragment = urldefrag(urljoin(url, link))
            parts = urlsplit(absolute)
            if parts.scheme not in ("", "http", "https") or parts.netloc not in SITE_HOSTS:
                if absolute not in ALLOWED_EXTERNAL:
                    external.add((absolute, url))
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                seen[target] = url
                queue.append(target)
    return statuses, external, seen


def test_every_internal_link_answers_200_and_none_leaves_the_site(client):
    call_command("load_seed", verbosity=0)

    statuses, external, referrers = crawl(client)

    pages = len(statuses)
    broken = {url: (status, referrers[url]) for url, status in statuses.items() if status != 200}
    assert not broken, f"{len(broken)} of {pages} crawled URLs are broken: {broken}"
    assert not external, f"off-site links (address, found on) among {pages} URLs: {external}"
    assert pages < MAX_URLS, f"the crawl stopped at the cap of {MAX_URLS} URLs"


def test_drafts_and_scheduled_entries_leave_no_broken_link_behind(client):
    call_command("load_seed", verbosity=0)
    later = timezone.now() + datetime.timedelta(days=30)
    hidden = set()
    for model, slug in DRAFTS + SCHEDULED:
        entry = model.objects.get(slug=slug)
        if (model, slug) in DRAFTS:
            entry.status = Status.DRAFT
        else:
            entry.publish_at = later
        entry.save()
        hidden.add(entry.get_absolute_url())

    statuses, _external, referrers = crawl(client)

    broken = {url: (status, referrers[url]) for url, status in statuses.items() if status != 200}
    assert not broken, f"{len(broken)} of {len(statuses)} crawled URLs are broken: {broken}"
    assert not hidden & set(statuses), "a hidden entry is still linked"
    assert len(statuses) > 20


def test_every_page_in_the_sitemap_is_reachable_by_links(client):
    call_command("load_seed", verbosity=0)

    statuses, _external, _referrers = crawl(client)

    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>([^<]+)</loc>", index)
    sitemap = "".join(client.get(urlsplit(loc).path).content.decode() for loc in sections)
    listed = {urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    assert len(listed) > 20
    orphans = listed - set(statuses)
    assert not orphans, f"sitemap pages no link leads to ({len(statuses)} crawled): {orphans}"
