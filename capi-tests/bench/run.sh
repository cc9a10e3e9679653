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
#   BENCH_MODES="get big new tlsget tlsbig tlsnew tlsfull pipe1 pipe4 rttpipe1 rttpipe4"
#                     which modes to run:
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
#                     pipeC   HTTP/1.1 pipelining over C connections: BENCH_PIPE_N GETs of
#                             the small file through one multi handle (curl_multi_perform +
#                             poll), C x BENCH_PIPE_DEPTH transfers in flight,
#                             CURLMOPT_MAX_HOST_CONNECTIONS C, CURLMOPT_MAX_PIPELINE_LENGTH
#                             BENCH_PIPE_DEPTH; one transfer completes alone first (untimed)
#                             so that the library learns the server pipelines. Four clients:
#                               system       the system libcurl, CURLMOPT_PIPELINING 1 (which
#                                            7.88 accepts and ignores: one request at a time
#                                            per connection)
#                               ours-nopipe  ours, CURLMOPT_PIPELINING 0
#                               ours-pipe    ours, CURLMOPT_PIPELINING 1 (CURLPIPE_HTTP1)
#                               wrk          wrk -t1 -cC with a Lua script that writes
#                                            BENCH_PIPE_DEPTH requests back to back per round
#                                            (the ceiling), for BENCH_WRK_SECONDS
#                             Every transfer must be CURLE_OK, 200 and BENCH_SMALL bytes.
#                     rttpipeC  the same through delay_proxy.c, a proxy on 127.0.0.1 that
#                             delays each direction by half of BENCH_RTT_MS; BENCH_RTT_N GETs
#                             per pipelined run, BENCH_RTT_SEQ_N per run of system and
#                             ours-nopipe (one request per round trip per connection),
#                             BENCH_RTT_R repetitions
#                     The pipe modes use a second plain-http server in the same nginx with
#                     `tcp_nopush off`: with `sendfile on` + `tcp_nopush on` (the other
#                     server, as Debian ships it) nginx keeps the socket corked while
#                     pipelined requests are waiting, and small responses sit in the kernel
#                     for tens of ms (wrk got 1.2k instead of 47k req/s here).
#   BENCH_PIPE_DEPTH=50  pipeline length (see above)
#   BENCH_PIPE_N=10000   GETs per run of pipeC
#   BENCH_RTT_MS=10   round-trip time delay_proxy adds (BENCH_RTT_MS/2 each way)
#   BENCH_RTT_N=5000  GETs per pipelined run of rttpipeC
#   BENCH_RTT_SEQ_N=200  GETs per run of rttpipeC on the clients that do not pipeline
#   BENCH_RTT_R=3     repetitions of the rttpipeC modes
#   BENCH_WRK_SECONDS=1  duration of each wrk run (`apt-get install wrk`; without it the wrk
#                     column stays empty)
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
MODES=${BENCH_MODES:-get big new tlsget tlsbig tlsnew tlsfull pipe1 pipe4 rttpipe1 rttpipe4}
PIN=${BENCH_PIN:-split}
DEPTH=${BENCH_PIPE_DEPTH:-50}
PIPE_N=${BENCH_PIPE_N:-10000}
RTT_MS=${BENCH_RTT_MS:-10}
RTT_N=${BENCH_RTT_N:-5000}
RTT_SEQ_N=${BENCH_RTT_SEQ_N:-200}
RTT_R=${BENCH_RTT_R:-3}
WRK_S=${BENCH_WRK_SECONDS:-1}
for m in $MODES; do
  case $m in
    pipe[0-9]*|rttpipe[0-9]*) [[ ${m##*pipe} =~ ^[1-9][0-9]*$ ]] || {
        echo "bad mode $m: pipeC or rttpipeC with C >= 1 connections" >&2; exit 2; } ;;
  esac
done

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
pipe= rtt=
case " $MODES " in *" pipe"*|*" rttpipe"*) pipe=1 ;; esac
case " $MODES " in *" rttpipe"*) rtt=1 ;; esac
have_wrk=
if [ -n "$pipe" ]; then
  if command -v wrk >/dev/null 2>&1; then
    have_wrk=1 wrk_version=$(wrk --version 2>&1 | awk 'NR == 1 { print $1, $2 }') || true
  else echo "wrk is not installed (apt-get install wrk): the wrk column stays empty" >&2; fi
