/*
 * curl/typecheck-gcc.h - compile-time checks of the arguments given to curl_easy_setopt()
 * and curl_easy_getinfo(), for GCC. curl.h includes it for GCC 4.3 and later when compiling
 * C (not C++), unless CURL_DISABLE_TYPECHECK is defined.
 *
 * When the option or info is a compile-time constant (GCC knows when optimising), an
 * argument of the wrong type makes GCC warn: "call to 'curltc_warn_...' declared with
 * attribute warning". The call itself is unchanged.
 *
 * This file is generated from the option table in src/capi/abi/easyoptions.rs by
 * src/capi/abi/typecheck_gcc.rs. Do not edit it by hand.
 */
#ifndef CURLINC_TYPECHECK_GCC_H
#define CURLINC_TYPECHECK_GCC_H

/* The checked calls. The option is evaluated once; the value only in the checks' sizeof and
   __typeof__, which do not evaluate it. */
#define curl_easy_setopt(handle, option, value) \
  __extension__({ \
    CURLoption curltc_opt = (option); \
    if(__builtin_constant_p(curltc_opt)) { \
      CURL_IGNORE_DEPRECATION(curltc_setopt_checks(curltc_opt, value)) \
    } \
    curl_easy_setopt(handle, curltc_opt, value); \
  })

#define curl_easy_getinfo(handle, info, arg) \
  __extension__({ \
    CURLINFO curltc_info = (info); \
    if(__builtin_constant_p(curltc_info)) { \
      CURL_IGNORE_DEPRECATION(curltc_getinfo_checks(curltc_info, arg)) \
    } \
    curl_easy_getinfo(handle, curltc_info, arg); \
  })

/* Only the number of arguments is checked for these. */
#define curl_share_setopt(share, opt, param) curl_share_setopt(share, opt, param)
#define curl_multi_setopt(handle, opt, param) curl_multi_setopt(handle, opt, param)

/* A function GCC warns about when a call to it is left after optimisation. */
#define curltc_warning(name, text) \
  static void __attribute__((__warning__(text))) __attribute__((__unused__)) \
  __attribute__((__noinline__)) name(void) { __asm__(""); }

/* Type tests. NULL is a 'void *', so any 'void *' passes where a pointer may be NULL. */
#define curltc_same(expr, type) __builtin_types_compatible_p(__typeof__(expr), type)
#define curltc_is_null(expr) curltc_same(expr, __typeof__(NULL))
#define curltc_is_ptr(expr, type) \
  (curltc_is_null(expr) || curltc_same(expr, type *) || curltc_same(expr, const type *))
#define curltc_is_arr(expr, type) (curltc_is_ptr(expr, type) || curltc_same(expr, type[]))
#define curltc_is_string(expr) \
  (curltc_is_arr(expr, char) || curltc_is_arr(expr, signed char) || \
   curltc_is_arr(expr, unsigned char))
#define curltc_is_long(expr) \
  (curltc_same(expr, long) || curltc_same(expr, unsigned long) || \
   curltc_same(expr, int) || curltc_same(expr, unsigned int) || \
   curltc_same(expr, short) || curltc_same(expr, unsigned short) || \
   curltc_same(expr, char) || curltc_same(expr, signed char) || \
   curltc_same(expr, unsigned char))
#define curltc_is_off_t(expr) curltc_same(expr, curl_off_t)
#define curltc_is_cb_data(expr) (sizeof(expr) == sizeof(void *))
#define curltc_is_error_buffer(expr) \
  (curltc_is_null(expr) || curltc_same(expr, char *) || curltc_same(expr, char[]))
#define curltc_is_file(expr) (curltc_is_null(expr) || curltc_same(expr, FILE *))
#define curltc_is_postfields(expr) \
  (curltc_is_ptr(expr, void) || curltc_is_arr(expr, char) || \
   curltc_is_arr(expr, unsigned char))
#define curltc_is_httppost(expr) curltc_is_arr(expr, struct curl_httppost)
#define curltc_is_mime(expr) curltc_is_ptr(expr, curl_mime)
#define curltc_is_slist(expr) curltc_is_arr(expr, struct curl_slist)
#define curltc_is_share(expr) curltc_is_ptr(expr, CURLSH)

