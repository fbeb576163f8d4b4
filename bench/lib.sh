# lib.sh — what the bench scripts share (sourced; bash): an optimised build and a timer
# SPDX-License-Identifier: Apache-2.0

# bench_build [BUILD_DIR]: makes or updates a release build; sets $ia to its imgaudit
bench_build() {
  local bdir=${1:-build-bench}
  if [ ! -f "$bdir/build.ninja" ]; then
    meson setup "$bdir" --buildtype=release -Dtests=false >/dev/null
  fi
  meson compile -C "$bdir" imgaudit:executable >/dev/null
  case $bdir in /*) ia=$bdir/imgaudit ;; *) ia=$PWD/$bdir/imgaudit ;; esac
}

# best N COMMAND...: the best wall time of N runs, in seconds (a failing status is not an error:
# an audit that fails its gate exits 1)
best() {
  local n=$1 b=
  shift
  for _ in $(seq "$n"); do
    local s e t
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  printf '%.4f' "$b"
}
