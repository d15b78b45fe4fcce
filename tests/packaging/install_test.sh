#!/usr/bin/env bash
# Packaging tests: install the build tree into a scratch prefix, then use it as a consumer
# would.
#   install_test.sh install   BUILD_DIR PREFIX
#   install_test.sh cmake     PREFIX SOURCE_DIR WORK_DIR   (builds and runs examples/consumer)
#   install_test.sh pkgconfig PREFIX WORK_DIR              (c++ $(pkg-config --cflags --libs ttplan))
#   install_test.sh cmake-c   PREFIX SOURCE_DIR WORK_DIR   (a C-only project: c_consumer/)
#   install_test.sh pkgconfig-c PREFIX SOURCE_DIR WORK_DIR (cc $(pkg-config --cflags --libs ttplan-c))
# CXX, CXXFLAGS, CC, CFLAGS and LDFLAGS carry the parent build's compilers and flags (sanitizers
# must match).
set -euo pipefail

mode=$1
shift
cxx=${CXX:-c++}
cc=${CC:-cc}

# Puts the prefix's pkg-config modules first on pkg-config's path (fmt's stay the system's).
use_prefix_pkgconfig() {
  export PKG_CONFIG_PATH
  PKG_CONFIG_PATH="$(echo "$1"/lib*/pkgconfig)${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
}

case $mode in
install)
  build_dir=$1 prefix=$2
  rm -rf "$prefix"
  cmake --install "$build_dir" --prefix "$prefix"
  for f in include/ttplan/ttplan.hpp bin/ttplan share/ttplan/schema/schedule.schema.json; do
    [[ -e $prefix/$f ]] || { echo "missing $prefix/$f" >&2; exit 1; }
  done
  ls "$prefix"/lib*/cmake/ttplan/ttplanConfig.cmake "$prefix"/lib*/cmake/ttplan/ttplanConfigVersion.cmake \
     "$prefix"/lib*/pkgconfig/ttplan.pc
  if [[ -e $prefix/include/ttplan.h ]]; then ls "$prefix"/lib*/pkgconfig/ttplan-c.pc; fi
  # The installed CLI runs from the prefix as it is (a shared build carries an $ORIGIN rpath).
  "$prefix/bin/ttplan" protocols
  # Its bash completion, and its manual page when help2man made one at build time.
  [[ -e $prefix/share/bash-completion/completions/ttplan ]] || { echo "missing the bash completion" >&2; exit 1; }
  if command -v help2man >/dev/null; then
    grep -q '^\.SH "EXIT STATUS"' "$prefix"/share/man/man1/ttplan.1 || { echo "missing the manual page" >&2; exit 1; }
  fi
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
  use_prefix_pkgconfig "$prefix"
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
cmake-c)
  prefix=$1 source_dir=$2 work=$3
  rm -rf "$work"
  cmake -S "$source_dir/tests/packaging/c_consumer" -B "$work" -DCMAKE_PREFIX_PATH="$prefix" \
        -DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="${CFLAGS:-}" \
        -DCMAKE_EXE_LINKER_FLAGS="${LDFLAGS:-}" -DCMAKE_BUILD_TYPE=Release
  cmake --build "$work"
  "$work/c_consumer" 2027-01-04 "C-only find_package consumer"
  ;;
pkgconfig-c)
  prefix=$1 source_dir=$2 work=$3
  rm -rf "$work"
  mkdir -p "$work"
  use_prefix_pkgconfig "$prefix"
  pkg-config --validate ttplan-c
  [[ $(pkg-config --modversion ttplan-c) == "$(pkg-config --modversion ttplan)" ]]
  # The module points into the prefix it was installed to, wherever that is.
  for flag in $(pkg-config --cflags-only-I ttplan-c); do
    [[ $(realpath "${flag#-I}") == $(realpath "$prefix/include") ]] && found_include=1
  done
  for flag in $(pkg-config --libs-only-L ttplan-c); do
    [[ $(realpath "${flag#-L}") == $(realpath "$(echo "$prefix"/lib*)") ]] && found_libdir=1
  done
  [[ -n ${found_include:-} ]] || { echo "ttplan-c.pc: no -I for $prefix/include" >&2; exit 1; }
  [[ -n ${found_libdir:-} ]] || { echo "ttplan-c.pc: no -L for the prefix's libraries" >&2; exit 1; }
  # A C compiler alone, as a C program's build has it.
  # shellcheck disable=SC2046,SC2086  # word splitting of the flags is wanted
  "$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror ${CFLAGS:-} "$source_dir/tests/packaging/c_consumer/main.c" \
        -o "$work/main" $(pkg-config --cflags --libs ttplan-c) ${LDFLAGS:-}
  LD_LIBRARY_PATH="$(echo "$prefix"/lib*)" "$work/main" 2027-01-04 "pkg-config C consumer"
  ;;
*)
  echo "unknown mode $mode" >&2
  exit 2
  ;;
esac
