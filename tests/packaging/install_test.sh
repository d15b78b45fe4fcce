#!/usr/bin/env bash
# Packaging tests: install the build tree into a scratch prefix, then use it as a consumer
# would.
#   install_test.sh install   BUILD_DIR PREFIX
#   install_test.sh cmake     PREFIX SOURCE_DIR WORK_DIR   (builds and runs examples/consumer)
#   install_test.sh pkgconfig PREFIX WORK_DIR              (c++ $(pkg-config --cflags --libs ttplan))
# CXX, CXXFLAGS and LDFLAGS carry the parent build's compiler and flags (sanitizers must match).
set -euo pipefail

mode=$1
shift
cxx=${CXX:-c++}

case $mode in
install)
  build_dir=$1 prefix=$2
  rm -rf "$prefix"
  cmake --install "$build_dir" --prefix "$prefix"
  for f in include/ttplan/ttplan.hpp bin/ttplan; do
    [[ -e $prefix/$f ]] || { echo "missing $prefix/$f" >&2; exit 1; }
  done
  ls "$prefix"/lib*/cmake/ttplan/ttplanConfig.cmake "$prefix"/lib*/cmake/ttplan/ttplanConfigVersion.cmake \
     "$prefix"/lib*/pkgconfig/ttplan.pc
  # The installed CLI runs from the prefix as it is (a shared build carries an $ORIGIN rpath).
  "$prefix/bin/ttplan" protocols
  ;;
cmake)
  prefix=$1 source_dir=$2 work=$3
  rm -rf "$work"
  cmake -S "$source_dir/examples/consumer" -B "$work" -DCMAKE_PREFIX_PATH="$prefix" \
        -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_CXX_FLAGS="${CXXFLAGS:-}" \
        -DCMAKE_EXE_LINKER_FLAGS="${LDFLAGS:-}" -DCMAKE_BUILD_TYPE=Release
  cmake --build "$work"
  "$work/consumer" 2027-01-04
  ;;
pkgconfig)
  prefix=$1 work=$2
  rm -rf "$work"
  mkdir -p "$work"
  export PKG_CONFIG_PATH
  PKG_CONFIG_PATH="$(echo "$prefix"/lib*/pkgconfig)${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
  pkg-config --modversion ttplan
  cat >"$work/main.cpp" <<'CPP'
#include <ttplan/ttplan.hpp>
#include <iostream>
int main() {
    auto plan = ttplan::planner(ttplan::load_builtin(ttplan::default_protocol_id()), {})
                    .plan(ttplan::parse_date("2027-01-04"));
    std::cout << "pkg-config consumer: " << ttplan::format_date(plan.end()) << '\n';
}
CPP
  # shellcheck disable=SC2046,SC2086  # word splitting of the flags is wanted
  "$cxx" -std=c++20 ${CXXFLAGS:-} "$work/main.cpp" -o "$work/main" $(pkg-config --cflags --libs ttplan) ${LDFLAGS:-}
  LD_LIBRARY_PATH="$(echo "$prefix"/lib*)" "$work/main"
  ;;
*)
  echo "unknown mode $mode" >&2
  exit 2
  ;;
esac
