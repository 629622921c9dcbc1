# Shared by scripts/run.sh and scripts/test.sh: find Python, make the virtual environment.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

say() { printf '\n==> %s\n' "$*"; }

find_python() {
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    echo "Defuse needs Python 3.11 or newer, and none was found on PATH." >&2
    return 1
}

# ensure_venv EXTRAS: create .venv and install the project with the given extras ("" or "test").
# Reinstalls only when pyproject.toml changes.
ensure_venv() {
    local extras="$1" python stamp wanted
    if [ ! -x "$VENV/bin/python" ]; then
        python="$(find_python)"
        say "Creating the virtual environment in .venv with $python"
        "$python" -m venv "$VENV"
    fi
    stamp="$VENV/.defuse-installed"
    wanted="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1) [$extras]"
    if [ ! -f "$stamp" ] || ! grep -qxF "$wanted" "$stamp"; then
        say "Installing Defuse and its pinned dependencies${extras:+ (with $extras extras)}"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e "$ROOT${extras:+[$extras]}"
        echo "$wanted" >>"$stamp"
    fi
    export PATH="$VENV/bin:$PATH"
}

NGINX_PACKAGES=(
    /usr/sbin/nginx=nginx
    /usr/lib/nginx/modules/ngx_http_cache_purge_module.so=libnginx-mod-http-cache-purge
)

# ensure_debian_packages PATH=PACKAGE ...: apt-get install each PACKAGE whose PATH is missing.
ensure_debian_packages() {
    local pair missing=() sudo=""
    for pair in "$@"; do
        [ -e "${pair%%=*}" ] || missing+=("${pair#*=}")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    say "Installing Debian packages: ${missing[*]}"
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}
