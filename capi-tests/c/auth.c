/* HTTP authentication: which methods CURLOPT_HTTPAUTH / CURLOPT_PROXYAUTH take, Basic
 * picked from a 401's or 407's challenge, the method a handle remembers for its next
 * transfers, and what CURLINFO_HTTPAUTH_AVAIL / PROXYAUTH_AVAIL report.
 *
 * usage: auth MODE PORT
 *   refused    HTTPAUTH and PROXYAUTH sets without Basic after Basic: what setopt answers,
 *              then a transfer with USERPWD (ours only: no method is left to send)
 *   setopt     what HTTPAUTH answers for sets with Basic
 *   only       BASIC|ONLY, then BASIC|DIGEST_IE (a handle each) against Basic challenges
 *   twice      CURLAUTH_ANY + USERPWD: two transfers on one handle, then one to another
 *              host name, then one after a redirect to another host
 *   upload     CURLAUTH_ANY + USERPWD: a GET picks Basic, then a chunked POST from a read
 *              callback without a seek callback
 *   avail      the methods of several WWW-Authenticate headers and challenges
 *   forward    PROXYAUTH ANY through a forwarding proxy, twice on one handle
 *   tunnel     PROXYAUTH ANY with HTTPPROXYTUNNEL, twice on one handle
 *   both       PROXYAUTH ANY and HTTPAUTH ANY through a forwarding proxy */
#include "testutil.h"

static const char *port;
static struct curl_slist *resolve;

static const char *url_of(const char *host, const char *path)
{
  static char url[256];
  snprintf(url, sizeof(url), "http://%s:%s%s", host, port, path);
  return url;
}

static size_t discard(char *p, size_t size, size_t n, void *u)
{
  (void)p;
  (void)u;
  return size * n;
}

static CURL *handle(void)
{
  CURL *h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_RESOLVE, resolve));
  OK(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, discard));
  return h;
}

static void run(CURL *h, const char *what, const char *url)
{
  struct buf body = {NULL, 0};
  long code = -1, connectcode = -1, hostavail = -1, proxyavail = -1, connects = -1;
  CURLcode rc;
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  OK(curl_easy_getinfo(h, CURLINFO_HTTP_CONNECTCODE, &connectcode));
  OK(curl_easy_getinfo(h, CURLINFO_HTTPAUTH_AVAIL, &hostavail));
  OK(curl_easy_getinfo(h, CURLINFO_PROXYAUTH_AVAIL, &proxyavail));
  OK(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects));
  printf("%s: rc %d, code %ld, connect code %ld, httpauth avail %ld, proxyauth avail %ld, "
         "connects %ld, body \"%s\"\n",
         what, (int)rc, code, connectcode, hostavail, proxyavail, connects,
         body.data ? body.data : "");
  buf_reset(&body);
}

static void refused(void)
{
  CURL *h = handle();
  char proxy[64];
  OK(curl_easy_setopt(h, CURLOPT_USERPWD, "user:secret"));
  OK(curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC));
  printf("HTTPAUTH DIGEST -> %d\n",
         (int)curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_DIGEST));
  run(h, "digest only", url_of("127.0.0.1", "/digest"));
  printf("HTTPAUTH ANYSAFE -> %d\n",
         (int)curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANYSAFE));
  printf("HTTPAUTH NTLM|NEGOTIATE|BEARER|AWS_SIGV4|DIGEST_IE -> %d\n",
         (int)curl_easy_setopt(h, CURLOPT_HTTPAUTH,
                               (long)(CURLAUTH_NTLM | CURLAUTH_NEGOTIATE | CURLAUTH_BEARER |
                                      CURLAUTH_AWS_SIGV4 | CURLAUTH_DIGEST_IE)));
  printf("HTTPAUTH ONLY -> %d\n",
         (int)curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_ONLY));
  run(h, "none left", url_of("127.0.0.1", "/none"));
  OK(curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC));
  snprintf(proxy, sizeof(proxy), "http://127.0.0.1:%s", port);
  OK(curl_easy_setopt(h, CURLOPT_PROXY, proxy));
  OK(curl_easy_setopt(h, CURLOPT_PROXYUSERPWD, "puser:psecret"));
  printf("PROXYAUTH DIGEST -> %d\n",
         (int)curl_easy_setopt(h, CURLOPT_PROXYAUTH, (long)CURLAUTH_DIGEST));
  run(h, "proxy digest only", url_of("origin.test", "/proxied"));
  curl_easy_cleanup(h);
}

static void setopt_answers(void)
{
  static const struct {
    const char *name;
    unsigned long bits;
  } sets[] = {
    {"NONE", CURLAUTH_NONE},
    {"BASIC", CURLAUTH_BASIC},
    {"ANY", CURLAUTH_ANY},
    {"BASIC|ONLY", CURLAUTH_BASIC | CURLAUTH_ONLY},
    {"BASIC|DIGEST", CURLAUTH_BASIC | CURLAUTH_DIGEST},
    {"BASIC|DIGEST_IE", CURLAUTH_BASIC | CURLAUTH_DIGEST_IE},
  };
  size_t i;
  CURL *h = handle();
  for(i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
    printf("HTTPAUTH %s -> %d\n", sets[i].name,
           (int)curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)sets[i].bits));
    printf("PROXYAUTH %s -> %d\n", sets[i].name,
           (int)curl_easy_setopt(h, CURLOPT_PROXYAUTH, (long)sets[i].bits));
  }
  curl_easy_cleanup(h);
}

