"""Every response carries a request id, and every log line of that request shows it."""

import io
import logging
import re

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from kayano_site.request_id import RequestIdFilter

pytestmark = pytest.mark.django_db

MIDDLEWARE = "kayano_site.request_id.RequestIdMiddleware"
GENERATED = re.compile(r"[0-9a-f]{32}")
LOG_FORMAT = "{levelname} {name} [{request_id}] {message}"

logger = logging.getLogger("tests.request_id")


def echo_view(request):
    logger.warning("inside the view")
    return HttpResponse(request.request_id)


urlpatterns = [path("echo/", echo_view)]


@pytest.fixture(autouse=True)
def _request_id_middleware(settings):
    """First in the chain, as settings.py has it (added here too until it does)."""
    others = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE]
    settings.MIDDLEWARE = [MIDDLEWARE, *others]


@pytest.fixture
def log_output():
    """Root handler filtered and formatted the way settings.LOGGING does it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter(LOG_FORMAT, style="{"))
    root = logging.getLogger()
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)


def test_every_response_carries_a_generated_request_id(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert GENERATED.fullmatch(response["X-Request-ID"])
    assert client.get("/robots.txt")["X-Request-ID"] != response["X-Request-ID"]


def test_a_sane_incoming_request_id_is_echoed(client):
    response = client.get("/robots.txt", headers={"X-Request-ID": "nginx-3f2a.b_9"})
    assert response["X-Request-ID"] == "nginx-3f2a.b_9"


@pytest.mark.parametrize(
    "hostile",
    ["x" * 500, "x" * 65, "abc\ndef", "abc\r\nSet-Cookie: a=b", "a b", "<script>", "", "é"],
)
def test_a_hostile_incoming_request_id_is_replaced(client, hostile):
    response = client.get("/robots.txt", headers={"X-Request-ID": hostile})
    assert GENERATED.fullmatch(response["X-Request-ID"])


def test_the_view_and_its_log_lines_see_the_same_id(settings, log_output):
    settings.ROOT_URLCONF = __name__
    response = Client().get("/echo/", headers={"X-Request-ID": "abc-123"})
    assert response.content == b"abc-123"
    assert "WARNING tests.request_id [abc-123] inside the view" in log_output.getvalue()


def test_a_log_line_outside_a_request_shows_a_dash(log_output):
    logger.warning("between requests")
    assert "[-] between requests" in log_output.getvalue()


def test_a_server_error_is_logged_with_the_request_id_and_traceback(settings, caplog, log_output):
    settings.ROOT_URLCONF = "tests.urls_raising"
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/boom/", headers={"X-Request-ID": "trace-me"})

    assert response.status_code == 500
    assert response["X-Request-ID"] == "trace-me"
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None
    assert record.request_id == "trace-me"
    output = log_output.getvalue()
    assert "ERROR django.request [trace-me] Internal Server Error: /boom/" in output
    assert "Traceback (most recent call last)" in output
    assert "RuntimeError: deliberate failure" in output
