#!/usr/bin/env bash
# Benchmark our libcurl.so.4 against the system libcurl 7.88.1 with one C program
# (bench.c, built once against the system headers) and a private nginx on 127.0.0.1,
# over http and over https (a CA and server certificate made here with `openssl`).
#
#   capi-tests/bench/run.sh
#
# Environment (all optional):
#   BENCH_N=20000     GETs per run of the `get` mode (one easy handle, connection reused)
#   BENCH_R=5         runs per mode and library; the two libraries alternate, medians quoted
#   BENCH_SIZE=1G     size of the sparse file the `big` mode downloads (truncate -s syntax)
#   BENCH_SMALL=100   size in bytes of the file the `get` mode fetches
#   BENCH_TLS_SIZE=256M  size of the sparse file the `tlsbig` mode downloads
#   BENCH_NEW_N=1000  requests per run of the `new`, `tlsnew` and `tlsfull` modes
#   BENCH_MODES="get big new tlsget tlsbig tlsnew tlsfull"   which modes to run:
#                     get     N GETs of the small file on one reused connection
#                     big     one download of the BENCH_SIZE file
#                     new     BENCH_NEW_N GETs of the small file, a new connection for each
#                             (CURLOPT_FORBID_REUSE)
#                     tlsget, tlsbig, tlsnew: the same over https (verification on, the
#                             CA as CURLOPT_CAINFO; tlsbig downloads the BENCH_TLS_SIZE
#                             file); tlsnew resumes the handle's TLS session on each new
#                             connection
#                     tlsfull as tlsnew with CURLOPT_SSL_SESSIONID_CACHE 0: a full
#                             handshake every time
#                     also multiP and epollP: the N GETs go through one multi handle, P
#                     at a time (curl_multi_perform + poll, or curl_multi_socket_action
#                     from an epoll loop), e.g. "multi1 multi100"
#   BENCH_PIN=split   CPU placement: `split` puts nginx on one CPU and the client on another,
#                     `same` puts both on one CPU, `none` leaves it to the scheduler. On a
#                     small VM the unpinned small-GET rate flips between two regimes
#                     (client and server on one core or on two) from run to run; pinning
#                     picks one. `same` shows per-request CPU cost most plainly.
#   BENCH_NO_BUILD=1  do not run `cargo build --release` first (use the library as it is)
#   BENCH_KEEP=1      keep the temporary directory (config, logs, binary, raw samples)
set -euo pipefail
# Up to a thousand concurrent transfers: room for their sockets.
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

top=$(cd "$(dirname "$0")/../.." && pwd)
here="$top/capi-tests/bench"
N=${BENCH_N:-20000}
R=${BENCH_R:-5}
SIZE=${BENCH_SIZE:-1G}
SMALL=${BENCH_SMALL:-100}
TLS_SIZE=${BENCH_TLS_SIZE:-256M}
NEW_N=${BENCH_NEW_N:-1000}
MODES=${BENCH_MODES:-get big new tlsget tlsbig tlsnew tlsfull}
PIN=${BENCH_PIN:-split}

command -v nginx >/dev/null 2>&1 || {
  echo "nginx is not installed: apt-get install nginx" >&2
  exit 1
}
command -v gcc >/dev/null 2>&1 || { echo "gcc is not installed" >&2; exit 1; }
[ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] || [ -f /usr/include/curl/curl.h ] || {
  echo "the system libcurl headers are missing: apt-get install libcurl4-openssl-dev" >&2
  exit 1
}
tls=
case " $MODES " in *" tls"*) tls=1 ;; esac
[ -z "$tls" ] || command -v openssl >/dev/null 2>&1 || {
  echo "openssl (the command-line tool) is not installed: apt-get install openssl" >&2
  exit 1
}

# CPU placement: the first two CPUs this script may use.
cpus=$(awk '/^Cpus_allowed_list/ { n = split($2, r, ",");
    for (i = 1; i <= n; i++) { m = split(r[i], ab, "-"); hi = (m == 2 ? ab[2] : ab[1]);
      for (c = ab[1]; c <= hi; c++) printf "%d ", c } }' /proc/self/status)
read -r cpu_a cpu_b _ <<<"$cpus"
server_pin=() client_pin=()
case "$PIN" in
  none) ;;
  same) server_pin=(taskset -c "$cpu_a") client_pin=(taskset -c "$cpu_a") ;;
  split)
    if [ -n "${cpu_b:-}" ]; then server_pin=(taskset -c "$cpu_b") client_pin=(taskset -c "$cpu_a")
    else echo "only one CPU: BENCH_PIN=split runs unpinned" >&2; PIN=none; fi ;;
  *) echo "BENCH_PIN must be split, same or none" >&2; exit 2 ;;
