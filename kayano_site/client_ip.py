"""
The address of the client behind the proxy, for django-axes' per-client login lockout.

nginx appends the address it saw to `X-Forwarded-For` (`$proxy_add_x_forwarded_for`), so
the right-most entry is the only one a client cannot choose; anything to its left came
from the client. That entry is believed only when the request itself comes from a trusted
proxy: a peer in `TRUSTED_PROXIES` (`FORWARDED_ALLOW_IPS`), or a unix socket, which has no
peer address and is reachable only from this machine. Otherwise the peer address counts.

django-ipware was not used: its strict chain check returns no address at all when the
client-written part of the header is malformed, which puts such clients in one shared
bucket instead of counting each by the address nginx saw.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    peer = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(peer):
        return peer or None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    return valid_address(forwarded) or peer or None


def is_trusted_proxy(peer: str) -> bool:
    trusted = settings.TRUSTED_PROXIES
    return not peer or "*" in trusted or peer in trusted


def valid_address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None