/* A callback passes as a function or as a pointer to one. */
#define curltc_is_fn(expr, type) \
  (curltc_same(expr, type) || __builtin_types_compatible_p(__typeof__(expr) *, type))

/* The callback types each callback option accepts. */
typedef size_t (*curltc_write_cb0)(char *, size_t, size_t, void *);
typedef size_t (*curltc_write_cb1)(char *, size_t, size_t, const void *);
typedef size_t (*curltc_write_cb2)(char *, size_t, size_t, FILE *);
typedef size_t (*curltc_write_cb3)(const char *, size_t, size_t, void *);
typedef size_t (*curltc_write_cb4)(const char *, size_t, size_t, const void *);
typedef size_t (*curltc_write_cb5)(const char *, size_t, size_t, FILE *);
typedef size_t (*curltc_write_cb6)(void *, size_t, size_t, void *);
typedef size_t (*curltc_write_cb7)(void *, size_t, size_t, const void *);
typedef size_t (*curltc_write_cb8)(void *, size_t, size_t, FILE *);
typedef size_t (*curltc_write_cb9)(const void *, size_t, size_t, void *);
typedef size_t (*curltc_write_cb10)(const void *, size_t, size_t, const void *);
typedef size_t (*curltc_write_cb11)(const void *, size_t, size_t, FILE *);
#define curltc_is_write_cb(expr) \
  (curltc_is_null(expr) || curltc_is_fn(expr, curl_write_callback) || \
   curltc_is_read_cb(expr) || \
   curltc_is_fn(expr, curltc_write_cb0) || \
   curltc_is_fn(expr, curltc_write_cb1) || \
   curltc_is_fn(expr, curltc_write_cb2) || \
   curltc_is_fn(expr, curltc_write_cb3) || \
   curltc_is_fn(expr, curltc_write_cb4) || \
   curltc_is_fn(expr, curltc_write_cb5) || \
   curltc_is_fn(expr, curltc_write_cb6) || \
   curltc_is_fn(expr, curltc_write_cb7) || \
   curltc_is_fn(expr, curltc_write_cb8) || \
   curltc_is_fn(expr, curltc_write_cb9) || \
   curltc_is_fn(expr, curltc_write_cb10) || \
   curltc_is_fn(expr, curltc_write_cb11))
typedef size_t (*curltc_read_cb0)(char *, size_t, size_t, void *);
typedef size_t (*curltc_read_cb1)(char *, size_t, size_t, const void *);
typedef size_t (*curltc_read_cb2)(char *, size_t, size_t, FILE *);
typedef size_t (*curltc_read_cb3)(void *, size_t, size_t, void *);
typedef size_t (*curltc_read_cb4)(void *, size_t, size_t, const void *);
typedef size_t (*curltc_read_cb5)(void *, size_t, size_t, FILE *);
#define curltc_is_read_cb(expr) \
  (curltc_is_null(expr) || curltc_is_fn(expr, curl_read_callback) || \
   curltc_is_fn(expr, curltc_read_cb0) || \
   curltc_is_fn(expr, curltc_read_cb1) || \
   curltc_is_fn(expr, curltc_read_cb2) || \
   curltc_is_fn(expr, curltc_read_cb3) || \
   curltc_is_fn(expr, curltc_read_cb4) || \
   curltc_is_fn(expr, curltc_read_cb5))
#define curltc_is_resolver_start_cb(expr) \
  (curltc_is_null(expr) || curltc_is_fn(expr, curl_resolver_start_callback))
typedef curlioerr (*curltc_ioctl_cb0)(CURL *, int, void *);
typedef curlioerr (*curltc_ioctl_cb1)(CURL *, int, const void *);
typedef curlioerr (*curltc_ioctl_cb2)(CURL *, curliocmd, void *);
typedef curlioerr (*curltc_ioctl_cb3)(CURL *, curliocmd, const void *);
#define curltc_is_ioctl_cb(expr) \
  (curltc_is_null(expr) || curltc_is_fn(expr, curl_ioctl_callback) || \
   curltc_is_fn(expr, curltc_ioctl_cb0) || \
   curltc_is_fn(expr, curltc_ioctl_cb1) || \
   curltc_is_fn(expr, curltc_ioctl_cb2) || \
   curltc_is_fn(expr, curltc_ioctl_cb3))
