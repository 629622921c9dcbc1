import socket


def free_port() -> int:
    """A local TCP port nothing listens on (free again once this returns: a server of the
    test's own can take it, or a client can be pointed at it to find nothing there)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