fi
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
nginx_pid= proxy_pid=
cleanup() {
  if [ -n "$proxy_pid" ]; then
    kill "$proxy_pid" 2>/dev/null || true
    wait "$proxy_pid" 2>/dev/null || true
  fi
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
[ -z "$rtt" ] || gcc -O2 -Wall -o "$tmp/delay_proxy" "$here/delay_proxy.c"

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

# The server for the pipe modes: as the first, but with tcp_nopush off (see the top).
pipe_server() {
  [ -n "$pipe" ] || return 0
  cat <<CONF
  server {
    listen 127.0.0.1:$1;
    tcp_nopush off;
    root $tmp/www;
    location / { }
  }
CONF
}

start_nginx() {
  local port=$1 tls_port=$2 pipe_port=$3
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
$(pipe_server "$pipe_port")
}
CONF
  ${server_pin[@]+"${server_pin[@]}"} nginx -p "$tmp" -c "$tmp/nginx.conf" 2>>"$tmp/logs/stderr.log" &
  nginx_pid=$!
  for _ in $(seq 100); do
    port_open "$port" && { [ -z "$tls" ] || port_open "$tls_port"; } &&
      { [ -z "$pipe" ] || port_open "$pipe_port"; } && return 0
    kill -0 "$nginx_pid" 2>/dev/null || break
    sleep 0.05
  done
  kill "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=
  return 1
}

port= tls_port= pipe_port=
for _ in 1 2 3 4 5; do
  p=$(free_port) tp=$(free_port) pp=$(free_port)
  [ "$p" != "$tp" ] && [ "$p" != "$pp" ] && [ "$tp" != "$pp" ] || continue
  if start_nginx "$p" "$tp" "$pp"; then port=$p tls_port=$tp pipe_port=$pp; break; fi
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
pipe_url="http://127.0.0.1:$pipe_port/small"
small_bytes=$(stat -c %s "$tmp/www/small")

# The latency proxy in front of the pipe server, on the server's CPU (it plays the network).
rtt_url=
if [ -n "$rtt" ]; then
  half=$(awk -v r="$RTT_MS" 'BEGIN { printf "%.3f", r / 2 }')
  ${server_pin[@]+"${server_pin[@]}"} "$tmp/delay_proxy" 127.0.0.1:0 "127.0.0.1:$pipe_port" \
    "$half" > "$tmp/proxy.addr" 2> "$tmp/logs/proxy.log" &
  proxy_pid=$!
  for _ in $(seq 100); do
    [ -s "$tmp/proxy.addr" ] && break
    kill -0 "$proxy_pid" 2>/dev/null || break
    sleep 0.05
  done
  [ -s "$tmp/proxy.addr" ] || { echo "delay_proxy did not start:" >&2; cat "$tmp/logs/proxy.log" >&2; exit 1; }
  rtt_url="http://$(head -n 1 "$tmp/proxy.addr")/small"
fi

# wrk's pipelining: BENCH_PIPE_DEPTH copies of the request written at once, the next round
# when all their responses are in (wrk's own scripts/pipeline.lua).
cat > "$tmp/pipeline.lua" <<'LUA'
init = function(args)
  local depth = tonumber(args[1]) or 1
  local r = {}
  for i = 1, depth do
    r[i] = wrk.format()
  end
  req = table.concat(r)
end

request = function()
  return req
end
LUA

is_pipe() { [[ $1 == pipe[0-9]* || $1 == rttpipe[0-9]* ]]; }
clients() { if is_pipe "$1"; then echo "system ours-nopipe ours-pipe${have_wrk:+ wrk}"; else echo "system ours"; fi; }

