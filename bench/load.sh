#!/usr/bin/env bash
# Load test of the production stack on loopback (issue 6): PostgreSQL, Redis, gunicorn, huey,
# nginx with its shared cache, 100,000 items; wrk from Debian's packages. See bench/load.py.
#
#   bash bench/load.sh                 # build the database (a few minutes), then measure
#   bash bench/load.sh --reuse         # measure again on the database of the last run
#   bash bench/load.sh --seconds 10 --soak 60 --items 2000   # a quick try
#
# It uses its own database (defuse_load) and Redis database 3, and var/load/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"

ensure_venv ""
ensure_debian_packages "${NGINX_PACKAGES[@]}" /usr/bin/wrk=wrk /usr/bin/psql=postgresql-client

export DJANGO_SETTINGS_MODULE=defuse.settings.production
export DATABASE_URL="${LOAD_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/defuse_load}"
export REDIS_URL="${LOAD_REDIS_URL:-redis://127.0.0.1:6379/3}"
export DEFUSE_VAR_DIR="$ROOT/var/load"
export DJANGO_SECRET_KEY="load-test-only-$(printf 'k%.0s' {1..40})"
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
export DEFUSE_BASE_URL="http://127.0.0.1:8080"
export DJANGO_SECURE_SSL_REDIRECT=false
export DJANGO_EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
export DJANGO_LOG_LEVEL=WARNING
mkdir -p "$DEFUSE_VAR_DIR"
redis-cli -u "$REDIS_URL" flushdb >/dev/null 2>&1 || python - <<'PY'
import os, redis
redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
PY
exec python bench/load.py "$@"