static void only(void)
{
  CURL *h = handle();
  OK(curl_easy_setopt(h, CURLOPT_USERPWD, "user:secret"));
  OK(curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)(CURLAUTH_BASIC | CURLAUTH_ONLY)));
  run(h, "basic only", url_of("127.0.0.1", "/only"));
  curl_easy_cleanup(h);
  h = handle();
  OK(curl_easy_setopt(h, CURLOPT_USERPWD, "user:secret"));
  OK(curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)(CURLAUTH_BASIC | CURLAUTH_DIGEST_IE)));
  run(h, "basic or digest ie", url_of("127.0.0.1", "/ie"));
  curl_easy_cleanup(h);
}

static void twice(void)
{
  CURL *h = handle();
  OK(curl_easy_setopt(h, CURLOPT_USERPWD, "user:secret"));
  OK(curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY));
  run(h, "first", url_of("127.0.0.1", "/first"));
  run(h, "second", url_of("127.0.0.1", "/second"));
  run(h, "other host name", url_of("other.test", "/other"));
  OK(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
  run(h, "redirected", url_of("127.0.0.1", "/moved"));
  curl_easy_cleanup(h);
}

struct source {
  const char *data;
  size_t left;
};

static size_t read_cb(char *buf, size_t size, size_t n, void *u)
{
  struct source *s = (struct source *)u;
  size_t want = size * n;
  if(want > s->left)
    want = s->left;
  memcpy(buf, s->data, want);
  s->data += want;
  s->left -= want;
  return want;
}

static void upload(void)
{
  struct source src = {"a body that cannot be rewound", 29};
  struct curl_slist *chunked = curl_slist_append(NULL, "Transfer-Encoding: chunked");
  CURL *h = handle();
  OK(curl_easy_setopt(h, CURLOPT_USERPWD, "user:secret"));
  OK(curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY));
  run(h, "get", url_of("127.0.0.1", "/get"));
  OK(curl_easy_setopt(h, CURLOPT_POST, 1L));
  OK(curl_easy_setopt(h, CURLOPT_HTTPHEADER, chunked));
  OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb));
  OK(curl_easy_setopt(h, CURLOPT_READDATA, &src));
  run(h, "chunked post", url_of("127.0.0.1", "/post"));
  curl_easy_cleanup(h);
  curl_slist_free_all(chunked);
}

static void avail(void)
{
  CURL *h = handle();
  run(h, "no credentials", url_of("127.0.0.1", "/a"));
  /* A new handle: the one before remembers what was offered (libcurl's authhost.avail). */
  curl_easy_cleanup(h);
  h = handle();
  OK(curl_easy_setopt(h, CURLOPT_USERPWD, "user:secret"));
  OK(curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY));
  run(h, "any", url_of("127.0.0.1", "/b"));
  curl_easy_cleanup(h);
}

static void proxied(int tunnel, int server)
{
  char proxy[64];
  CURL *h = handle();
  snprintf(proxy, sizeof(proxy), "http://127.0.0.1:%s", port);
  OK(curl_easy_setopt(h, CURLOPT_PROXY, proxy));
  OK(curl_easy_setopt(h, CURLOPT_PROXYUSERPWD, "puser:psecret"));
  OK(curl_easy_setopt(h, CURLOPT_PROXYAUTH, (long)CURLAUTH_ANY));
  if(tunnel)
    OK(curl_easy_setopt(h, CURLOPT_HTTPPROXYTUNNEL, 1L));
  if(server) {
    OK(curl_easy_setopt(h, CURLOPT_USERPWD, "user:secret"));
    OK(curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY));
  }
  run(h, "first", url_of("origin.test", "/first"));
  run(h, "second", url_of("origin.test", "/second"));
  curl_easy_cleanup(h);
}

int main(int argc, char **argv)
{
  char entry[128];
  const char *mode;
  CHECK(argc == 3);
  mode = argv[1];
  port = argv[2];
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  snprintf(entry, sizeof(entry), "origin.test:%s:127.0.0.1", port);
  resolve = curl_slist_append(NULL, entry);
  snprintf(entry, sizeof(entry), "other.test:%s:127.0.0.1", port);
  resolve = curl_slist_append(resolve, entry);
  if(!strcmp(mode, "refused"))
    refused();
  else if(!strcmp(mode, "setopt"))
    setopt_answers();
  else if(!strcmp(mode, "only"))
    only();
  else if(!strcmp(mode, "twice"))
    twice();
  else if(!strcmp(mode, "upload"))
    upload();
  else if(!strcmp(mode, "avail"))
    avail();
  else if(!strcmp(mode, "forward"))
    proxied(0, 0);
  else if(!strcmp(mode, "tunnel"))
    proxied(1, 0);
  else if(!strcmp(mode, "both"))
    proxied(0, 1);
  else {
    fprintf(stderr, "unknown mode %s\n", mode);
    return 1;
  }
  curl_slist_free_all(resolve);
  curl_global_cleanup();
  return 0;
}
