#!/usr/bin/env bash
# libcurl's own test suite (runtests.pl from Debian's curl 7.88.1 source package) run against
# our library, with a ratchet: cases listed in passing.txt must keep passing.
#
# usage: capi-tests/suite/run.sh [mode] [options] [case numbers...]
#
# modes
#   (none)       run on our library (target/release/libcurl.so, build it first) and fail when
#                a case listed in passing.txt does not pass
#   --update     the same, then count consecutive passes in streak.txt and move cases that
#                passed 3 runs in a row into passing.txt (the only mode that writes them)
#   --system     reference run on the system libcurl; writes reference.txt
#   --prepare    install the packages, fetch the source package and build; no run
#   --report     rewrite RESULTS.md from the latest system and ours runs
#   --write-skip rewrite skip.txt from the case classification (see suite.pl), leaving out
#                the cases that passed in the latest run on our library
#   --classify   print "case feature keywords" for every case of the selection
# options
#   --http-only  leave out the keyword HTTPS (which is run by default)
#   --all        also run the cases listed in skip.txt
#   --no-install do not install missing packages (also SUITE_NO_INSTALL=1)
#   case numbers run only those cases (no keyword selection; --update refuses)
#
# environment
#   SUITE_CASE_TIMEOUT  seconds one curl or libtest process may run (default 60)
#   SUITE_TIMEOUT       seconds for the whole runtests.pl run (default 900)
#   SUITE_CACHE         where sources, builds and run logs go (default target/curl-suite)
#   SUITE_CURL_VERSION  Debian source version of curl to use (default: the installed curl's)
#   SUITE_LIB           the library to test instead of target/release/libcurl.so
#   SUITE_NETNS=0       do not run inside a private network namespace
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${SUITE_CACHE:-$root/target/curl-suite}
case_timeout=${SUITE_CASE_TIMEOUT:-60}
total_timeout=${SUITE_TIMEOUT:-900}

# What the harness needs on a fresh Debian 12 machine: the toolchain and headers to configure
# and build curl's test servers and libtests, perl for runtests.pl, stunnel for the HTTPS
# servers, dpkg-dev to unpack the source package, locales for the IDN cases' en_US.UTF-8,
# iproute2 for the loopback in the private network namespace, and Debian's curl tool and
# libcurl, which are what the suite runs.
PACKAGES=(gcc make libc6-dev perl libssl-dev zlib1g-dev stunnel4 dpkg-dev locales iproute2
  curl libcurl4)

# The test servers, the library the libtests link at build time, and the libtests.
CONFIGURE_FLAGS=(--with-openssl --disable-ldap --without-libpsl --without-brotli --without-zstd
  --without-libidn2 --without-nghttp2 --disable-dependency-tracking)

die() {
  echo "suite: $*" >&2
  exit 2
}
note() { echo "suite: $*" >&2; }

mode=ours
update=0
https=1
all=0
install=1
[ "${SUITE_NO_INSTALL:-0}" = 1 ] && install=0
cases=()
while [ $# -gt 0 ]; do
  case $1 in
    --system) mode=system ;;
    --update) update=1 ;;
    --prepare) mode=prepare ;;
    --report) mode=report ;;
    --write-skip) mode=write-skip ;;
    --classify) mode=classify ;;
    --http-only) https=0 ;;
    --all) all=1 ;;
    --no-install) install=0 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    [0-9]*) cases+=("$1") ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done
