"""
`make edge`: nginx in front of the app, as deployed. Static files never reach Python, pages
come from a one-second microcache that editors and sessions bypass, a reload drops nothing,
and visitors still get pages when gunicorn is gone.

The last test stops gunicorn for good: keep it last.
"""

import os
import re
import shutil
import signal
import threading

import pytest

from .client import admin_login
from .conftest import unavailable
from .edge_stack import EdgeStack
from .servers import manage, wait_until

pytestmark = pytest.mark.live

EDITOR = ("noor", "an editor's long passphrase")


@pytest.fixture(scope="module")
def edge(site_env, tmp_path_factory):
    if not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")):
        unavailable("needs nginx (apt-get install nginx)")
    workdir = tmp_path_factory.mktemp("edge")
    env = site_env(DATABASE_URL=f"sqlite:///{workdir / 'edge.sqlite3'}")
    stack = EdgeStack(env, workdir)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()


def shell(edge, code):
    """Run Python in `manage.py shell` against the edge's database."""
    manage(edge.env | {"SITE_URL": f"http://127.0.0.1:{edge.edge_port}"}, "shell", "-c", code)


def test_static_files_come_from_nginx_compressed_and_cached_for_ever(edge):
    home = edge.get("/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home.text).group(1)
    response = edge.get(stylesheet, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert "X-Request-ID" not in response.headers  # every answer from Django carries one
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert "immutable" in response.headers["Cache-Control"]


def test_pages_are_answered_from_the_microcache(edge):
    edge.get("/about/")
    again = edge.get("/about/")
    assert again.status == 200
    assert again.headers["X-Edge-Cache"] == "HIT"


def test_a_session_bypasses_the_edge_and_sees_the_draft_preview(edge):
    shell(
        edge,
        "import uuid; from django.contrib.auth.models import User; from catalog.models import Shoe;"
        f"User.objects.create_user({EDITOR[0]!r}, password={EDITOR[1]!r}, is_staff=True);"
        "s = Shoe.objects.order_by('pk').first(); s.pk = None; s.public_id = uuid.uuid4();"
        "s.slug = 'edge-draft';"
        "s.style_code = ''; s.name = 'Edge draft'; s.status = 'draft'; s.save()",
    )
    assert edge.get("/shoes/edge-draft/").status == 404
    login = admin_login(edge, *EDITOR)
    assert login.status == 302, login.text
    cookies = " ".join(login.headers.get_all("Set-Cookie"))
    session = re.search(r"sessionid=([^;]+)", cookies).group(1)
    for _ in range(2):
        preview = edge.get("/shoes/edge-draft/", {"Cookie": f"sessionid={session}"})
        assert preview.status == 200
        assert preview.headers["X-Edge-Cache"] == "BYPASS"
        assert "Preview." in preview.text
    assert edge.get("/shoes/edge-draft/").status == 404  # nothing stored for visitors


def test_an_editors_save_shows_within_two_seconds(edge):
    assert "Saved at the edge" not in edge.get("/shoes/").text
    shell(
        edge,
        "from catalog.models import Shoe; s = Shoe.objects.published().order_by('-pk').first();"
        "s.name = 'Saved at the edge'; s.save()",
    )
    _, took = edge.get_until("/shoes/", lambda r: "Saved at the edge" in r.text, within=2)
    print(f"an editor's save reached visitors in {took:.2f} s")


def test_no_request_fails_while_gunicorn_reloads(edge):
    statuses, done = [], threading.Event()
    # A session cookie sends every request through to gunicorn.
    through = {"Cookie": "sessionid=not-a-session"}

    def visit():
        while not done.is_set():
            statuses.append(edge.get("/shoes/", through).status)

    visitors = [threading.Thread(target=visit) for _ in range(4)]
    for visitor in visitors:
        visitor.start()
    try:
        wait_until(lambda: len(statuses) > 20, "requests before the reload")
        os.kill(edge.gunicorn_pid, signal.SIGHUP)
        settled = len(statuses) + 200
        wait_until(lambda: len(statuses) > settled, "requests after the reload", timeout=30)
    finally:
        done.set()
        for visitor in visitors:
            visitor.join()
    assert set(statuses) == {200}, {status: statuses.count(status) for status in set(statuses)}


def test_cached_pages_outlive_gunicorn_and_the_rest_get_the_503_page(edge):
    for path in ("/", "/shoes/", "/timeline/"):
        assert edge.get(path).status == 200
    pid = edge.gunicorn_pid
    os.kill(pid, signal.SIGTERM)
    wait_until(lambda: not os.path.exists(f"/proc/{pid}"), "gunicorn to stop", timeout=40)
    # The one-second copies expire (nginx counts whole seconds, so within about two); from
    # then on each page is served stale, from nginx alone.
    for path in ("/", "/shoes/", "/timeline/"):
        response, _ = edge.get_until(path, lambda r: r.headers["X-Edge-Cache"] != "HIT", within=5)
        assert response.status == 200, path
        assert response.headers["X-Edge-Cache"] == "STALE"
    never_visited = edge.get("/collaborations/")
    assert never_visited.status == 503
    assert never_visited.headers["Retry-After"] == "30"
    assert "briefly unavailable" in never_visited.text
