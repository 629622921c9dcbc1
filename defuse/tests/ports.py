import socket
import time

import requests


def free_port() -> int:
    """A local TCP port nothing listens on (free again once this returns: a server of the
    test's own can take it, or a client can be pointed at it to find nothing there)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, what: str, log: str, seconds: float = 60) -> None:
    """Returns once `url` answers 2xx; a server that never does fails the test, pointing at
    its log."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not start; see {log}")