[ $update = 1 ] && [ $mode != ours ] && die "--update goes with a run on our library only"
[ $update = 1 ] && [ ${#cases[@]} -gt 0 ] && die "--update needs the whole selection, not single cases"

# ---------------------------------------------------------------------------------------
# packages

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ $install = 1 ] || die "missing packages: ${missing[*]} (run without --no-install)"
  note "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# ---------------------------------------------------------------------------------------
# source package: a private apt configuration whose source entries are the machine's own
# Debian entries turned into deb-src; the system's apt state stays untouched.

apt_dir=$cache/apt
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/parts"
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache")
[ "$(id -u)" = 0 ] && apt_opts+=(-o APT::Sandbox::User=root)

write_private_sources() {
  rm -rf "$apt_dir"
  mkdir -p "$apt_dir/parts" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  # deb822 files: every stanza whose Types has "deb" gets "deb-src"; one-line files: every
  # "deb" line gets a "deb-src" twin. Only Debian's own archives (host name *debian*) are
  # kept, so third-party repositories without sources cannot break the update.
  local f
  : >"$apt_dir/sources.list"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    perl -ne 'print "deb-src$1\n" if m{^\s*deb(\s+(?:\[[^\]]*\]\s+)?\S*debian\S*\s.*)$}' "$f" \
      >>"$apt_dir/sources.list"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    perl -00 -ne '
      next unless /^URIs:.*debian/mi && /^Types:.*\bdeb\b/mi;
      s/^Types:.*$/Types: deb-src/mi;
      print "$_\n";' "$f" >"$apt_dir/parts/$(basename "$f")"
  done
  if [ ! -s "$apt_dir/sources.list" ] && ! grep -qs '^Types: deb-src' "$apt_dir"/parts/*.sources; then
    die "found no Debian entries in /etc/apt/sources.list{,.d} to derive deb-src entries from"
  fi
}

# The version whose tests to run: the installed curl tool's, as served by the archive.
installed_version() {
  dpkg-query -W -f='${Version}' curl 2>/dev/null || true
}

fetch_source() { # $1 = version wanted; prints the version fetched
  local want=$1 got dl
  write_private_sources
  apt-get "${apt_opts[@]}" update -qq >&2 || die "apt-get update (deb-src) failed"
  got=$(apt-cache "${apt_opts[@]}" showsrc curl | awk '/^Version:/ { print $2 }' | sort -u)
  [ -n "$got" ] || die "the archive serves no source package for curl"
  if ! grep -qxF "$want" <<<"$got"; then
    local newest
    newest=$(printf '%s\n' $got | sort -V | tail -1)
    note "source $want is not served (have: $(echo $got)); using $newest"
    want=$newest
  fi
  dl=$cache/download
  rm -rf "$dl" && mkdir -p "$dl"
  (cd "$dl" && apt-get "${apt_opts[@]}" source --download-only -qq "curl=$want" >&2) ||
    die "apt-get source curl=$want failed"
  echo "$want"
}

# ---------------------------------------------------------------------------------------
# build, once per source version and recipe

recipe_key() { printf '%s\n' "${CONFIGURE_FLAGS[@]}" | sha256sum | cut -c1-12; }

prepare() {
  install_packages
  local want ver dir
  want=${SUITE_CURL_VERSION:-$(installed_version)}
  [ -n "$want" ] || want=unknown
  dir=$cache/$want
  if [ ! -f "$dir/built" ] || [ "$(cat "$dir/built")" != "$(recipe_key)" ]; then
    local t0=$SECONDS
    ver=$(fetch_source "$want")
    dir=$cache/$ver
    if [ ! -f "$dir/built" ] || [ "$(cat "$dir/built")" != "$(recipe_key)" ]; then
      note "building curl $ver's test servers and libtests in ${dir#"$root"/}"
      rm -rf "$dir" && mkdir -p "$dir"
      dpkg-source -x "$cache"/download/curl_"${ver#*:}".dsc "$dir/src" >"$dir/build.log" 2>&1 ||
        die "dpkg-source failed, see $dir/build.log"
      rm -f "$dir"/*.tar.*
      local jobs
      jobs=$(nproc 2>/dev/null || echo 2)
      (
        cd "$dir/src"
        ./configure "${CONFIGURE_FLAGS[@]}"
        make -j"$jobs" -C lib
        make -j"$jobs" -C tests/server
        make -j"$jobs" -C tests/libtest
      ) >>"$dir/build.log" 2>&1 || die "build failed, see the end of $dir/build.log"
      echo "$ver" >"$dir/version"
      echo "$(recipe_key)" >"$dir/built"
      note "built in $((SECONDS - t0)) s"
      echo "$((SECONDS - t0))" >"$dir/build-seconds"
    fi
  fi
  tree=$dir/src
  version=$(cat "$dir/version")
}

# A private en_US.UTF-8 (the IDN cases set it) without touching the system's locale setup.
private_locales() {
  locdir=$cache/locale
  if [ ! -d "$locdir/en_US.UTF-8" ]; then
    mkdir -p "$locdir"
    localedef -i en_US -f UTF-8 "$locdir/en_US.UTF-8" >/dev/null 2>&1 ||
      note "could not build the en_US.UTF-8 locale; the IDN cases will fail"
  fi
  local l
  for l in /usr/lib/locale/*/; do # keep C.utf8 and friends reachable under LOCPATH
    [ -e "$locdir/$(basename "$l")" ] || ln -s "$l" "$locdir/$(basename "$l")"
  done
}

# ---------------------------------------------------------------------------------------
# selection

suite_pl() { perl "$here/suite.pl" "$@"; }

keywords() {
  if [ $https = 1 ]; then echo "HTTP HTTPS"; else echo "HTTP"; fi
}

# ---------------------------------------------------------------------------------------

case $mode in
  report)
    suite_pl report --dir "$here" --results "$cache/results"
    exit
    ;;
