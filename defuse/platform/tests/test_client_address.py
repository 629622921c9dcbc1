"""The client's address behind trusted proxies: believed only as far as they wrote it."""

import pytest

from defuse.platform.client_address import client_address

LOOPBACK = ("127.0.0.0/8", "::1")


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "client"),
    [
        ("203.0.113.9", "", LOOPBACK, "203.0.113.9"),  # no proxy: the peer
        ("203.0.113.9", "198.51.100.1", LOOPBACK, "203.0.113.9"),  # untrusted peer: ignored
        ("127.0.0.1", "203.0.113.9", LOOPBACK, "203.0.113.9"),  # nginx saw the client
        # A client claiming to be someone else: nginx appended what it really saw.
        ("127.0.0.1", "198.51.100.77, 203.0.113.9", LOOPBACK, "203.0.113.9"),
        # Two trusted proxies: the first address that is not one of them.
        ("127.0.0.1", "203.0.113.9, 10.0.0.5", (*LOOPBACK, "10.0.0.0/8"), "203.0.113.9"),
        ("127.0.0.1", "garbage, 203.0.113.9", LOOPBACK, "203.0.113.9"),
        ("127.0.0.1", "203.0.113.9, not-an-address", LOOPBACK, "127.0.0.1"),
        ("127.0.0.1", "", LOOPBACK, "127.0.0.1"),  # a local request, no proxy
        ("::1", "2001:db8::7", LOOPBACK, "2001:db8::7"),
        ("127.0.0.1", "127.0.0.5", ("127.0.0.1/32",), "127.0.0.5"),
    ],
)
def test_the_client_is_the_first_address_no_trusted_proxy_wrote(peer, forwarded, trusted, client):
    assert client_address(peer, forwarded, trusted) == client
