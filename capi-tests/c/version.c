/* curl_version_info() and curl_version(): the fields programs read to decide what the
 * library can do (the curl tool reads age, protocols and feature_names; pycurl version_num;
 * R the strings). Only facts both libraries share are printed.
 * usage: version        the shared facts
 *        version tls    the TLS backend's facts, which differ by library: the name in
 *                       ssl_version and curl_version(), CURLINFO_TLS_SSL_PTR's backend, and
 *                       curl_global_sslset's answers and list of backends */
#include "testutil.h"

struct feature {
  const char *name;
  int bit;
};

/* libcurl 7.88.1's feature names and the bit each one stands for. */
static const struct feature known[] = {
  {"alt-svc", CURL_VERSION_ALTSVC},
  {"AsynchDNS", CURL_VERSION_ASYNCHDNS},
  {"brotli", CURL_VERSION_BROTLI},
  {"Debug", CURL_VERSION_DEBUG},
  {"gsasl", CURL_VERSION_GSASL},
  {"GSS-API", CURL_VERSION_GSSAPI},
  {"HSTS", CURL_VERSION_HSTS},
  {"HTTP2", CURL_VERSION_HTTP2},
  {"HTTP3", CURL_VERSION_HTTP3},
  {"HTTPS-proxy", CURL_VERSION_HTTPS_PROXY},
  {"IDN", CURL_VERSION_IDN},
  {"IPv6", CURL_VERSION_IPV6},
  {"Kerberos", CURL_VERSION_KERBEROS5},
  {"Largefile", CURL_VERSION_LARGEFILE},
  {"libz", CURL_VERSION_LIBZ},
  {"MultiSSL", CURL_VERSION_MULTI_SSL},
  {"NTLM", CURL_VERSION_NTLM},
  {"NTLM_WB", CURL_VERSION_NTLM_WB},
  {"PSL", CURL_VERSION_PSL},
  {"SPNEGO", CURL_VERSION_SPNEGO},
  {"SSL", CURL_VERSION_SSL},
  {"SSPI", CURL_VERSION_SSPI},
  {"threadsafe", CURL_VERSION_THREADSAFE},
  {"TLS-SRP", CURL_VERSION_TLSAUTH_SRP},
  {"TrackMemory", CURL_VERSION_CURLDEBUG},
  {"Unicode", CURL_VERSION_UNICODE},
  {"UnixSockets", CURL_VERSION_UNIX_SOCKETS},
  {"zstd", CURL_VERSION_ZSTD},
};
#define NKNOWN (sizeof(known) / sizeof(known[0]))

/* The features both libraries have; printing only these keeps the output comparable. */
static const char *const shared[] = {"AsynchDNS", "IPv6", "Largefile", "libz", "SSL",
                                     "threadsafe", "UnixSockets"};
#define NSHARED (sizeof(shared) / sizeof(shared[0]))

static const struct feature *lookup(const char *name)
{
  size_t i;
  for(i = 0; i < NKNOWN; i++)
    if(!strcmp(known[i].name, name))
      return &known[i];
  return NULL;
}

static int has_name(const curl_version_info_data *d, const char *name)
{
  const char *const *p;
  for(p = d->feature_names; *p; p++)
    if(!strcmp(*p, name))
      return 1;
  return 0;
}

static const char *str(const char *s)
{
  return s ? s : "NULL";
}

/* The name part of "name/version". */
static void print_name(const char *what, const char *s)
{
  const char *slash = s ? strchr(s, '/') : NULL;
  if(slash)
    printf("%s %.*s/\n", what, (int)(slash - s), s);
  else
    printf("%s %s (no slash)\n", what, str(s));
}

/* curl_global_sslset's answer, and with list, the backends it says are available. */
static void sslset(long id, const char *name, int list)
{
  const curl_ssl_backend **avail = NULL;
  const curl_ssl_backend **b;
  CURLsslset rc = curl_global_sslset((curl_sslbackend)id, name, &avail);
  printf("curl_global_sslset(%ld, %s) = %d", id, name ? name : "NULL", (int)rc);
  CHECK(avail);
  if(list) {
    printf(", available:");
    for(b = avail; *b; b++)
      printf(" {%d, %s}", (int)(*b)->id, str((*b)->name));
  }
  printf("\n");
}

/* What the TLS backend says of itself. */
static int tls(void)
{
  const curl_version_info_data *d = curl_version_info(CURLVERSION_NOW);
  const char *v = curl_version();
  struct curl_tlssessioninfo *ti = NULL;
  CURL *h = curl_easy_init();

  CHECK(d && v && h);
  print_name("ssl_version", d->ssl_version);
  /* The TLS library comes first after libcurl's own name. */
  CHECK(!strncmp(v, "libcurl/7.88.1 ", 15));
  print_name("curl_version's second word", v + 15);
  CHECK(d->ssl_version && !strncmp(v + 15, d->ssl_version, strlen(d->ssl_version)));
  printf("ssl_version_num %ld\n", d->ssl_version_num);

  OK(curl_easy_getinfo(h, CURLINFO_TLS_SSL_PTR, &ti));
  CHECK(ti);
  printf("TLS_SSL_PTR backend %d internals %s\n", (int)ti->backend,
         ti->internals ? "set" : "NULL");
  OK(curl_easy_getinfo(h, CURLINFO_TLS_SESSION, &ti));
  CHECK(ti);
  printf("TLS_SESSION backend %d internals %s\n", (int)ti->backend,
         ti->internals ? "set" : "NULL");
  curl_easy_cleanup(h);

  sslset(-1, NULL, 1);
  sslset(-1, "rustls", 1);
  sslset(-1, "RUSTLS", 1);
  sslset(-1, "openssl", 1);
  sslset(-1, "OpenSSL", 1);
  sslset(-1, "gnutls", 1);
  sslset(-1, "GnuTLS", 1);
  sslset(CURLSSLBACKEND_RUSTLS, NULL, 1);
  sslset(CURLSSLBACKEND_OPENSSL, NULL, 1);
  sslset(CURLSSLBACKEND_GNUTLS, NULL, 1);
  sslset(CURLSSLBACKEND_OPENSSL, "gnutls", 1);
  return 0;
}

