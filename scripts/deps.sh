#!/usr/bin/env bash
# Installs the Debian packages ttplan needs that are missing. Sourced by scripts/example and
# scripts/test; usage: deps.sh build|test
set -euo pipefail

build_packages=(
  ca-certificates g++ make cmake pkg-config
  libhowardhinnant-date-dev libdate-tz3 tzdata libfmt-dev libboost-graph-dev nlohmann-json3-dev libcli11-dev
  libutfcpp-dev
)
test_packages=(
  catch2 python3 python3-dev python3-pytest pybind11-dev
  libical-dev libical3 python3-icalendar calcurse khal libxml2-utils chromium
  libbenchmark-dev python3-jsonschema graphviz cmark-gfm python3-recurring-ical-events
  python3-pandas python3-venv python3-setuptools python3-wheel python3-build
  clang libclang-rt-dev
)

wanted=("${build_packages[@]}")
if [[ ${1:-build} == test ]]; then wanted+=("${test_packages[@]}"); fi

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then exit 0; fi

echo "ttplan: installing ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