typedef int (*curltc_sockopt_cb0)(void *, curl_socket_t, curlsocktype);
typedef int (*curltc_sockopt_cb1)(const void *, curl_socket_t, curlsocktype);
#define curltc_is_sockopt_cb(expr) \
  (curltc_is_null(expr) || curltc_is_fn(expr, curl_sockopt_callback) || \
   curltc_is_fn(expr, curltc_sockopt_cb0) || \
   curltc_is_fn(expr, curltc_sockopt_cb1))
typedef curl_socket_t (*curltc_opensocket_cb0)(void *, curlsocktype, struct curl_sockaddr *);
typedef curl_socket_t (*curltc_opensocket_cb1)(void *, curlsocktype, const struct curl_sockaddr *);
typedef curl_socket_t (*curltc_opensocket_cb2)(const void *, curlsocktype, struct curl_sockaddr *);
typedef curl_socket_t (*curltc_opensocket_cb3)(const void *, curlsocktype, const struct curl_sockaddr *);
#define curltc_is_opensocket_cb(expr) \
  (curltc_is_null(expr) || curltc_is_fn(expr, curl_opensocket_callback) || \
   curltc_is_fn(expr, curltc_opensocket_cb0) || \
   curltc_is_fn(expr, curltc_opensocket_cb1) || \
   curltc_is_fn(expr, curltc_opensocket_cb2) || \
   curltc_is_fn(expr, curltc_opensocket_cb3))
typedef int (*curltc_progress_cb0)(void *, double, double, double, double);
typedef int (*curltc_progress_cb1)(const void *, double, double, double, double);
#define curltc_is_progress_cb(expr) \
  (curltc_is_null(expr) || curltc_is_fn(expr, curl_progress_callback) || \
   curltc_is_fn(expr, curltc_progress_cb0) || \
   curltc_is_fn(expr, curltc_progress_cb1))
typedef int (*curltc_debug_cb0)(CURL *, curl_infotype, char *, size_t, void *);
typedef int (*curltc_debug_cb1)(CURL *, curl_infotype, char *, size_t, const void *);
typedef int (*curltc_debug_cb2)(CURL *, curl_infotype, const char *, size_t, void *);
typedef int (*curltc_debug_cb3)(CURL *, curl_infotype, const char *, size_t, const void *);
typedef int (*curltc_debug_cb4)(CURL *, curl_infotype, unsigned char *, size_t, void *);
typedef int (*curltc_debug_cb5)(CURL *, curl_infotype, unsigned char *, size_t, const void *);
typedef int (*curltc_debug_cb6)(CURL *, curl_infotype, const unsigned char *, size_t, void *);
typedef int (*curltc_debug_cb7)(CURL *, curl_infotype, const unsigned char *, size_t, const void *);
#define curltc_is_debug_cb(expr) \
  (curltc_is_null(expr) || curltc_is_fn(expr, curl_debug_callback) || \
   curltc_is_fn(expr, curltc_debug_cb0) || \
   curltc_is_fn(expr, curltc_debug_cb1) || \
   curltc_is_fn(expr, curltc_debug_cb2) || \
   curltc_is_fn(expr, curltc_debug_cb3) || \
   curltc_is_fn(expr, curltc_debug_cb4) || \
   curltc_is_fn(expr, curltc_debug_cb5) || \
   curltc_is_fn(expr, curltc_debug_cb6) || \
   curltc_is_fn(expr, curltc_debug_cb7))
