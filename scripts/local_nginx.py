"""nginx with deploy/nginx/'s rules in front of a Defuse server on this machine, without root's
configuration: for the tests, bench/load.sh and scripts/production.sh.

    python -m scripts.local_nginx --upstream 127.0.0.1:8000 --port 8080 --purge-port 8081
"""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")


def _output(process: subprocess.Popen) -> str:
    return process.stderr.read().decode() if process.stderr else ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Nginx:
    url: str  # readers' address
    purge_url: str  # DEFUSE_FRONTEND_CACHE_URL
    workdir: Path


def nginx_config(
    workdir: Path, upstream: str, var_dir: Path, port: int, purge_port: int, workers: int = 1
) -> str:
    user = "user root;" if os.geteuid() == 0 else ""
    rules = REPO / "deploy" / "nginx"
    temp = "\n".join(
        f"    {kind}_temp_path {workdir / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""
load_module {PURGE_MODULE};
{user}
worker_processes {workers};
pid {workdir / "nginx.pid"};
error_log {workdir / "error.log"} warn;
daemon off;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
{temp}
    proxy_cache_path {workdir / "cache"} levels=1:2 keys_zone=defuse:10m use_temp_path=off;
    include {rules / "http.conf"};
    upstream defuse_app {{ server {upstream}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{port};
        set $defuse_var {var_dir};
        include {rules / "app.conf"};
    }}
    server {{
        listen 127.0.0.1:{purge_port};
        include {rules / "purge.conf"};
    }}
}}
"""


@contextmanager
def running_nginx(
    workdir: Path,
    upstream: str,
    var_dir: Path,
    workers: int = 1,
    port: int | None = None,
    purge_port: int | None = None,
):
    """nginx serving deploy/nginx/'s rules in front of `upstream` (host:port)."""
    workdir.mkdir(parents=True, exist_ok=True)
    port, purge_port = port or free_port(), purge_port or free_port()
    conf = workdir / "nginx.conf"
    conf.write_text(nginx_config(workdir, upstream, var_dir, port, purge_port, workers))
    process = subprocess.Popen(
        [NGINX, "-p", str(workdir), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start: {_output(process)}") from None
                time.sleep(0.05)
        yield Nginx(f"http://127.0.0.1:{port}", f"http://127.0.0.1:{purge_port}", workdir)
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    import argparse
    import signal

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstream", default="127.0.0.1:8000", help="gunicorn's address")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--purge-port", type=int, default=8081)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--var-dir", type=Path, default=REPO / "var", help="DEFUSE_VAR_DIR")
    parser.add_argument("--workdir", type=Path, default=REPO / "var" / "nginx")
    args = parser.parse_args()
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    with running_nginx(
        args.workdir,
        args.upstream,
        args.var_dir.resolve(),
        args.workers,
        args.port,
        args.purge_port,
    ) as nginx:
        print(f"nginx serving {nginx.url}, purges at {nginx.purge_url}", flush=True)
        try:
            while not stop:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
