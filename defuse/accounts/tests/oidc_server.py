"""The test OpenID Connect provider (scripts/oidc-provider/provider.py, django-oidc-provider in
its own venv, .venv-oidc), started on loopback by the single sign-on tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from defuse.tests.ports import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[3]
PYTHON = Path(os.environ.get("DEFUSE_OIDC_PYTHON", ROOT / ".venv-oidc" / "bin" / "python"))
PROVIDER = ROOT / "scripts" / "oidc-provider" / "provider.py"
CLIENT_ID, CLIENT_SECRET = "defuse-tests", "oidc-test-client-secret"


class OidcProvider:
    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.env = {**os.environ, "OIDC_TEST_DB": str(directory / "provider.sqlite3")}
        self.process: subprocess.Popen | None = None

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def run(self, *args: str) -> None:
        subprocess.run(
            [str(PYTHON), str(PROVIDER), *args],
            env=self.env, check=True, capture_output=True, timeout=120,
        )  # fmt: skip

    def set_up(self, redirect_uri: str) -> None:
        self.run("setup", CLIENT_ID, CLIENT_SECRET, redirect_uri)

    def add(
        self, name: str, password: str, groups: list[str], unit: str = "", amr: tuple = ()
    ) -> None:
        """A person, with the `amr` their sign-in will assert (("pwd", "mfa"): a second
        factor was used at the provider)."""
        self.run("user", name, password, ",".join(groups), unit, ",".join(amr))

    def remove(self, name: str) -> None:
        self.run("remove", name)

    def start(self) -> None:
        self.log = open(self.directory / "provider.log", "ab")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [str(PYTHON), str(PROVIDER), "serve", str(self.port)],
            env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        discovery = f"{self.issuer}/.well-known/openid-configuration"
        wait_until_up(discovery, "The test provider", f"{self.directory}/provider.log")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None
            self.log.close()