# --- running -------------------------------------------------------------------------------
# run LIB MODE: one run; appends "LIB MODE seconds rate maxrss_kb connects cpu_s calls largest
# handshakes resumed tls" to the samples file (cpu_s: the client's user + system CPU time
# during the transfers; for https modes, from nginx's log: how many connections it logged,
# how many of them resumed a session, and the protocol/cipher/group of the last one)
run() {
  local lib=$1 mode=$2 out logged=0 want hs=- res=- params=-
  local -a cmd
  if is_pipe "$mode"; then run_pipe "$@"; return; fi
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

# run_pipe CLIENT MODE [warm]: one run of pipeC / rttpipeC (a tenth of the requests when
# warming up); appends "CLIENT MODE seconds rate maxrss_kb connects cpu_s calls largest - - -
# conns n" to the samples file (conns: connections the timed transfers used; for wrk, -c)
run_pipe() {
  local lib=$1 mode=$2 c=${2##*pipe} url=$pipe_url n=$PIPE_N out pl=1
  local -a cmd
  if [[ $mode == rtt* ]]; then
    url=$rtt_url n=$RTT_N
    case $lib in system|ours-nopipe) n=$RTT_SEQ_N ;; esac
  fi
  [ -z "${3:-}" ] || n=$(( n >= 10 ? n / 10 : 1 ))
  if [ "$lib" = wrk ]; then
    out=$(${client_pin[@]+"${client_pin[@]}"} wrk -t1 -c"$c" -d"${WRK_S}s" \
            -s "$tmp/pipeline.lua" "$url" -- "$DEPTH" 2>&1) || {
      echo "FAILED: wrk $mode:" >&2; echo "$out" >&2; exit 1; }
    if grep -q "Socket errors\|Non-2xx" <<<"$out"; then
      echo "FAILED: wrk $mode reported errors:" >&2; echo "$out" >&2; exit 1
    fi
    awk -v mode="$mode" -v c="$c" '
      / requests in / { n = $1; s = $4; sub(/s,$/, "", s) }
      /^Requests\/sec:/ { r = $2 }
      END { if (r == "") exit 1
            printf "wrk %s %s %s - %d - - - - - - %d %d\n", mode, s, r, c, c, n }' \
      <<<"$out" >> "$tmp/samples" || { echo "FAILED: wrk $mode: no rate in" >&2; echo "$out" >&2; exit 1; }
  else
    [ "$lib" = ours-nopipe ] && pl=0
    cmd=(${client_pin[@]+"${client_pin[@]}"} "$tmp/bench" --prime --size "$small_bytes"
         --pipelining "$pl" --max-pipeline-length "$DEPTH" --max-host-connections "$c"
         multi "$url" "$n" $((c * DEPTH)))
    if [ "$lib" = system ]; then
      out=$(env -u LD_LIBRARY_PATH "${cmd[@]}") || { echo "FAILED: $lib $mode: ${cmd[*]}" >&2; exit 1; }
    else
      out=$(LD_LIBRARY_PATH="$tmp/lib" "${cmd[@]}") || { echo "FAILED: $lib $mode: ${cmd[*]}" >&2; exit 1; }
    fi
    echo "$out" | awk -v lib="$lib" -v mode="$mode" '
      /^RESULT/ {
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        printf "%s %s %s %s %s %s %.6f %s %s - - - %s %s\n", lib, mode, v["seconds"], v["rate"],
          v["maxrss_kb"], v["connects"], v["user_s"] + v["sys_s"], v["calls"], v["largest"],
          v["conns"], v["n"]
      }' >> "$tmp/samples"
  fi
  tail -n 1 "$tmp/samples" | awk '{ printf "  %-11s %-9s %6d GETs %7.3f s %10.1f req/s  cpu %6s s  rss %6s KiB  connections %s\n",
      $1, $2, $14, $3, $4, $7, $5, $13 }' >&2
}