typedef CURLcode (*curltc_ssl_ctx_cb0)(CURL *, void *, void *);
typedef CURLcode (*curltc_ssl_ctx_cb1)(CURL *, void *, const void *);
typedef CURLcode (*curltc_ssl_ctx_cb2)(CURL *, const void *, void *);
typedef CURLcode (*curltc_ssl_ctx_cb3)(CURL *, const void *, const void *);
#ifdef HEADER_SSL_H
typedef CURLcode (*curltc_ssl_ctx_ssl0)(CURL *, SSL_CTX *, void *);
typedef CURLcode (*curltc_ssl_ctx_ssl1)(CURL *, SSL_CTX *, const void *);
typedef CURLcode (*curltc_ssl_ctx_ssl2)(CURL *, const SSL_CTX *, void *);
typedef CURLcode (*curltc_ssl_ctx_ssl3)(CURL *, const SSL_CTX *, const void *);
#endif
#define curltc_is_ssl_ctx_cb(expr) \
  (curltc_is_null(expr) || curltc_is_fn(expr, curl_ssl_ctx_callback) || \
   curltc_is_fn(expr, curltc_ssl_ctx_cb0) || \
   curltc_is_fn(expr, curltc_ssl_ctx_cb1) || \
   curltc_is_fn(expr, curltc_ssl_ctx_cb2) || \
   curltc_is_fn(expr, curltc_ssl_ctx_cb3) || \
   curltc_is_ssl_ctx_ssl(expr))
#ifdef HEADER_SSL_H
#define curltc_is_ssl_ctx_ssl(expr) \
  (0 || curltc_is_fn(expr, curltc_ssl_ctx_ssl0) || curltc_is_fn(expr, curltc_ssl_ctx_ssl1) || curltc_is_fn(expr, curltc_ssl_ctx_ssl2) || curltc_is_fn(expr, curltc_ssl_ctx_ssl3))
#else
#define curltc_is_ssl_ctx_ssl(expr) 0
#endif
typedef CURLcode (*curltc_conv_cb0)(char *, size_t);
typedef CURLcode (*curltc_conv_cb1)(const char *, size_t);
typedef CURLcode (*curltc_conv_cb2)(void *, size_t);
typedef CURLcode (*curltc_conv_cb3)(const void *, size_t);
#define curltc_is_conv_cb(expr) \
  (curltc_is_null(expr) || curltc_is_fn(expr, curl_conv_callback) || \
   curltc_is_fn(expr, curltc_conv_cb0) || \
   curltc_is_fn(expr, curltc_conv_cb1) || \
   curltc_is_fn(expr, curltc_conv_cb2) || \
   curltc_is_fn(expr, curltc_conv_cb3))
typedef CURLcode (*curltc_seek_cb0)(void *, curl_off_t, int);
typedef CURLcode (*curltc_seek_cb1)(const void *, curl_off_t, int);
#define curltc_is_seek_cb(expr) \
  (curltc_is_null(expr) || curltc_is_fn(expr, curl_seek_callback) || \
   curltc_is_fn(expr, curltc_seek_cb0) || \
   curltc_is_fn(expr, curltc_seek_cb1))

