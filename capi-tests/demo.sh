#!/usr/bin/env bash
# A short demonstration of the library's job: a libcurl program built against the system's
# libcurl runs unchanged on ours, swapped in with LD_LIBRARY_PATH, fetching a page from a
# server on loopback.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
lib="$top/target/release/libcurl.so"
[ -f "$lib" ] || { echo "build first: cargo build --release" >&2; exit 1; }

# Programs ask the loader for libcurl.so.4: give it ours under that name.
libdir="$top/target/release/swap"
mkdir -p "$libdir"
ln -sf "$lib" "$libdir/libcurl.so.4"

www=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$www"' EXIT
printf 'Hello from a loopback server.\n' > "$www/hello.txt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 "$port" --directory "$www" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  python3 - "$port" <<'PY' 2>/dev/null && break
import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.2).close()
PY
  sleep 0.1
done

unset http_proxy HTTP_PROXY all_proxy ALL_PROXY
bin="$libdir/fetch"
gcc -o "$bin" "$top/capi-tests/demo/fetch.c" -lcurl
url="http://127.0.0.1:$port/hello.txt"
echo "\$ ./fetch $url      # linked against the system libcurl"
"$bin" "$url"
echo
echo "\$ LD_LIBRARY_PATH=$libdir ./fetch $url"
LD_LIBRARY_PATH="$libdir" "$bin" "$url"
echo
echo "\$ LD_LIBRARY_PATH=$libdir ldd ./fetch | grep libcurl"
LD_LIBRARY_PATH="$libdir" ldd "$bin" | grep libcurl
