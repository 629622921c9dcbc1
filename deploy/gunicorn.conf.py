"""gunicorn for Defuse: `gunicorn -c deploy/gunicorn.conf.py` (deploy/systemd/defuse-web.service).

Sync workers: Django's views and database calls block, and nginx in front buffers slow clients.
Two workers per core plus one (gunicorn's own advice) keep the CPUs busy while some wait on the
database; each takes about 125 MB (bench/RESULTS.md). Every figure can be changed
through the environment.
"""

import multiprocessing
import os

wsgi_app = "defuse.wsgi:application"
bind = os.environ.get("DEFUSE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("DEFUSE_WEB_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
# Load Django once in the master: workers share its memory pages until they write to them.
preload_app = True

# Recycle a worker now and then, so that no slow leak grows without bound.
max_requests = int(os.environ.get("DEFUSE_WEB_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
timeout = int(os.environ.get("DEFUSE_WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5  # nginx keeps connections to the upstream open
# nginx on the same machine sets X-Forwarded-For/-Proto; trust only it.
forwarded_allow_ips = os.environ.get("DEFUSE_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Signals (systemd's reload, stop) manage the workers; no control socket in $HOME.
control_socket_disable = True
accesslog = os.environ.get("DEFUSE_ACCESS_LOG", "-")
errorlog = "-"


def when_ready(server):
    """In the master, before the first fork: what each worker's first request would do."""
    if server.cfg.preload_app:
        from defuse.platform.warm_up import before_fork

        templates, frozen = before_fork()
        server.log.info(
            "Compiled %d templates and froze %d objects before forking the workers",
            templates,
            frozen,
        )