/* Which options take what, from the option table. */
#define curltc_long_option(o) (0 < (o) && (o) < CURLOPTTYPE_OBJECTPOINT)
#define curltc_off_t_option(o) (CURLOPTTYPE_OFF_T < (o) && (o) < CURLOPTTYPE_BLOB)
#define curltc_string_option(o) \
  ((o) == CURLOPT_ABSTRACT_UNIX_SOCKET || \
   (o) == CURLOPT_ACCEPT_ENCODING || \
   (o) == CURLOPT_ALTSVC || \
   (o) == CURLOPT_AWS_SIGV4 || \
   (o) == CURLOPT_CAINFO || \
   (o) == CURLOPT_CAPATH || \
   (o) == CURLOPT_COOKIE || \
   (o) == CURLOPT_COOKIEFILE || \
   (o) == CURLOPT_COOKIEJAR || \
   (o) == CURLOPT_COOKIELIST || \
   (o) == CURLOPT_CRLFILE || \
   (o) == CURLOPT_CUSTOMREQUEST || \
   (o) == CURLOPT_DEFAULT_PROTOCOL || \
   (o) == CURLOPT_DNS_INTERFACE || \
   (o) == CURLOPT_DNS_LOCAL_IP4 || \
   (o) == CURLOPT_DNS_LOCAL_IP6 || \
   (o) == CURLOPT_DNS_SERVERS || \
   (o) == CURLOPT_DOH_URL || \
   (o) == CURLOPT_EGDSOCKET || \
   (o) == CURLOPT_FTPPORT || \
   (o) == CURLOPT_FTP_ACCOUNT || \
   (o) == CURLOPT_FTP_ALTERNATIVE_TO_USER || \
   (o) == CURLOPT_HSTS || \
   (o) == CURLOPT_INTERFACE || \
   (o) == CURLOPT_ISSUERCERT || \
   (o) == CURLOPT_KEYPASSWD || \
   (o) == CURLOPT_KRBLEVEL || \
   (o) == CURLOPT_LOGIN_OPTIONS || \
   (o) == CURLOPT_MAIL_AUTH || \
   (o) == CURLOPT_MAIL_FROM || \
   (o) == CURLOPT_NETRC_FILE || \
   (o) == CURLOPT_NOPROXY || \
   (o) == CURLOPT_PASSWORD || \
   (o) == CURLOPT_PINNEDPUBLICKEY || \
   (o) == CURLOPT_PRE_PROXY || \
   (o) == CURLOPT_PROTOCOLS_STR || \
   (o) == CURLOPT_PROXY || \
   (o) == CURLOPT_PROXYPASSWORD || \
   (o) == CURLOPT_PROXYUSERNAME || \
   (o) == CURLOPT_PROXYUSERPWD || \
   (o) == CURLOPT_PROXY_CAINFO || \
   (o) == CURLOPT_PROXY_CAPATH || \
   (o) == CURLOPT_PROXY_CRLFILE || \
   (o) == CURLOPT_PROXY_ISSUERCERT || \
   (o) == CURLOPT_PROXY_KEYPASSWD || \
   (o) == CURLOPT_PROXY_PINNEDPUBLICKEY || \
   (o) == CURLOPT_PROXY_SERVICE_NAME || \
   (o) == CURLOPT_PROXY_SSLCERT || \
   (o) == CURLOPT_PROXY_SSLCERTTYPE || \
   (o) == CURLOPT_PROXY_SSLKEY || \
   (o) == CURLOPT_PROXY_SSLKEYTYPE || \
   (o) == CURLOPT_PROXY_SSL_CIPHER_LIST || \
   (o) == CURLOPT_PROXY_TLS13_CIPHERS || \
   (o) == CURLOPT_PROXY_TLSAUTH_PASSWORD || \
   (o) == CURLOPT_PROXY_TLSAUTH_TYPE || \
   (o) == CURLOPT_PROXY_TLSAUTH_USERNAME || \
   (o) == CURLOPT_RANDOM_FILE || \
   (o) == CURLOPT_RANGE || \
   (o) == CURLOPT_REDIR_PROTOCOLS_STR || \
   (o) == CURLOPT_REFERER || \
   (o) == CURLOPT_REQUEST_TARGET || \
   (o) == CURLOPT_RTSP_SESSION_ID || \
   (o) == CURLOPT_RTSP_STREAM_URI || \
   (o) == CURLOPT_RTSP_TRANSPORT || \
   (o) == CURLOPT_SASL_AUTHZID || \
   (o) == CURLOPT_SERVICE_NAME || \
   (o) == CURLOPT_SOCKS5_GSSAPI_SERVICE || \
   (o) == CURLOPT_SSH_HOST_PUBLIC_KEY_MD5 || \
   (o) == CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256 || \
   (o) == CURLOPT_SSH_KNOWNHOSTS || \
   (o) == CURLOPT_SSH_PRIVATE_KEYFILE || \
   (o) == CURLOPT_SSH_PUBLIC_KEYFILE || \
   (o) == CURLOPT_SSLCERT || \
   (o) == CURLOPT_SSLCERTTYPE || \
   (o) == CURLOPT_SSLENGINE || \
   (o) == CURLOPT_SSLKEY || \
   (o) == CURLOPT_SSLKEYTYPE || \
   (o) == CURLOPT_SSL_CIPHER_LIST || \
   (o) == CURLOPT_SSL_EC_CURVES || \
   (o) == CURLOPT_TLS13_CIPHERS || \
   (o) == CURLOPT_TLSAUTH_PASSWORD || \
   (o) == CURLOPT_TLSAUTH_TYPE || \
   (o) == CURLOPT_TLSAUTH_USERNAME || \
   (o) == CURLOPT_UNIX_SOCKET_PATH || \
   (o) == CURLOPT_URL || \
   (o) == CURLOPT_USERAGENT || \
   (o) == CURLOPT_USERNAME || \
   (o) == CURLOPT_USERPWD || \
   (o) == CURLOPT_XOAUTH2_BEARER || \
   0)