esac

# One run.sh at a time per cache: runs share the built tree and its tests/log.
mkdir -p "$cache"
exec 9>"$cache/lock"
flock -n 9 || { note "waiting for another run.sh to finish"; flock 9; }

prepare
[ $mode = prepare ] && exit 0

case $mode in
  classify)
    suite_pl classify --tree "$tree" --keywords "$(keywords)" ${cases[@]+"${cases[@]}"}
    exit
    ;;
  write-skip)
    suite_pl write-skip --tree "$tree" --keywords "HTTP HTTPS" --skip "$here/skip.txt" --results "$cache/results"
    exit
    ;;
esac

# The library under test and the directory LD_LIBRARY_PATH names.
system_lib=$(env -u LD_LIBRARY_PATH -u LD_PRELOAD ldd /usr/bin/curl | awk '$1 == "libcurl.so.4" { print $3 }')
[ -f "$system_lib" ] || die "cannot find the system libcurl.so.4 that /usr/bin/curl loads"
run=$cache/run-$mode
rm -rf "$run" && mkdir -p "$run/lib" "$run/bin"
if [ $mode = ours ]; then
  src_lib=${SUITE_LIB:-$root/target/release/libcurl.so}
  [ -f "$src_lib" ] || die "no $src_lib: run cargo build --release first"
  # A copy, so that a build finishing during the run cannot swap the library mid-suite.
  cp "$src_lib" "$run/lib/libcurl.so.4"
  # The commit it was most likely built from (not proof: the build may be older).
  if [ -z "${SUITE_LIB:-}" ]; then
    commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || true)
    [ -z "$(git -C "$root" status --porcelain -- src 2>/dev/null)" ] || commit="$commit+changes"
  fi
  lib_under_test=$run/lib/libcurl.so.4
else
  lib_under_test=$system_lib
fi
commit=${commit:-}
lib_sha=$(sha256sum "$lib_under_test" | cut -c1-16)

# The libtests are libtool wrappers that put lib/.libs first on LD_LIBRARY_PATH.
ln -sfn "$lib_under_test" "$tree/lib/.libs/libcurl.so.4"
# The curl that only checks that the test servers are up keeps the system libcurl.
cat >"$run/bin/curl-verify" <<'EOF'
#!/bin/sh
unset LD_LIBRARY_PATH LD_PRELOAD
exec /usr/bin/curl "$@"
EOF
chmod +x "$run/bin/curl-verify"

# Check which library the curl tool and a libtest actually load.
loaded() { # [NAME=VALUE...] program: print the libcurl.so.4 the loader picks
  env -u LD_PRELOAD -u LD_LIBRARY_PATH LD_TRACE_LOADED_OBJECTS=1 "$@" 2>/dev/null |
    awk '$1 == "libcurl.so.4" { print $3 }'
}
if [ $mode = ours ]; then
  got_tool=$(loaded LD_LIBRARY_PATH="$run/lib" /usr/bin/curl)
  got_libtest=$(loaded LD_LIBRARY_PATH="$tree/lib/.libs:$run/lib" "$tree/tests/libtest/.libs/lib500")
else
  got_tool=$(loaded /usr/bin/curl)
  got_libtest=$(loaded LD_LIBRARY_PATH="$tree/lib/.libs" "$tree/tests/libtest/.libs/lib500")
fi
for got in "$got_tool" "$got_libtest"; do
  [ "$(readlink -f "$got")" = "$(readlink -f "$lib_under_test")" ] ||
    die "the suite would load '$got' instead of $lib_under_test"
done

private_locales

