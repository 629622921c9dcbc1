#!/usr/bin/env bash
# The production stack on one machine, in the foreground: PostgreSQL and Redis (already running),
# gunicorn, the huey worker and scheduler, and nginx with deploy/nginx/'s shared cache in front.
# Readers: http://127.0.0.1:8080 (nginx); gunicorn alone: http://127.0.0.1:8000.
#
# Every variable below may be set beforehand (see .env.example); the defaults use the local
# PostgreSQL and Redis. DEFUSE_DEMO=0 skips the demo content. On a real server run the same
# steps as systemd services (deploy/systemd/) behind deploy/nginx.conf with TLS.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

export DJANGO_SETTINGS_MODULE=defuse.settings.production
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/defuse}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export DEFUSE_VAR_DIR="${DEFUSE_VAR_DIR:-$ROOT/var/production}"
export DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"
# Loopback has no TLS here; deploy/nginx.conf terminates it on a real server.
export DJANGO_SECURE_SSL_REDIRECT="${DJANGO_SECURE_SSL_REDIRECT:-false}"
export DEFUSE_BASE_URL="${DEFUSE_BASE_URL:-http://127.0.0.1:8080}"
export DJANGO_EMAIL_BACKEND="${DJANGO_EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"
WEB_PORT="${DEFUSE_WEB_PORT:-8000}"
NGINX_PORT="${DEFUSE_NGINX_PORT:-8080}"
PURGE_PORT="${DEFUSE_PURGE_PORT:-8081}"
export DEFUSE_BIND="127.0.0.1:$WEB_PORT"
export DEFUSE_FRONTEND_CACHE_URL="http://127.0.0.1:$PURGE_PORT"

mkdir -p "$DEFUSE_VAR_DIR"
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
    # One key per installation, kept beside the data (sessions survive restarts).
    secret_file="$DEFUSE_VAR_DIR/secret_key"
    [ -s "$secret_file" ] || (umask 077 && python3 -c \
        'import secrets; print(secrets.token_urlsafe(50))' >"$secret_file")
    DJANGO_SECRET_KEY="$(cat "$secret_file")"
    export DJANGO_SECRET_KEY
fi

ensure_venv ""
ensure_debian_packages "${NGINX_PACKAGES[@]}"

say "Creating the database if it is missing"
python manage.py create_database
say "Applying migrations and collecting static files"
python manage.py migrate --noinput
python manage.py collectstatic --noinput -v 0
if [ "${DEFUSE_DEMO:-1}" = "1" ]; then
    say "Loading demo content (only what is missing)"
    python manage.py seed_demo
fi

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

say "Starting gunicorn on 127.0.0.1:$WEB_PORT, the worker, the scheduler and nginx"
gunicorn -c deploy/gunicorn.conf.py &
pids+=($!)
python manage.py run_huey --workers 2 --no-periodic --quiet &
pids+=($!)
python manage.py run_huey --workers 1 --quiet &
pids+=($!)
python -m scripts.local_nginx --upstream "127.0.0.1:$WEB_PORT" --port "$NGINX_PORT" \
    --purge-port "$PURGE_PORT" --var-dir "$DEFUSE_VAR_DIR" --workdir "$DEFUSE_VAR_DIR/nginx" &
pids+=($!)

for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/health/" 2>/dev/null && break
    sleep 0.3
done
say "Defuse (production settings) at http://127.0.0.1:$NGINX_PORT (Ctrl+C stops everything)"
wait -n "${pids[@]}"
