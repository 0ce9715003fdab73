"""The login lockout counts per real client: X-Forwarded-For only from a trusted proxy."""

import pytest
from django.test import RequestFactory

from kayano_site.client_ip import client_ip


def request_from(peer, forwarded=None):
    headers = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/admin/login/", **headers)


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        # Over the unix socket from nginx: the address nginx appended, right-most.
        ("", "203.0.113.5", "203.0.113.5"),
        ("", "198.51.100.99, 203.0.113.5", "203.0.113.5"),
        ("", "not an address, 203.0.113.5", "203.0.113.5"),
        ("127.0.0.1", "2001:db8::7", "2001:db8::7"),
        # A direct client cannot claim another address.
        ("198.51.100.20", "203.0.113.5", "198.51.100.20"),
        # A trusted proxy that sent nothing usable: the proxy's own address.
        ("127.0.0.1", "garbage", "127.0.0.1"),
        ("127.0.0.1", None, "127.0.0.1"),
        ("", None, None),
    ],
)
def test_client_address(peer, forwarded, client):
    assert client_ip(request_from(peer, forwarded)) == client


def test_a_platform_router_can_be_trusted_by_name(settings):
    settings.TRUSTED_PROXIES = ["*"]
    assert client_ip(request_from("10.1.2.3", "203.0.113.5")) == "203.0.113.5"
