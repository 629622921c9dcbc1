"""The client's address when Defuse runs behind proxies (nginx in deploy/): what login lockouts,
rate limits and view counts key on. Without this, every request seems to come from nginx, so one
stranger's wrong passwords would lock a user out everywhere and all clients would share one
rate-limit bucket.

X-Forwarded-For is believed only as far as it was written by proxies we trust
(DEFUSE_TRUSTED_PROXIES, networks; default loopback, where deploy/'s nginx runs): read from the
right, the first address that is not a trusted proxy is the client. A client cannot pass itself
off as someone else: nginx appends the address it really saw, which is read first.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def client_address(peer: str, forwarded_for: str, trusted: tuple[str, ...]) -> str:
    networks = _networks(trusted)

    def is_trusted(address) -> bool:
        return any(address in network for network in networks)

    peer_address = _address(peer)
    if peer_address is None or not is_trusted(peer_address):
        return peer
    client = peer
    for hop in reversed([part for part in forwarded_for.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:
            break  # written by the client: believe nothing further left
        client = str(address)
        if not is_trusted(address):
            break
    return client


class ClientAddressMiddleware:
    """Put the client's address in REMOTE_ADDR, where django-axes, django-ratelimit and view
    counting read it; the proxy's own stays in DEFUSE_PEER_ADDR. First in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        peer = request.META.get("REMOTE_ADDR", "")
        request.META["DEFUSE_PEER_ADDR"] = peer
        request.META["REMOTE_ADDR"] = client_address(
            peer,
            request.META.get("HTTP_X_FORWARDED_FOR", ""),
            tuple(settings.DEFUSE_TRUSTED_PROXIES),
        )
        return self.get_response(request)
