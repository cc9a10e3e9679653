#!/bin/sh
# Installs the library the way a C library is installed: the shared library under its
# versioned file name with the libcurl.so.4 and libcurl.so links (and libcurl-gnutls.so.4
# for programs linked against Debian's GnuTLS flavour), libcurl.a, the headers,
# libcurl.pc for pkg-config and the curl-config script.
#
# usage: ./install.sh [--prefix DIR] [--libdir DIR] [--includedir DIR] [--bindir DIR]
#                     [--from DIR] [--no-gnutls-name]
#
#   --prefix DIR      where to install (default: $PREFIX, else /usr/local)
#   --libdir DIR      libraries, libcurl.pc under DIR/pkgconfig (default: PREFIX/lib)
#   --includedir DIR  headers, under DIR/curl (default: PREFIX/include)
#   --bindir DIR      curl-config (default: PREFIX/bin)
#   --from DIR        take libcurl.so and libcurl.a from DIR, already built; without it the
#                     script runs `cargo build --release` and takes them from target/release
#   --no-gnutls-name  do not add the libcurl-gnutls.so.4 link
#
# DESTDIR, when set, is put in front of every path written to (staged installs); the
# installed files name the final paths.
set -eu

# libcurl 7.88.1's numbers: its version, that version as curl-config's hexadecimal number,
# and the file name Debian gives the shared library (SONAME libcurl.so.4).
VERSION=7.88.1
VERNUM=075801
REALNAME=libcurl.so.4.8.0

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-/usr/local}
libdir= includedir= bindir= from= gnutls=yes

usage() {
  sed -n '7,21p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-1}"
}

while [ $# -gt 0 ]; do
  case $1 in
    --prefix) prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --libdir) libdir=$2; shift 2 ;;
    --libdir=*) libdir=${1#*=}; shift ;;
    --includedir) includedir=$2; shift 2 ;;
    --includedir=*) includedir=${1#*=}; shift ;;
    --bindir) bindir=$2; shift 2 ;;
    --bindir=*) bindir=${1#*=}; shift ;;
    --from) from=$2; shift 2 ;;
    --from=*) from=${1#*=}; shift ;;
    --no-gnutls-name) gnutls=no; shift ;;
    -h|--help) usage 0 ;;
    *) echo "install.sh: unknown argument: $1" >&2; usage 1 ;;
  esac