esac
if [ "$PIN" != none ] && ! command -v taskset >/dev/null 2>&1; then
  echo "taskset (util-linux) is missing: running unpinned" >&2
  PIN=none server_pin=() client_pin=()
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rcurl-bench.XXXXXX")
nginx_pid=
cleanup() {
  if [ -n "$nginx_pid" ]; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  if [ -n "${BENCH_KEEP:-}" ]; then
    echo "kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the two libraries ------------------------------------------------------------------
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  echo "building our library (cargo build --release) ..." >&2
  (cd "$top" && cargo build --release --quiet -p rcurl)
fi
ours="$top/target/release/libcurl.so"
[ -f "$ours" ] || { echo "no $ours: run cargo build --release" >&2; exit 1; }
mkdir -p "$tmp/lib"
ln -s "$ours" "$tmp/lib/libcurl.so.4"

# --- the benchmark program, built once against the system libcurl ------------------------
gcc -O2 -Wall -o "$tmp/bench" "$here/bench.c" -lcurl

# Both runs must load what they claim to.
sys_so=$(env -u LD_LIBRARY_PATH ldd "$tmp/bench" | awk '/libcurl\.so\.4/ {print $3}')
our_so=$(LD_LIBRARY_PATH="$tmp/lib" ldd "$tmp/bench" | awk '/libcurl\.so\.4/ {print $3}')
[ "$(readlink -f "$our_so")" = "$(readlink -f "$ours")" ] || {
  echo "LD_LIBRARY_PATH=$tmp/lib does not load $ours (got $our_so)" >&2
  exit 1
}
[ "$(readlink -f "$sys_so")" != "$(readlink -f "$ours")" ] || {
  echo "without LD_LIBRARY_PATH the program still loads ours ($sys_so)" >&2
  exit 1
}

# --- the server --------------------------------------------------------------------------
mkdir -p "$tmp/www" "$tmp/logs"
head -c "$SMALL" /dev/zero | tr '\0' 'x' > "$tmp/www/small"
truncate -s "$SIZE" "$tmp/www/big"          # sparse: no disk space, served from holes
big_bytes=$(stat -c %s "$tmp/www/big")
truncate -s "$TLS_SIZE" "$tmp/www/tlsbig"
tls_big_bytes=$(stat -c %s "$tmp/www/tlsbig")
chmod 755 "$tmp" "$tmp/www"                  # nginx workers may run as another user

# A CA and a server certificate it signs, both ECDSA P-256 (for localhost, 127.0.0.1, ::1),
# made fresh for this run. nginx serves the leaf; the client trusts the CA (CURLOPT_CAINFO).
pki=$tmp/pki
if [ -n "$tls" ]; then
  mkdir -p "$pki"
  cat > "$pki/server.ext" <<EXT
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EXT
  {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$pki/ca.key"
    openssl req -x509 -new -key "$pki/ca.key" -sha256 -days 2 -subj "/CN=rcurl bench CA" \
      -out "$pki/ca.pem"
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$pki/server.key"
    openssl req -new -key "$pki/server.key" -subj "/CN=localhost" -out "$pki/server.csr"
    openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" \
      -CAcreateserial -days 2 -sha256 -extfile "$pki/server.ext" -out "$pki/server.pem"
  } >"$tmp/logs/openssl.log" 2>&1 || {
    echo "openssl failed to make the certificates:" >&2
    cat "$tmp/logs/openssl.log" >&2
    exit 1
  }
  chmod 644 "$pki"/*
fi

user_line=
[ "$(id -u)" = 0 ] && user_line="user root;"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 40000))
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The https server: TLS 1.2 and 1.3 with the ECDSA certificate, nginx's defaults otherwise
# (session tickets on, ssl_session_timeout 5m, ssl_ciphers HIGH:!aNULL:!MD5,
# ssl_prefer_server_ciphers off, ssl_buffer_size 16k, no early data) plus a shared session
# cache. The first request of each connection is logged with how its handshake went.
tls_server() {
  [ -n "$tls" ] || return 0
  cat <<CONF
  log_format handshake '\$ssl_session_reused \$ssl_protocol \$ssl_cipher \$ssl_curve';
  map \$connection_requests \$first_request { 1 1; default 0; }
  server {
    listen 127.0.0.1:$1 ssl;
    ssl_certificate $pki/server.pem;
    ssl_certificate_key $pki/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:TLS:10m;
    ssl_session_tickets on;
    access_log $tmp/logs/handshakes.log handshake if=\$first_request;
    root $tmp/www;
    location / { }
  }
CONF
}

start_nginx() {
  local port=$1 tls_port=$2
  cat > "$tmp/nginx.conf" <<CONF
$user_line
daemon off;
master_process on;
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log warn;
worker_rlimit_nofile 8192;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  sendfile on;
  tcp_nopush on;
  default_type application/octet-stream;
  client_body_temp_path $tmp/client_body;
  proxy_temp_path $tmp/proxy;
  fastcgi_temp_path $tmp/fastcgi;
  uwsgi_temp_path $tmp/uwsgi;
  scgi_temp_path $tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $tmp/www;
    location / { }
  }
$(tls_server "$tls_port")
}
CONF
  ${server_pin[@]+"${server_pin[@]}"} nginx -p "$tmp" -c "$tmp/nginx.conf" 2>>"$tmp/logs/stderr.log" &
  nginx_pid=$!
  for _ in $(seq 100); do
    port_open "$port" && { [ -z "$tls" ] || port_open "$tls_port"; } && return 0
    kill -0 "$nginx_pid" 2>/dev/null || break
    sleep 0.05
  done
  kill "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=
  return 1
}

port= tls_port=
for _ in 1 2 3 4 5; do
  p=$(free_port) tp=$(free_port)
  [ "$p" != "$tp" ] || continue
  if start_nginx "$p" "$tp"; then port=$p tls_port=$tp; break; fi
done
[ -n "$port" ] || {
  echo "nginx did not start; its output:" >&2
  cat "$tmp/logs/stderr.log" "$tmp/logs/error.log" >&2 2>/dev/null || true
  exit 1
}

unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
small_url="http://127.0.0.1:$port/small"
big_url="http://127.0.0.1:$port/big"
tls_small_url="https://127.0.0.1:$tls_port/small"
tls_big_url="https://127.0.0.1:$tls_port/tlsbig"
tls_opt=(--cainfo "$pki/ca.pem")

# --- running -------------------------------------------------------------------------------
# run LIB MODE: one run; appends "LIB MODE seconds rate maxrss_kb connects cpu_s calls largest
# handshakes resumed tls" to the samples file (cpu_s: the client's user + system CPU time
# during the transfers; for https modes, from nginx's log: how many connections it logged,
# how many of them resumed a session, and the protocol/cipher/group of the last one)
run() {
  local lib=$1 mode=$2 out logged=0 want hs=- res=- params=-
  local -a cmd
  cmd=(${client_pin[@]+"${client_pin[@]}"} "$tmp/bench")
  case $mode in
    get) cmd+=(get "$small_url" "$N") ;;
    big) cmd+=(big "$big_url" "$big_bytes") ;;
    new) cmd+=(new "$small_url" "$NEW_N") ;;
    tlsget) cmd+=("${tls_opt[@]}" get "$tls_small_url" "$N") ;;
    tlsbig) cmd+=("${tls_opt[@]}" big "$tls_big_url" "$tls_big_bytes") ;;
    tlsnew) cmd+=("${tls_opt[@]}" new "$tls_small_url" "$NEW_N") ;;
    tlsfull) cmd+=("${tls_opt[@]}" --no-session-cache new "$tls_small_url" "$NEW_N") ;;
    # multiP / epollP: N GETs through one multi handle, P at a time
    multi*|epoll*) cmd+=("${mode%%[0-9]*}" "$small_url" "$N" "${mode##*[a-z]}") ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
  if [[ $mode == tls* ]]; then
    logged=$(wc -l < "$tmp/logs/handshakes.log" 2>/dev/null || echo 0)
  fi
  if [ "$lib" = ours ]; then
    out=$(LD_LIBRARY_PATH="$tmp/lib" "${cmd[@]}") || { echo "FAILED: $lib $mode" >&2; exit 1; }
  else
    out=$(env -u LD_LIBRARY_PATH "${cmd[@]}") || { echo "FAILED: $lib $mode" >&2; exit 1; }
  fi
  if [[ $mode == tls* ]]; then
    # nginx logs a request after sending its response: wait (up to 2 s) for the line of
    # every connection the client made
    want=$(echo "$out" | awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "=");
        if (kv[1] == "connects") print kv[2] } }')
    for _ in $(seq 200); do
      [ "$(wc -l < "$tmp/logs/handshakes.log")" -lt $((logged + want)) ] || break
      sleep 0.01
    done
    read -r hs res params < <(tail -n "+$((logged + 1))" "$tmp/logs/handshakes.log" | awk '
        { n++; if ($1 == "r") r++; p = $2 "/" $3 "/" $4 }
        END { printf "%d %d %s\n", n, r, (n ? p : "-") }')
  fi
  echo "$out" | awk -v lib="$lib" -v mode="$mode" -v hs="$hs" -v res="$res" -v params="$params" '
    /^RESULT/ {
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "%s %s %s %s %s %s %.6f %s %s %s %s %s\n", lib, mode, v["seconds"], v["rate"],
        v["maxrss_kb"], v["connects"], v["user_s"] + v["sys_s"], v["calls"], v["largest"],
        hs, res, params
    }' >> "$tmp/samples"
  tail -n 1 "$tmp/samples" | awk '{ printf "  %-6s %-7s %7.3f s %10.1f %-5s  cpu %6.3f s  rss %6d KiB  connects %s  writes %d (max %d B)%s\n",
      $1, $2, $3, $4, ($2 ~ /big$/ ? "MB/s" : "req/s"), $7, $5, $6, $8, $9,
      ($10 == "-" ? "" : "  handshakes " $10 ", resumed " $11 " (" $12 ")") }' >&2
}

echo "system: $sys_so" >&2
echo "ours:   $ours" >&2
echo "server: nginx $(nginx -v 2>&1 | sed 's|.*/||') on 127.0.0.1:$port${tls:+ and https on 127.0.0.1:$tls_port}, get=$SMALL bytes, big=$big_bytes bytes${tls:+, tlsbig=$tls_big_bytes bytes}" >&2
echo "N=$N NEW_N=$NEW_N R=$R modes: $MODES; CPU placement: $PIN${client_pin[*]:+ (client: ${client_pin[*]}, nginx: ${server_pin[*]})}" >&2

# One unmeasured warm-up of each mode on each library (page cache, nginx, the loader).
: > "$tmp/samples"
for mode in $MODES; do
  for lib in system ours; do run "$lib" "$mode" >/dev/null 2>&1; done
done
: > "$tmp/samples"

# Alternate the libraries, and swap which one goes first on every repetition.
for mode in $MODES; do
  echo "mode $mode:" >&2
  for r in $(seq "$R"); do
    if [ $((r % 2)) = 1 ]; then order="system ours"; else order="ours system"; fi
    for lib in $order; do run "$lib" "$mode"; done
  done
done

[ -n "${BENCH_KEEP:-}" ] && cp "$tmp/samples" "$tmp/samples.txt"

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
col() { awk -v l="$1" -v m="$2" -v c="$3" '$1 == l && $2 == m { print $c }' "$tmp/samples" | median; }

echo
printf 'medians of %s runs each (N=%s GETs of %s bytes; big = %s bytes; new: %s GETs;%s CPU placement %s)\n\n' \
  "$R" "$N" "$SMALL" "$big_bytes" "$NEW_N" "${tls:+ tlsbig = $tls_big_bytes bytes;}" "$PIN"
printf '| mode | library | wall time (s) | throughput | client CPU (s) | peak RSS (KiB) | write calls |\n'
printf '|---|---|---:|---:|---:|---:|---:|\n'
for mode in $MODES; do
  unit=req/s; [[ $mode == *big ]] && unit=MB/s
  for lib in system ours; do
    printf '| %s | %s | %.3f | %.1f %s | %.3f | %.0f | %.0f |\n' "$mode" "$lib" \
      "$(col "$lib" "$mode" 3)" "$(col "$lib" "$mode" 4)" "$unit" "$(col "$lib" "$mode" 7)" \
      "$(col "$lib" "$mode" 5)" "$(col "$lib" "$mode" 8)"
  done
done
echo
printf '| mode | wall time ours/system | throughput ours/system | client CPU ours/system | peak RSS ours/system |\n'
printf '|---|---:|---:|---:|---:|\n'
for mode in $MODES; do
  awk -v ts="$(col system "$mode" 3)" -v to="$(col ours "$mode" 3)" \
      -v rs="$(col system "$mode" 4)" -v ro="$(col ours "$mode" 4)" \
      -v cs="$(col system "$mode" 7)" -v co="$(col ours "$mode" 7)" \
      -v ms="$(col system "$mode" 5)" -v mo="$(col ours "$mode" 5)" -v m="$mode" \
      'BEGIN { printf "| %s | %.2f | %.2f | %.2f | %.2f |\n", m, to / ts, ro / rs, co / cs, mo / ms }'
done
if [ -n "$tls" ]; then
  echo
  echo "TLS handshakes as nginx logged them (all runs; resumed = \$ssl_session_reused r):"
  echo
  printf '| mode | library | connections logged | resumed | protocol/cipher/group |\n'
  printf '|---|---|---:|---:|---|\n'
  for mode in $MODES; do
    [[ $mode == tls* ]] || continue
    for lib in system ours; do
      awk -v l="$lib" -v m="$mode" '$1 == l && $2 == m { h += $10; r += $11; p[$12] = 1 }
          END { s = ""; for (k in p) s = s (s == "" ? "" : ", ") k
                printf "| %s | %s | %d | %d | %s |\n", m, l, h, r, s }' "$tmp/samples"
    done
  done
fi