#define curltc_slist_option(o) \
  ((o) == CURLOPT_CONNECT_TO || \
   (o) == CURLOPT_HTTP200ALIASES || \
   (o) == CURLOPT_HTTPHEADER || \
   (o) == CURLOPT_MAIL_RCPT || \
   (o) == CURLOPT_POSTQUOTE || \
   (o) == CURLOPT_PREQUOTE || \
   (o) == CURLOPT_PROXYHEADER || \
   (o) == CURLOPT_QUOTE || \
   (o) == CURLOPT_RESOLVE || \
   (o) == CURLOPT_TELNETOPTIONS || \
   0)
#define curltc_cb_data_option(o) \
  ((o) == CURLOPT_CHUNK_DATA || \
   (o) == CURLOPT_CLOSESOCKETDATA || \
   (o) == CURLOPT_DEBUGDATA || \
   (o) == CURLOPT_FNMATCH_DATA || \
   (o) == CURLOPT_HEADERDATA || \
   (o) == CURLOPT_HSTSREADDATA || \
   (o) == CURLOPT_HSTSWRITEDATA || \
   (o) == CURLOPT_INTERLEAVEDATA || \
   (o) == CURLOPT_IOCTLDATA || \
   (o) == CURLOPT_OPENSOCKETDATA || \
   (o) == CURLOPT_PREREQDATA || \
   (o) == CURLOPT_READDATA || \
   (o) == CURLOPT_RESOLVER_START_DATA || \
   (o) == CURLOPT_SEEKDATA || \
   (o) == CURLOPT_SOCKOPTDATA || \
   (o) == CURLOPT_SSH_HOSTKEYDATA || \
   (o) == CURLOPT_SSH_KEYDATA || \
   (o) == CURLOPT_SSL_CTX_DATA || \
   (o) == CURLOPT_TRAILERDATA || \
   (o) == CURLOPT_WRITEDATA || \
   (o) == CURLOPT_XFERINFODATA || \
   0)