done
case $prefix in
  /*) ;;
  *) echo "install.sh: the prefix must be an absolute path: $prefix" >&2; exit 1 ;;
esac
prefix=${prefix%/}
libdir=${libdir:-$prefix/lib}
includedir=${includedir:-$prefix/include}
bindir=${bindir:-$prefix/bin}
destdir=${DESTDIR:-}

if [ -z "$from" ]; then
  (cd "$here" && cargo build --release)
  from=${CARGO_TARGET_DIR:-$here/target}/release
fi
for f in libcurl.so libcurl.a; do
  [ -f "$from/$f" ] || { echo "install.sh: no $f in $from" >&2; exit 1; }
done

# What static linking needs besides libcurl.a (the Rust standard library's system libraries).
static_libs="-lpthread -ldl -lm"
# What the library does, as curl_version_info() reports it.
features="AsynchDNS IPv6 Largefile libz SSL threadsafe UnixSockets"
protocols="FILE HTTP HTTPS"
ca_bundle=/etc/ssl/certs/ca-certificates.crt

mkdir -p "$destdir$libdir/pkgconfig" "$destdir$includedir/curl" "$destdir$bindir"

# The shared library: a new file replaced in one step, so running programs keep the old one.
cp "$from/libcurl.so" "$destdir$libdir/.$REALNAME.new"
chmod 755 "$destdir$libdir/.$REALNAME.new"
mv -f "$destdir$libdir/.$REALNAME.new" "$destdir$libdir/$REALNAME"
ln -sfn "$REALNAME" "$destdir$libdir/libcurl.so.4"
ln -sfn libcurl.so.4 "$destdir$libdir/libcurl.so"
if [ "$gnutls" = yes ]; then
  ln -sfn "$REALNAME" "$destdir$libdir/libcurl-gnutls.so.4"
fi
cp "$from/libcurl.a" "$destdir$libdir/libcurl.a"
chmod 644 "$destdir$libdir/libcurl.a"

for h in "$here"/include/curl/*.h; do
  cp "$h" "$destdir$includedir/curl/"
  chmod 644 "$destdir$includedir/curl/$(basename "$h")"
done

# Directories the compiler and linker search anyway are left out of the flags.
case $includedir in
  /usr/include) cflags= ;;
  *) cflags="-I$includedir" ;;
esac
case $libdir in
  /usr/lib|/usr/lib64|/usr/lib/x86_64-linux-gnu|/lib|/lib64|/lib/x86_64-linux-gnu) libs=-lcurl ;;
  *) libs="-L$libdir -lcurl" ;;
esac

cat > "$destdir$libdir/pkgconfig/libcurl.pc" <<EOF
prefix=$prefix
exec_prefix=\${prefix}
libdir=$libdir
includedir=$includedir
supported_protocols="$protocols"
supported_features="$features"

Name: libcurl
Description: libcurl's API and ABI (7.88.1), written in Rust: HTTP and HTTPS
Version: $VERSION
Libs: -L\${libdir} -lcurl
Libs.private: $static_libs
Cflags: -I\${includedir}
EOF
chmod 644 "$destdir$libdir/pkgconfig/libcurl.pc"

cat > "$destdir$bindir/curl-config" <<EOF
#!/bin/sh
# How to build against the libcurl installed in $prefix (written by install.sh).
prefix='$prefix'
libdir='$libdir'
cflags='$cflags'
libs='$libs'
static_libs='$libdir/libcurl.a $static_libs'
version='$VERSION'
vernum='$VERNUM'
features='$features'
protocols='$protocols'
ca='$ca_bundle'
EOF
cat >> "$destdir$bindir/curl-config" <<'EOF'

usage() {
  cat <<USAGE
Usage: curl-config [OPTION]...

  --built-shared       "yes": the shared library is installed
  --ca                 the CA bundle the library verifies against by default
  --cc                 the C compiler
  --cflags             flags for compiling against libcurl
  --checkfor VERSION   exit 0 if this libcurl is VERSION or newer, else say so and exit 1
  --configure          the build's settings, in configure's terms
  --features           the library's features, one per line
  --help               this text
  --libs               flags for linking with the shared library
  --prefix             the installation prefix
  --protocols          the library's protocols, one per line
  --ssl-backends       the TLS backend
  --static-libs        flags for linking with libcurl.a
  --version            "libcurl" and the version
  --vernum             the version as a hexadecimal number, two digits a part
USAGE
  exit "$1"
}

# VERSION as one number, a part each in 8 bits; missing parts are 0.
number() {
  given=$1
  old_ifs=$IFS
  IFS=.
  set -- $1
  IFS=$old_ifs
  for part in "${1:-0}" "${2:-0}" "${3:-0}"; do
    case $part in
      ''|*[!0-9]*) echo "curl-config: not a version: $given" >&2; exit 1 ;;
    esac
  done
  echo $(( ($1 << 16) | (${2:-0} << 8) | ${3:-0} ))
}

[ $# -gt 0 ] || usage 1
while [ $# -gt 0 ]; do
  case $1 in
    --built-shared) echo yes ;;
    --ca) echo "$ca" ;;
    --cc) echo cc ;;
    --cflags) echo "$cflags" ;;
    --checkfor)
      checked=${2:-}
      [ -n "$checked" ] || { echo "curl-config: --checkfor needs a version" >&2; exit 1; }
      want=$(number "$checked") || exit 1
      if [ "$want" -gt "$(number "$version")" ]; then
        echo "requested version $checked is newer than existing $version"
        exit 1
      fi
      exit 0
      ;;
    --configure) echo " '--prefix=$prefix' '--libdir=$libdir' '--with-rustls'" ;;
    --features) for f in $features; do echo "$f"; done ;;
    --help) usage 0 ;;
    --libs) echo "$libs" ;;
    --prefix) echo "$prefix" ;;
    --protocols) for p in $protocols; do echo "$p"; done ;;
    --ssl-backends) echo rustls ;;
    --static-libs) echo "$static_libs" ;;
    --version) echo "libcurl $version"; exit 0 ;;
    --vernum) echo "$vernum"; exit 0 ;;
    *) echo "curl-config: unknown option: $1" >&2; usage 1 ;;
  esac
  shift
done
EOF
chmod 755 "$destdir$bindir/curl-config"

echo "installed libcurl $VERSION into ${destdir}$prefix"
