"""
Outages of the services behind the site, as a visitor and an operator see them.

One gunicorn on a private PostgreSQL and a private Redis (capped like a production cache).
Each scenario stops a service, looks at the site, and starts the service again on the same
port; gunicorn keeps running throughout, as it would in production. What must hold:
Redis is a disposable cache (its loss costs speed, never pages); without the database,
pages already cached still answer and the rest say "come back shortly" (503 with
Retry-After), never a 500 with a traceback; and everything recovers by itself.
"""

import re

import pytest

from .client import open_login_form, submit_login
from .servers import wait_until

# The gates first, so that a machine without one of the servers skips before starting the other.
pytestmark = [pytest.mark.live, pytest.mark.usefixtures("redis_binaries", "postgres_bindir")]

RECOVERY_TIMEOUT = 20

# What visitors, crawlers and editors open; `DETAIL` stands for a shoe's own page.
DETAIL = "<detail>"
PAGES = [
    "/",
    "/shoes/",
    DETAIL,
    "/trends/",
    "/timeline/",
    "/robots.txt",
    "/sitemap.xml",
    "/feeds/trends/",
    "/admin/login/",
]
MISSING = "/no-such-page/"

# Pages the cache can keep (everything above but robots.txt and the admin).
CACHEABLE = ["/", "/shoes/", DETAIL, "/trends/", "/timeline/", "/sitemap.xml", "/feeds/trends/"]

# Real pages, missing pages and junk: none of them may ever answer a 500.
SWEEP = [
    *PAGES,
    MISSING,
    "/healthz",
    "/about/",
    "/collaborations/",
    "/shoes/?sort=name",
    "/shoes/?page=abc",
    "/shoes/?page=99999",
    "/shoes/?kind=%00junk",
    "/search/?q=x",
    "/shoes/no-such-slug/",
    "/trends/no-such-trend/",
    "/admin/",
    "/sitemap-shoes.xml",
]


@pytest.fixture(scope="module")
def redis(start_redis):
    return start_redis("--maxmemory", "20mb", "--maxmemory-policy", "allkeys-lru")


@pytest.fixture(scope="module")
def site(redis, postgres, start_gunicorn):
    return start_gunicorn(DATABASE_URL=postgres.url, CACHE_URL=redis.url())


@pytest.fixture(scope="module")
def shoe_pages(site):
    """Paths of the shoes' own pages, in the order /shoes/ lists them."""
    html = site.get("/shoes/").text
    paths = list(dict.fromkeys(re.findall(r'href="(/shoes/[a-z0-9-]+/)"', html)))
    assert len(paths) >= 2, "the seeded /shoes/ page should link to several shoes"
    return paths


@pytest.fixture(scope="module")
def urls(shoe_pages):
    """`urls(paths)`: `paths` with DETAIL replaced by the first shoe's page."""
    return lambda paths: [shoe_pages[0] if path == DETAIL else path for path in paths]


def restore(redis, postgres, site):
    """Start whatever is stopped and wait until the site says it is healthy again."""
    if not redis.running:
        redis.start()
    if not postgres.running:
        postgres.start()
    wait_until(
        lambda: site.get("/healthz").status == 200,
        "/healthz answering 200 after the services came back",
        timeout=RECOVERY_TIMEOUT,
    )


@pytest.fixture
def services_restored(redis, postgres, site):
    """Whatever a test stops is running again afterwards, even if the test failed."""
    yield
    restore(redis, postgres, site)


def statuses(site, paths):
    return {path: site.get(path).status for path in paths}


def assert_no_server_errors_but_503(site, paths):
    answers = statuses(site, paths)
    errors = {path: status for path, status in answers.items() if status >= 500 and status != 503}
    assert not errors, f"server errors: {errors}\n{site.log_tail()}"
    return answers


def title(response):
    """What identifies a page's content: its <title>, or the whole body when it has none."""
    found = re.search(r"<title[^>]*>(.*?)</title>", response.text, re.DOTALL)
    return found.group(1).strip() if found else response.text


def test_every_page_answers_while_all_services_are_up(site, urls):
    health = site.get("/healthz")
    assert health.status == 200
    assert health.content_type.startswith("application/json")
    assert health.json()["status"] == "ok"
    assert statuses(site, urls(PAGES)) == dict.fromkeys(urls(PAGES), 200)
    assert site.get(MISSING).status == 404


@pytest.fixture(scope="class")
def redis_down(redis, postgres, site):
    redis.shutdown()
    yield
    restore(redis, postgres, site)


@pytest.fixture(scope="class")
def before_the_outage(site, urls):
    """The cacheable pages as visitors saw them while all was well, by path."""
    return {path: site.get(path) for path in urls(CACHEABLE)}


