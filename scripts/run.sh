#!/usr/bin/env bash
# Sets up Defuse on SQLite with demo content and serves it at http://127.0.0.1:8000
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
export DJANGO_SETTINGS_MODULE=defuse.settings.dev

ensure_venv ""
say "Applying database migrations (SQLite in var/ unless DATABASE_URL is set)"
python manage.py migrate --noinput
say "Loading demo content (only what is missing)"
python manage.py seed_demo
say "Starting the task worker (scheduled publishing, e-mail digests)"
python manage.py run_huey --quiet &
worker=$!
trap 'kill "$worker" 2>/dev/null' EXIT INT TERM
say "Serving Defuse at http://127.0.0.1:8000 (Ctrl+C stops it)"
python manage.py runserver 127.0.0.1:8000
