/* curl_version_info() and curl_version(): the fields programs read to decide what the
 * library can do (the curl tool reads age, protocols and feature_names; pycurl version_num;
 * R the strings). Only facts both libraries share are printed. */
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
static const char *const shared[] = {"AsynchDNS", "IPv6", "Largefile", "libz",
                                     "threadsafe"};
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

int main(void)
{
  const curl_version_info_data *d = curl_version_info(CURLVERSION_NOW);
  const char *const *p;
  const char *v;
  size_t i;
  int n, http = 0, https = 0, consistent = 1;

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
  printf("https listed iff SSL %s\n",
         (https == !!(d->features & CURL_VERSION_SSL)) ? "yes" : "no");

  /* Asking for an older age still works (the library hands out its newest struct). */
  CHECK(curl_version_info(CURLVERSION_FIRST)->version_num == d->version_num);

  v = curl_version();
  CHECK(v);
  printf("curl_version starts with libcurl/7.88.1: %s\n",
         !strncmp(v, "libcurl/7.88.1", 14) ? "yes" : "no");
  printf("curl_version is stable: %s\n", !strcmp(v, curl_version()) ? "yes" : "no");
  return 0;
}