@pytest.fixture(scope="class")
def login_form(site):
    """The admin's login form, opened by an editor while all was well."""
    return open_login_form(site)


@pytest.fixture(scope="class")
def database_down(before_the_outage, login_form, redis, postgres, site):
    assert all(response.status == 200 for response in before_the_outage.values())
    postgres.stop()
    yield
    restore(redis, postgres, site)


@pytest.mark.usefixtures("redis_down")
class TestWhileRedisIsDown:
    def test_pages_render_uncached(self, site, urls):
        answers = assert_no_server_errors_but_503(site, urls(PAGES))
        assert answers == dict.fromkeys(urls(PAGES), 200)

    def test_a_missing_page_is_still_404(self, site):
        assert site.get(MISSING).status == 404

    def test_healthz_names_the_cache(self, site):
        health = site.get("/healthz")
        assert health.status == 503
        assert health.content_type.startswith("application/json")
        report = health.json()
        assert "cache" in report["failing"]
        assert report["checks"]["cache"] is False
        assert report["checks"]["database"] is True

    def test_no_url_answers_a_server_error(self, site, urls):
        assert_no_server_errors_but_503(site, urls(SWEEP))


def test_health_recovers_when_redis_comes_back_without_restarting_gunicorn(
    site, redis, services_restored
):
    pid = site.pid
    redis.shutdown()
    assert site.get("/healthz").status != 200
    redis.start()
    wait_until(
        lambda: site.get("/healthz").status == 200,
        "/healthz answering 200 once Redis is back",
        timeout=RECOVERY_TIMEOUT,
    )
    assert site.running
    assert site.pid == pid


@pytest.mark.usefixtures("database_down")
class TestWhileTheDatabaseIsDown:
    def test_pages_visited_before_the_outage_still_answer(self, site, before_the_outage):
        for path, before in before_the_outage.items():
            during = site.get(path)
            assert during.status == 200, f"{path}: {during.status}\n{site.log_tail()}"
            assert title(during) == title(before), path

    @pytest.mark.parametrize("unvisited", ["/shoes/?sort=oldest", "second shoe"])
    def test_pages_never_visited_say_come_back_shortly(self, site, shoe_pages, unvisited):
        path = shoe_pages[1] if unvisited == "second shoe" else unvisited
        response = site.get(path)
        assert response.status == 503, f"{path}: {response.status}\n{site.log_tail()}"
        assert response.headers.get("Retry-After"), "a 503 should say when to come back"
        assert response.content_type.startswith("text/html")
        assert "Traceback" not in response.text
        assert "Exception" not in response.text
        assert "unavailable" in response.text.lower()

    def test_the_admin_login_form_still_shows(self, site):
        # It needs no database until the editor submits it (next test).
        response = site.get("/admin/login/")
        assert response.status == 200, f"/admin/login/ answered {response.status}"

    def test_logging_in_answers_503(self, site, login_form):
        response = submit_login(site, login_form, "hana", "any password")
        assert response.status == 503, f"{response.status}\n{site.log_tail()}"
        assert "Traceback" not in response.text

    def test_a_post_to_a_public_page_is_still_refused_with_a_405(self, site):
        response = site.post("/shoes/", {"anything": "x"})
        assert response.status == 405, f"{response.status}\n{site.log_tail()}"
        assert response.headers["Allow"] == "GET, HEAD, OPTIONS"

    def test_robots_txt_still_answers(self, site):
        response = site.get("/robots.txt")
        assert response.status == 200
        assert "Sitemap:" in response.text

    def test_healthz_names_the_database(self, site):
        health = site.get("/healthz")
        assert health.status == 503
        assert health.content_type.startswith("application/json")
        assert "database" in health.json()["failing"]
        assert health.json()["checks"]["database"] is False

    def test_no_url_answers_a_server_error(self, site, urls):
        assert_no_server_errors_but_503(site, urls(SWEEP))


def test_no_url_answers_a_server_error_while_both_services_are_down(
    site, urls, redis, postgres, services_restored
):
    redis.shutdown()
    postgres.stop()
    assert_no_server_errors_but_503(site, urls(SWEEP))


def test_everything_answers_again_after_both_services_come_back(
    site, urls, redis, postgres, services_restored
):
    pid = site.pid
    redis.shutdown()
    postgres.stop()
    redis.start()
    postgres.start()
    wait_until(
        lambda: site.get("/healthz").status == 200,
        "/healthz answering 200 once both services are back",
        timeout=RECOVERY_TIMEOUT,
    )
    assert statuses(site, urls(PAGES)) == dict.fromkeys(urls(PAGES), 200)
    assert site.get(MISSING).status == 404
    assert site.running
    assert site.pid == pid