# The case list: keywords, minus skip.txt on our library unless --all.
args=(-n -a -c /usr/bin/curl -vc "$run/bin/curl-verify")
skipped=()
if [ ${#cases[@]} -gt 0 ]; then
  args+=("${cases[@]}")
else
  args+=($(keywords))
  [ $https = 1 ] || args+=('!HTTPS')
  if [ $mode = ours ] && [ $all = 0 ]; then
    mapfile -t skipped < <(awk '/^[0-9]/ { print $1 }' "$here/skip.txt" 2>/dev/null)
    for n in ${skipped[@]+"${skipped[@]}"}; do args+=("!$n"); done
  fi
fi

# Run runtests.pl in a clean environment (no proxy variables), in a private network
# namespace with only the loopback up, under a global timeout, while a watchdog kills any
# curl or libtest process that outlives the per-case timeout.
results=$cache/results
mkdir -p "$results"
log=$results/$mode.log
envv=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  USER="${USER:-$(id -un)}" LOCPATH="$locdir" TMPDIR=/tmp)
[ $mode = ours ] && envv+=(LD_LIBRARY_PATH="$run/lib")
netns=()
if [ "${SUITE_NETNS:-1}" != 0 ]; then
  unshare --net true 2>/dev/null || die "cannot create a network namespace (root needed; SUITE_NETNS=0 runs without)"
  netns=(unshare --net -- sh -c 'ip link set lo up && exec "$@"' netns)
fi
note "curl $version, runtests.pl on $([ $mode = ours ] && echo "our library ($lib_sha)" || echo "the system libcurl")"
t0=$SECONDS
set +e
(
  exec 9>&- # the servers runtests.pl starts must not hold the lock
  cd "$tree/tests" &&
    exec timeout --kill-after=30 "$total_timeout" "${netns[@]}" env -i "${envv[@]}" \
      perl runtests.pl "${args[@]}"
) >"$log" 2>&1 &
runner=$!
interrupted=0
trap 'interrupted=1; kill -TERM "$runner" 2>/dev/null' INT TERM
suite_pl watchdog --pid "$runner" --timeout "$case_timeout" --tree "$tree" >"$results/$mode.watchdog" 2>&1 &
watcher=$!
# Progress: one line per case ("0001 ok HTTP GET"), then runtests.pl's totals.
tail -n +1 -f --pid="$runner" "$log" | awk '
  function flush(r) { if (cur != "") { printf "%s %s %s\n", cur, r, name; fflush(); cur = "" } }
  /^test [0-9]+\.\.\./ { flush("FAIL"); cur = substr($2, 1, 4); name = substr($0, 13, 70); next }
  / OK \(/ { flush("ok"); next }
  /^TEST/ { flush("FAIL"); print; fflush() }
  END { flush("FAIL") }' &
progress=$!
wait "$runner"
rc=$?
wait "$progress"
kill "$watcher" 2>/dev/null
wait "$watcher" 2>/dev/null
set -e
seconds=$((SECONDS - t0))
# Servers left behind by a runtests.pl that was killed: their pid files are in tests/log.
for pf in "$tree"/tests/log/*.pid; do
  [ -f "$pf" ] || continue
  pid=$(tr -dc 0-9 <"$pf")
  [ -n "$pid" ] || continue
  case $(readlink "/proc/$pid/exe" 2>/dev/null) in "$tree"/*) kill -9 "$pid" 2>/dev/null || true ;; esac
done
if [ $interrupted = 1 ]; then
  note "interrupted"
  exit 130
fi
[ $rc = 124 ] || [ $rc = 137 ] && note "runtests.pl hit the global timeout (${total_timeout} s)"

meta=(--mode "$mode" --version "$version" --seconds "$seconds" --lib "$lib_sha" --rc "$rc"
  --cpus "$(nproc 2>/dev/null || echo '?')" ${commit:+--commit "$commit"}
  --build-seconds "$(cat "$cache/$version/build-seconds" 2>/dev/null || echo 0)")
[ ${#cases[@]} -gt 0 ] && meta+=(--partial --cases "${cases[*]}")
suite_pl tally --tree "$tree" --log "$log" --keywords "$(keywords)" --dir "$here" \
  --results "$results" "${meta[@]}" $([ $update = 1 ] && echo --update) \
  $([ $all = 1 ] && echo --all) $([ $mode = system ] && [ ${#cases[@]} -eq 0 ] && [ $https = 1 ] && echo --write-reference)