echo "system: $sys_so" >&2
echo "ours:   $ours" >&2
echo "server: nginx $(nginx -v 2>&1 | sed 's|.*/||') on 127.0.0.1:$port${tls:+ and https on 127.0.0.1:$tls_port}, get=$SMALL bytes, big=$big_bytes bytes${tls:+, tlsbig=$tls_big_bytes bytes}" >&2
echo "N=$N NEW_N=$NEW_N R=$R modes: $MODES; CPU placement: $PIN${client_pin[*]:+ (client: ${client_pin[*]}, nginx: ${server_pin[*]})}" >&2
[ -z "$pipe" ] || echo "pipe modes: pipe server 127.0.0.1:$pipe_port (tcp_nopush off), depth $DEPTH, PIPE_N=$PIPE_N${rtt:+; rttpipe through delay_proxy at $rtt_url (${RTT_MS} ms round trip, on the nginx CPU), RTT_N=$RTT_N RTT_SEQ_N=$RTT_SEQ_N RTT_R=$RTT_R}${have_wrk:+; $wrk_version, ${WRK_S} s per run}" >&2

# One unmeasured warm-up of each mode on each library (page cache, nginx, the loader).
# (The pipe modes: a tenth of the requests, and no wrk.)
: > "$tmp/samples"
for mode in $MODES; do
  for lib in $(clients "$mode"); do
    [ "$lib" != wrk ] || continue
    ( run "$lib" "$mode" warm ) >/dev/null 2>"$tmp/logs/warm-up.log" || {
      echo "FAILED: warm-up $lib $mode:" >&2; cat "$tmp/logs/warm-up.log" >&2; exit 1; }
  done
done
: > "$tmp/samples"