/* The warnings. */
curltc_warning(curltc_warn_long, "curl_easy_setopt: this option takes a long")
curltc_warning(curltc_warn_off_t, "curl_easy_setopt: this option takes a curl_off_t")
curltc_warning(curltc_warn_string, "curl_easy_setopt: this option takes a string ('char *' or a char array)")
curltc_warning(curltc_warn_slist, "curl_easy_setopt: this option takes a 'struct curl_slist *'")
curltc_warning(curltc_warn_cb_data, "curl_easy_setopt: this option takes a data pointer")
curltc_warning(curltc_warn_write_cb, "curl_easy_setopt: this option takes a curl_write_callback")
curltc_warning(curltc_warn_read_cb, "curl_easy_setopt: this option takes a curl_read_callback")
curltc_warning(curltc_warn_resolver_start_cb, "curl_easy_setopt: this option takes a curl_resolver_start_callback")
curltc_warning(curltc_warn_ioctl_cb, "curl_easy_setopt: this option takes a curl_ioctl_callback")
curltc_warning(curltc_warn_sockopt_cb, "curl_easy_setopt: this option takes a curl_sockopt_callback")
curltc_warning(curltc_warn_opensocket_cb, "curl_easy_setopt: this option takes a curl_opensocket_callback")
curltc_warning(curltc_warn_progress_cb, "curl_easy_setopt: this option takes a curl_progress_callback")
curltc_warning(curltc_warn_debug_cb, "curl_easy_setopt: this option takes a curl_debug_callback")
curltc_warning(curltc_warn_ssl_ctx_cb, "curl_easy_setopt: this option takes a curl_ssl_ctx_callback")
curltc_warning(curltc_warn_conv_cb, "curl_easy_setopt: this option takes a curl_conv_callback")
curltc_warning(curltc_warn_seek_cb, "curl_easy_setopt: this option takes a curl_seek_callback")
curltc_warning(curltc_warn_errorbuffer, "curl_easy_setopt: this option takes a char buffer of CURL_ERROR_SIZE")
curltc_warning(curltc_warn_stderr, "curl_easy_setopt: this option takes a 'FILE *'")
curltc_warning(curltc_warn_postfields, "curl_easy_setopt: this option takes a 'void *' or 'char *'")
curltc_warning(curltc_warn_copypostfields, "curl_easy_setopt: this option takes a 'void *' or 'char *'")
curltc_warning(curltc_warn_httppost, "curl_easy_setopt: this option takes a 'struct curl_httppost *'")
curltc_warning(curltc_warn_mimepost, "curl_easy_setopt: this option takes a 'curl_mime *'")
curltc_warning(curltc_warn_share, "curl_easy_setopt: this option takes a 'CURLSH *'")
curltc_warning(curltc_warn_info_string, "curl_easy_getinfo: this info is written to a 'char *': pass its address")
curltc_warning(curltc_warn_info_long, "curl_easy_getinfo: this info is written to a long: pass its address")
curltc_warning(curltc_warn_info_double, "curl_easy_getinfo: this info is written to a double: pass its address")
curltc_warning(curltc_warn_info_slist, "curl_easy_getinfo: this info is written to a 'struct curl_slist *': pass its address")
curltc_warning(curltc_warn_info_tlssession, "curl_easy_getinfo: this info is written to a 'struct curl_tlssessioninfo *': pass its address")
curltc_warning(curltc_warn_info_certinfo, "curl_easy_getinfo: this info is written to a 'struct curl_certinfo *': pass its address")
curltc_warning(curltc_warn_info_socket, "curl_easy_getinfo: this info is written to a curl_socket_t: pass its address")
curltc_warning(curltc_warn_info_off_t, "curl_easy_getinfo: this info is written to a curl_off_t: pass its address")