int main(int argc, char **argv)
{
  const curl_version_info_data *d;
  CURL *h;
  char *s;
  const char *const *p;
  const char *v;
  size_t i;
  int n, http = 0, https = 0, consistent = 1;

  if(argc > 1 && !strcmp(argv[1], "tls"))
    return tls();
  d = curl_version_info(CURLVERSION_NOW);
  CHECK(d);
  printf("age %d\n", (int)d->age);
  printf("version %s\n", d->version);
  printf("version_num 0x%06x\n", d->version_num);
  CHECK(d->host && d->host[0]);

  for(i = 0; i < NSHARED; i++) {
    const struct feature *f = lookup(shared[i]);
    CHECK(f);
    printf("feature %s bit %s name %s\n", shared[i],
           (d->features & f->bit) ? "yes" : "no",
           has_name(d, shared[i]) ? "yes" : "no");
  }

  /* feature_names is NULL-terminated, every entry is a known name, unique, and the bit it
   * stands for is set; every known bit that is set has its name. */
  CHECK(d->feature_names);
  n = 0;
  for(p = d->feature_names; *p; p++, n++) {
    const struct feature *f = lookup(*p);
    const char *const *q;
    if(!f) {
      printf("unknown feature name %s\n", *p);
      consistent = 0;
      continue;
    }
    if(!(d->features & f->bit)) {
      printf("feature name %s without its bit\n", *p);
      consistent = 0;
    }
    for(q = d->feature_names; q < p; q++)
      if(!strcmp(*q, *p)) {
        printf("feature name %s twice\n", *p);
        consistent = 0;
      }
  }
  for(i = 0; i < NKNOWN; i++)
    if((d->features & known[i].bit) && !has_name(d, known[i].name)) {
      printf("bit of %s set without its name\n", known[i].name);
      consistent = 0;
    }
  printf("feature_names %s\n", (n > 0 && consistent) ? "consistent" : "INCONSISTENT");

  /* protocols: NULL-terminated, lower case. */
  CHECK(d->protocols);
  for(p = d->protocols; *p; p++) {
    const char *c;
    CHECK((*p)[0]);
    for(c = *p; *c; c++)
      CHECK(!(*c >= 'A' && *c <= 'Z'));
    if(!strcmp(*p, "http"))
      http = 1;
    if(!strcmp(*p, "https"))
      https = 1;
  }
  printf("protocol http %s\n", http ? "yes" : "no");
  printf("protocol https %s\n", https ? "yes" : "no");
  printf("https listed iff SSL %s\n",
         (https == !!(d->features & CURL_VERSION_SSL)) ? "yes" : "no");

  /* Asking for an older age still works (the library hands out its newest struct). */
  CHECK(curl_version_info(CURLVERSION_FIRST)->version_num == d->version_num);

  v = curl_version();
  CHECK(v);
  printf("curl_version starts with libcurl/7.88.1: %s\n",
         !strncmp(v, "libcurl/7.88.1", 14) ? "yes" : "no");
  printf("curl_version is stable: %s\n", !strcmp(v, curl_version()) ? "yes" : "no");

  /* TLS: a library, the default CA bundle and directory (Debian's), reported the same by
   * getinfo whatever CURLOPT_CAINFO/CAPATH say, and an OpenSSL-flavoured sslset (both
   * libraries accept OpenSSL; GnuTLS only ours, see the tls mode). */
  printf("ssl_version set %s\n", d->ssl_version && strchr(d->ssl_version, '/') ? "yes" : "no");
  printf("cainfo %s\n", str(d->cainfo));
  printf("capath %s\n", str(d->capath));
  h = curl_easy_init();
  CHECK(h);
  s = NULL;
  OK(curl_easy_getinfo(h, CURLINFO_CAINFO, &s));
  printf("CURLINFO_CAINFO %s\n", str(s));
  s = NULL;
  OK(curl_easy_getinfo(h, CURLINFO_CAPATH, &s));
  printf("CURLINFO_CAPATH %s\n", str(s));
  OK(curl_easy_setopt(h, CURLOPT_CAINFO, "/nonexistent/ca.pem"));
  OK(curl_easy_setopt(h, CURLOPT_CAPATH, "/nonexistent"));
  s = NULL;
  OK(curl_easy_getinfo(h, CURLINFO_CAINFO, &s));
  printf("CURLINFO_CAINFO after CURLOPT_CAINFO %s\n", str(s));
  s = NULL;
  OK(curl_easy_getinfo(h, CURLINFO_CAPATH, &s));
  printf("CURLINFO_CAPATH after CURLOPT_CAPATH %s\n", str(s));
  curl_easy_cleanup(h);
  sslset(-1, "openssl", 0);
  sslset(CURLSSLBACKEND_OPENSSL, NULL, 0);
  return 0;
}