# Alternate the clients, and rotate which one goes first on every repetition.
for mode in $MODES; do
  echo "mode $mode:" >&2
  reps=$R
  [[ $mode != rttpipe* ]] || reps=$RTT_R
  read -r -a all <<<"$(clients "$mode")"
  for r in $(seq "$reps"); do
    for k in $(seq 0 $((${#all[@]} - 1))); do
      run "${all[$(( (k + r - 1) % ${#all[@]} ))]}" "$mode"
    done
  done
done

[ -n "${BENCH_KEEP:-}" ] && cp "$tmp/samples" "$tmp/samples.txt"

# Stop the proxy now: it reports what it carried when it exits.
if [ -n "$proxy_pid" ]; then
  kill "$proxy_pid" 2>/dev/null || true
  wait "$proxy_pid" 2>/dev/null || true
  proxy_pid=
fi

median() { sort -g | awk '{ a[NR] = $1 } END { if (a[1] == "-") print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# col LIB MODE FIELD: the median of that field over the runs ("-" when it has no numbers)
col() {
  awk -v l="$1" -v m="$2" -v c="$3" '$1 == l && $2 == m && $c != "-" { print $c; n++ }
      END { if (!n) print "-" }' "$tmp/samples" | median
}

plain_modes= pipe_modes=
for mode in $MODES; do
  if is_pipe "$mode"; then pipe_modes+=" $mode"; else plain_modes+=" $mode"; fi
done

if [ -n "$plain_modes" ]; then
echo
printf 'medians of %s runs each (N=%s GETs of %s bytes; big = %s bytes; new: %s GETs;%s CPU placement %s)\n\n' \
  "$R" "$N" "$SMALL" "$big_bytes" "$NEW_N" "${tls:+ tlsbig = $tls_big_bytes bytes;}" "$PIN"
printf '| mode | library | wall time (s) | throughput | client CPU (s) | peak RSS (KiB) | write calls |\n'
printf '|---|---|---:|---:|---:|---:|---:|\n'
for mode in $plain_modes; do
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
for mode in $plain_modes; do
  awk -v ts="$(col system "$mode" 3)" -v to="$(col ours "$mode" 3)" \
      -v rs="$(col system "$mode" 4)" -v ro="$(col ours "$mode" 4)" \
      -v cs="$(col system "$mode" 7)" -v co="$(col ours "$mode" 7)" \
      -v ms="$(col system "$mode" 5)" -v mo="$(col ours "$mode" 5)" -v m="$mode" \
      'BEGIN { printf "| %s | %.2f | %.2f | %.2f | %.2f |\n", m, to / ts, ro / rs, co / cs, mo / ms }'
done
fi

if [ -n "$pipe_modes" ]; then
  # fmt FORMAT VALUE: VALUE formatted, or "-" when it is not a number (wrk's CPU and RSS)
  fmt() { if [[ $2 =~ ^[0-9.eE+-]+$ && $2 != - ]]; then printf "$1" "$2"; else printf -- -; fi; }
  echo
  printf 'pipelining: medians of %s runs (%s on rttpipe modes); GETs of %s bytes, %s transfers in flight per connection (CURLMOPT_MAX_PIPELINE_LENGTH %s, wrk pipeline depth %s); CPU placement %s\n\n' \
    "$R" "$RTT_R" "$small_bytes" "$DEPTH" "$DEPTH" "$DEPTH" "$PIN"
  printf '| mode | round trip | connections | client | GETs per run | wall time (s) | req/s | client CPU (s) | peak RSS (KiB) | connections used |\n'
  printf '|---|---|---:|---|---:|---:|---:|---:|---:|---:|\n'
  for mode in $pipe_modes; do
    rt=loopback; [[ $mode == rtt* ]] && rt="$RTT_MS ms"
    for lib in $(clients "$mode"); do
      printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$mode" "$rt" "${mode##*pipe}" "$lib" \
        "$(fmt %.0f "$(col "$lib" "$mode" 14)")" "$(fmt %.3f "$(col "$lib" "$mode" 3)")" \
        "$(fmt %.0f "$(col "$lib" "$mode" 4)")" "$(fmt %.3f "$(col "$lib" "$mode" 7)")" \
        "$(fmt %.0f "$(col "$lib" "$mode" 5)")" "$(fmt %.0f "$(col "$lib" "$mode" 13)")"
    done
  done
  echo
  printf '| mode | round trip | connections | system libcurl | ours, not pipelined | ours, pipelined | wrk, pipelined | pipelined / not (ours) | ours pipelined / system | ours pipelined / wrk |\n'
  printf '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
  for mode in $pipe_modes; do
    rt=loopback; [[ $mode == rtt* ]] && rt="$RTT_MS ms"
    s_=$(col system "$mode" 4) n_=$(col ours-nopipe "$mode" 4) p_=$(col ours-pipe "$mode" 4)
    w_=-; [ -z "$have_wrk" ] || w_=$(col wrk "$mode" 4)
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$mode" "$rt" "${mode##*pipe}" \
      "$(fmt %.0f "$s_")" "$(fmt %.0f "$n_")" "$(fmt %.0f "$p_")" "$(fmt %.0f "$w_")" \
      "$(fmt %.2f "$(awk -v a="$p_" -v b="$n_" 'BEGIN { print a / b }')")" \
      "$(fmt %.2f "$(awk -v a="$p_" -v b="$s_" 'BEGIN { print a / b }')")" \
      "$(fmt %.2f "$(awk -v a="$p_" -v b="$w_" 'BEGIN { if (b + 0 > 0) print a / b; else print "-" }')")"
  done
  echo
  echo "req/s of each run, in run order:"
  for mode in $pipe_modes; do
    for lib in $(clients "$mode"); do
      awk -v l="$lib" -v m="$mode" '$1 == l && $2 == m { s = s (s == "" ? "" : ", ") sprintf("%.0f", $4) }
          END { printf "- %s %s: %s\n", m, l, s }' "$tmp/samples"
    done
  done
  [ -z "$rtt" ] || echo "delay_proxy: $(sed -n 's/^delay_proxy: //p' "$tmp/logs/proxy.log" 2>/dev/null)"
fi
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