/* The checks of one curl_easy_setopt() call. */
#define curltc_setopt_checks(o, value) \
  if(curltc_long_option(o)) { if(!curltc_is_long(value)) curltc_warn_long(); } \
  if(curltc_off_t_option(o)) { if(!curltc_is_off_t(value)) curltc_warn_off_t(); } \
  if(curltc_string_option(o)) { if(!curltc_is_string(value)) curltc_warn_string(); } \
  if(curltc_slist_option(o)) { if(!curltc_is_slist(value)) curltc_warn_slist(); } \
  if(curltc_cb_data_option(o)) { if(!curltc_is_cb_data(value)) curltc_warn_cb_data(); } \
  if((o) == CURLOPT_WRITEFUNCTION) { if(!curltc_is_write_cb(value)) curltc_warn_write_cb(); } \
  if((o) == CURLOPT_HEADERFUNCTION) { if(!curltc_is_write_cb(value)) curltc_warn_write_cb(); } \
  if((o) == CURLOPT_READFUNCTION) { if(!curltc_is_read_cb(value)) curltc_warn_read_cb(); } \
  if((o) == CURLOPT_RESOLVER_START_FUNCTION) { if(!curltc_is_resolver_start_cb(value)) curltc_warn_resolver_start_cb(); } \
  if((o) == CURLOPT_IOCTLFUNCTION) { if(!curltc_is_ioctl_cb(value)) curltc_warn_ioctl_cb(); } \
  if((o) == CURLOPT_SOCKOPTFUNCTION) { if(!curltc_is_sockopt_cb(value)) curltc_warn_sockopt_cb(); } \
  if((o) == CURLOPT_OPENSOCKETFUNCTION) { if(!curltc_is_opensocket_cb(value)) curltc_warn_opensocket_cb(); } \
  if((o) == CURLOPT_PROGRESSFUNCTION) { if(!curltc_is_progress_cb(value)) curltc_warn_progress_cb(); } \
  if((o) == CURLOPT_DEBUGFUNCTION) { if(!curltc_is_debug_cb(value)) curltc_warn_debug_cb(); } \
  if((o) == CURLOPT_SSL_CTX_FUNCTION) { if(!curltc_is_ssl_ctx_cb(value)) curltc_warn_ssl_ctx_cb(); } \
  if((o) == CURLOPT_CONV_TO_NETWORK_FUNCTION) { if(!curltc_is_conv_cb(value)) curltc_warn_conv_cb(); } \
  if((o) == CURLOPT_CONV_FROM_NETWORK_FUNCTION) { if(!curltc_is_conv_cb(value)) curltc_warn_conv_cb(); } \
  if((o) == CURLOPT_CONV_FROM_UTF8_FUNCTION) { if(!curltc_is_conv_cb(value)) curltc_warn_conv_cb(); } \
  if((o) == CURLOPT_SEEKFUNCTION) { if(!curltc_is_seek_cb(value)) curltc_warn_seek_cb(); } \
  if((o) == CURLOPT_ERRORBUFFER) { if(!curltc_is_error_buffer(value)) curltc_warn_errorbuffer(); } \
  if((o) == CURLOPT_STDERR) { if(!curltc_is_file(value)) curltc_warn_stderr(); } \
  if((o) == CURLOPT_POSTFIELDS) { if(!curltc_is_postfields(value)) curltc_warn_postfields(); } \
  if((o) == CURLOPT_COPYPOSTFIELDS) { if(!curltc_is_postfields(value)) curltc_warn_copypostfields(); } \
  if((o) == CURLOPT_HTTPPOST) { if(!curltc_is_httppost(value)) curltc_warn_httppost(); } \
  if((o) == CURLOPT_MIMEPOST) { if(!curltc_is_mime(value)) curltc_warn_mimepost(); } \
  if((o) == CURLOPT_SHARE) { if(!curltc_is_share(value)) curltc_warn_share(); } \
  (void)0;

/* The checks of one curl_easy_getinfo() call, by the info's type bits. */
#define curltc_getinfo_checks(i, arg) \
  if(CURLINFO_STRING < (i) && (i) < CURLINFO_LONG && (i) != CURLINFO_PRIVATE) { if(!curltc_is_arr(arg, char *)) curltc_warn_info_string(); } \
  if(CURLINFO_LONG < (i) && (i) < CURLINFO_DOUBLE) { if(!curltc_is_arr(arg, long)) curltc_warn_info_long(); } \
  if(CURLINFO_DOUBLE < (i) && (i) < CURLINFO_SLIST) { if(!curltc_is_arr(arg, double)) curltc_warn_info_double(); } \
  if((i) == CURLINFO_SSL_ENGINES || (i) == CURLINFO_COOKIELIST) { if(!curltc_is_arr(arg, struct curl_slist *)) curltc_warn_info_slist(); } \
  if((i) == CURLINFO_TLS_SSL_PTR || (i) == CURLINFO_TLS_SESSION) { if(!curltc_is_arr(arg, struct curl_tlssessioninfo *)) curltc_warn_info_tlssession(); } \
  if((i) == CURLINFO_CERTINFO) { if(!curltc_is_arr(arg, struct curl_certinfo *)) curltc_warn_info_certinfo(); } \
  if(CURLINFO_SOCKET < (i) && (i) < CURLINFO_OFF_T) { if(!curltc_is_arr(arg, curl_socket_t)) curltc_warn_info_socket(); } \
  if(CURLINFO_OFF_T < (i)) { if(!curltc_is_arr(arg, curl_off_t)) curltc_warn_info_off_t(); } \
  (void)0;

#endif /* CURLINC_TYPECHECK_GCC_H */
