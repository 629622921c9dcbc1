"""Ralph, a real xAPI Learning Record Store, started by the tests from its own venv (see
ralph_append.py for how it is started)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import requests

from defuse.tests.ports import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[3]
RALPH = Path(os.environ.get("DEFUSE_RALPH", ROOT / ".venv-ralph" / "bin" / "ralph"))
RALPH_PYTHON = RALPH.parent / "python"
APPEND_SHIM = Path(__file__).resolve().parent / "ralph_append.py"
USERNAME, PASSWORD = "defuse", "lrs-test-password"
HEADERS = {"X-Experience-API-Version": "1.0.3"}


class RalphServer:
    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.env = {
            **os.environ,
            "RALPH_AUTH_FILE": str(directory / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_APP_DIR": str(directory),
        }
        self.process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def create_credentials(self) -> None:
        subprocess.run(
            [str(RALPH), "auth", "-u", USERNAME, "-p", PASSWORD, "-s", "all", "-M",
             "mailto:lrs@defuse.example.org", "-w"],
            env=self.env, check=True, capture_output=True, timeout=60,
        )  # fmt: skip

    def start(self) -> None:
        self.log = open(self.directory / "ralph.log", "ab")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [str(RALPH_PYTHON), str(APPEND_SHIM), "127.0.0.1", str(self.port),
             str(self.directory / "data")],
            env=self.env, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.directory,
        )  # fmt: skip
        heartbeat = f"http://127.0.0.1:{self.port}/__heartbeat__"
        wait_until_up(heartbeat, "Ralph", str(self.directory / "ralph.log"))

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None
            self.log.close()

    def statements(self, registration: str) -> list[dict]:
        found: list[dict] = []
        url: str | None = f"{self.endpoint}statements"
        params: dict[str, str | int] | None = {"registration": registration, "limit": 100}
        while url:
            response = requests.get(
                url, params=params, auth=(USERNAME, PASSWORD), headers=HEADERS, timeout=10
            )
            response.raise_for_status()
            body = response.json()
            found += body["statements"]
            more = body.get("more")
            url, params = (f"http://127.0.0.1:{self.port}{more}", None) if more else (None, None)
        return found
