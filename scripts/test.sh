#!/usr/bin/env bash
# Installs what the tests need and runs every check: ruff, import-linter, mypy, Django's checks,
# migrations drift, and the whole suite on SQLite, then again but for the browser tests on
# PostgreSQL (with Redis) when one is reachable.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

PG_URL="${DEFUSE_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/defuse}"
REDIS_TEST_URL="${DEFUSE_TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"

# Debian's Chromium for the browser tests; nginx with the cache-purge module for the shared-cache
# tests (the same rules as deploy/nginx.conf); postgresql-client's pg_dump for the backup tests;
# redis-server for the test that stops a Redis of its own mid-session.
ensure_test_packages() {
    ensure_debian_packages /usr/bin/chromium=chromium "${NGINX_PACKAGES[@]}" \
        /usr/bin/pg_dump=postgresql-client /usr/bin/redis-server=redis-server
}

# ensure_side_venv DIR REQUIREMENTS WHAT: a server the tests start, in a venv of its own.
ensure_side_venv() {
    local venv="$ROOT/$1" requirements="$ROOT/$2" wanted
    wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
    [ -f "$venv/.defuse-installed" ] && grep -qxF "$wanted" "$venv/.defuse-installed" && return 0
    say "Installing $3 in $1"
    "$(find_python)" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -r "$requirements"
    echo "$wanted" >"$venv/.defuse-installed"
}

reachable() { # reachable HOST PORT
    python - "$1" "$2" <<'PY'
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2).close()
except OSError:
    sys.exit(1)
PY
}

ensure_postgres() {
    reachable 127.0.0.1 5432 && return 0
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
        say "Starting the local PostgreSQL server"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
        sleep 2
    fi
    reachable 127.0.0.1 5432
}

run_suite() { # run_suite LABEL [VAR=value ...], with pytest's own arguments in suite_args
    local label="$1" status=0
    shift
    say "Test suite on $label"
    # One pytest worker per core (pytest-xdist): each has its own test database (and Redis
    # database, defuse/settings/test.py), so the suite stays under 15 minutes as it grows.
    env "$@" python -m pytest -n auto --durations=15 "${suite_args[@]}" || status=$?
    if [ "$status" -eq 5 ]; then
        echo "pytest collected no tests on $label: that is a failure, not a pass." >&2
        return 1
    fi
    return "$status"
}

ensure_venv "test"
ensure_test_packages
# Ralph, the Learning Record Store the xAPI tests send statements to, and the OpenID Connect
# provider the single sign-on tests sign in through.
ensure_side_venv .venv-ralph scripts/lrs-requirements.txt "Ralph (xAPI LRS) for the xAPI tests"
ensure_side_venv .venv-oidc scripts/oidc-provider/requirements.txt \
    "the test OpenID Connect provider (django-oidc-provider)"
export DJANGO_SETTINGS_MODULE=defuse.settings.test
unset DATABASE_URL REDIS_URL

say "Lint: ruff check and ruff format --check"
ruff check .
ruff format --check .

say "Architecture: the apps import only downwards (import-linter, contracts in pyproject.toml)"
lint-imports --no-cache

say "Types: mypy with django-stubs over the annotated code (configured in pyproject.toml)"
mypy

say "Django system checks and migrations drift"
python manage.py check --fail-level WARNING
python manage.py makemigrations --check --dry-run
DJANGO_SETTINGS_MODULE=defuse.settings.production \
    DJANGO_SECRET_KEY="check-deploy-$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    DJANGO_ALLOWED_HOSTS=defuse.example.org DEFUSE_BASE_URL=https://defuse.example.org \
    python manage.py check --deploy --fail-level WARNING

suite_args=()
run_suite "SQLite"

if ensure_postgres; then
    redis_env=()
    reachable 127.0.0.1 6379 && redis_env=("REDIS_URL=$REDIS_TEST_URL")
    # The browser tests drive the same pages and scripts on either database: they run once, on
    # SQLite, and the rest of the suite runs again here (keeping the whole under 15 minutes).
    suite_args=(-m "not browser")
    run_suite "PostgreSQL${redis_env:+ and Redis} (all but the browser tests)" \
        "DATABASE_URL=$PG_URL" "${redis_env[@]}"
else
    say "No PostgreSQL at 127.0.0.1:5432: the PostgreSQL run is skipped"
    [ "${CI:-}" = "true" ] && { echo "CI expects PostgreSQL; failing." >&2; exit 1; }
fi
say "All checks passed"
