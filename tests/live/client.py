"""
What the live tests' requests get back, how they reach gunicorn over a unix socket, and the
admin's login form as a browser fills it in.
"""

import http.client
import json
import re
import socket
from email.message import Message
from http.cookies import SimpleCookie
from typing import NamedTuple
from urllib.parse import urlencode

REQUEST_TIMEOUT = 20


class Response(NamedTuple):
    status: int
    headers: Message
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)

    @property
    def content_type(self):
        return self.headers.get("Content-Type", "")


class UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP over a unix socket, the way nginx reaches gunicorn."""

    def __init__(self, path, timeout=REQUEST_TIMEOUT):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(str(self.socket_path))


class HttpSite:
    """A server the tests speak HTTP to; subclasses say how to connect and which Host to send."""

    host = "127.0.0.1"

    def connection(self, timeout):
        raise NotImplementedError

    def request(self, method, path, body=None, headers=None, timeout=REQUEST_TIMEOUT):
        connection = self.connection(timeout)
        try:
            connection.request(
                method, path, body=body, headers={"Host": self.host} | (headers or {})
            )
            response = connection.getresponse()
            return Response(response.status, response.headers, response.read())
        finally:
            connection.close()

    def get(self, path, headers=None, timeout=REQUEST_TIMEOUT):
        return self.request("GET", path, headers=headers, timeout=timeout)

    def post(self, path, data, headers=None):
        headers = {"Content-Type": "application/x-www-form-urlencoded"} | (headers or {})
        return self.request("POST", path, body=urlencode(data), headers=headers)


# The admin's login form, as a browser fills it in


class LoginForm(NamedTuple):
    token: str
    cookie: str


def open_login_form(site, headers=None):
    """GET /admin/login/: the CSRF token in the form and the csrftoken cookie beside it."""
    page = site.get("/admin/login/", headers)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    cookies = SimpleCookie()
    for header in page.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    if page.status != 200 or token is None or "csrftoken" not in cookies:
        raise AssertionError(f"no login form at /admin/login/ ({page.status})")
    return LoginForm(token.group(1), cookies["csrftoken"].value)


def submit_login(site, form, username, password, headers=None):
    """POST the login form: 302 to /admin/ when it worked."""
    return site.post(
        "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": form.token,
            "username": username,
            "password": password,
            "next": "/admin/",
        },
        headers={"Cookie": f"csrftoken={form.cookie}"} | (headers or {}),
    )


def admin_login(site, username, password, headers=None):
    return submit_login(site, open_login_form(site, headers), username, password, headers)
