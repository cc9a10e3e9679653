#ifndef CURLINC_CURLVER_H
#define CURLINC_CURLVER_H
/*
 * curl/curlver.h - the libcurl release whose interface this library provides.
 */

#define LIBCURL_COPYRIGHT "Daniel Stenberg, <daniel@haxx.se>."

/* Release as text, and its three numeric components. */
#define LIBCURL_VERSION "7.88.1"
#define LIBCURL_VERSION_MAJOR 7
#define LIBCURL_VERSION_MINOR 88
#define LIBCURL_VERSION_PATCH 1

/* The same release as one number: 0xXXYYZZ for major XX, minor YY, patch ZZ. */
#define LIBCURL_VERSION_NUM 0x075801

/* Release date of that libcurl version. */
#define LIBCURL_TIMESTAMP "2023-02-20"

/* Builds a version number in the LIBCURL_VERSION_NUM encoding. */
#define CURL_VERSION_BITS(x, y, z) ((x) << 16 | (y) << 8 | (z))

/* True when these headers are at least version x.y.z. */
#define CURL_AT_LEAST_VERSION(x, y, z) \
  (LIBCURL_VERSION_NUM >= CURL_VERSION_BITS(x, y, z))

#endif /* CURLINC_CURLVER_H */
