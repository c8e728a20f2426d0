#!/usr/bin/env bash
# Everything the tests need on a fresh Debian or Ubuntu machine, idempotent:
#   apt: chromium (axe-core and Lighthouse run in it), fonts-noto-core (real
#        glyphs for Serbian and Vietnamese in screenshots), a Java runtime
#        (the Nu HTML checker), Node.js and npm (Lighthouse, axe-core, vnu-jar);
#        each only when missing. Needs root or sudo for that step;
#        --no-apt skips it when they are installed another way.
#   .venv: requirements-dev.txt (pinned).
#   tests/quality/node_modules: `npm ci` from tests/quality/package-lock.json,
#        --ignore-scripts (vnu-jar's install script would download a JRE).
#   .editor/: the web editor's bundle (Decap CMS, pinned, checked against
#        its integrity), `invoke editor-install`.
# No browser is ever downloaded: the gates use /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

NO_APT=0
[ "${1:-}" = "--no-apt" ] && NO_APT=1
started=$SECONDS
say() { echo "[setup $((SECONDS - started)) s] $*"; }

if [ "$NO_APT" = 0 ]; then
  wanted=(fonts-noto-core)
  # a Chromium or Chrome already installed will do (GitHub's runners have Chrome)
  command -v chromium >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 \
    || wanted+=(chromium)
  command -v java >/dev/null 2>&1 || wanted+=(default-jre-headless)
  command -v node >/dev/null 2>&1 || wanted+=(nodejs)
  command -v npm >/dev/null 2>&1 || wanted+=(npm)
  missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    say "apt-get install ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    say "apt packages present"
  fi
fi

# The interpreter of .venv: $PYTHON if set; else the distribution's
# /usr/bin/python3 when it is 3.11 or newer, as Debian and Ubuntu build it
# with profile-guided and link-time optimisation (a default pyenv or source
# build has neither, and builds the benchmark corpus 1.2x slower: README,
# "Which Python"); else python3 on PATH. An existing .venv stays.
system_python_fits() {
  /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}
if [ ! -x .venv/bin/python ]; then
  if [ -n "${PYTHON:-}" ]; then
    say "$PYTHON -m venv .venv"
    "$PYTHON" -m venv .venv
  elif system_python_fits && /usr/bin/python3 -m venv .venv 2>/dev/null; then
    say "/usr/bin/python3 -m venv .venv"
  else
    rm -rf .venv   # /usr/bin/python3 without its venv package leaves half a venv
    say "python3 -m venv .venv"
    python3 -m venv .venv
  fi
fi
base="$(.venv/bin/python -c 'import sys; print(sys._base_executable)')"
say ".venv runs Python $(.venv/bin/python -c 'import platform; print(platform.python_version())') at $base"
if [ -z "${PYTHON:-}" ] && [ "$(dirname "$base")" != /usr/bin ] && system_python_fits; then
  say "note: $base may be built without PGO and LTO (pyenv's default); /usr/bin/python3" \
      "has them: rm -rf .venv and run this again to use it (README, Which Python)"
fi
say "pip install -r requirements-dev.txt"
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt \
  2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)

stamp=tests/quality/node_modules/.installed-from
lock_sum="$(cat tests/quality/package.json tests/quality/package-lock.json | sha256sum | cut -c1-16)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  say "npm ci (tests/quality)"
  # exactly the locked versions, and the lock left as it is (lighthouse asks
  # for third-party-web@latest: package.json pins it with an override)
  (cd tests/quality && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > "$stamp"
else
  say "node tools up to date"
fi
say "invoke editor-install"
.venv/bin/invoke editor-install
say "done"
