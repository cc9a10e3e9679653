/* HTTP proxies: requests forwarded by a proxy (absolute target, Proxy-Connection,
 * Proxy-Authorization), proxies from the environment and CURLOPT_NOPROXY, CONNECT tunnels
 * (HTTPPROXYTUNNEL), the proxy's refusal, CURLOPT_PROXYHEADER with CURLOPT_HEADEROPT, and
 * proxies that cannot be used. The test server plays the proxy; origin names resolve to it
 * too (CURLOPT_RESOLVE), so a request that went direct shows in its request line.
 *
 * usage: proxy MODE PROXY-PORT
 *   forward   two origins through CURLOPT_PROXY on one handle, then one with credentials
 *   env       http_proxy from the environment, then NOPROXY naming the origin
 *   tunnel    HTTPPROXYTUNNEL with CURLOPT_HEADER (the CONNECT answer shows in the output)
 *   suppress  the same with SUPPRESS_CONNECT_HEADERS
 *   refused   the proxy answers CONNECT with 407
 *   headers   PROXYHEADER and HTTPHEADER, separate (the default) and unified, forwarded
 *             and tunnelled
 *   bad       proxies that cannot be used: a dead port, an unknown scheme */
#include "testutil.h"

#include <unistd.h>

static char proxy[64];
static const char *port;
static struct curl_slist *resolve;

/* The origin's URL for a path: origin.test on the test server's port. */
static const char *origin(const char *path)
{
  static char url[256];
  snprintf(url, sizeof(url), "http://origin.test:%s%s", port, path);
  return url;
}

static size_t discard_header(char *p, size_t size, size_t n, void *u)
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
  OK(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, discard_header));
  return h;
}

/* One transfer, and what it reports. */
static void run(CURL *h, const char *what, const char *url)
{
  struct buf body = {NULL, 0};
  char errbuf[CURL_ERROR_SIZE] = "";
  long code = -1, connectcode = -1, connects = -1, proxyavail = -1;
  CURLcode rc;
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  OK(curl_easy_getinfo(h, CURLINFO_HTTP_CONNECTCODE, &connectcode));
  OK(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects));
  OK(curl_easy_getinfo(h, CURLINFO_PROXYAUTH_AVAIL, &proxyavail));
  printf("%s: rc %d, code %ld, connect code %ld, connects %ld, proxyauth avail %ld\n", what,
         (int)rc, code, connectcode, connects, proxyavail);
  if(rc != CURLE_OK)
    printf("  error: %s\n", errbuf);
  print_quoted("  body", body.data ? body.data : "", body.len);
  printf("\n");
  buf_reset(&body);
}

static void forward(void)
{
  CURL *h = handle();
  OK(curl_easy_setopt(h, CURLOPT_PROXY, proxy));
  run(h, "first origin", origin("/one#frag"));
  run(h, "second origin, same proxy connection", "http://other.test:81/two?q=1");
  OK(curl_easy_setopt(h, CURLOPT_PROXYUSERPWD, "proxyuser:proxy secret"));
  OK(curl_easy_setopt(h, CURLOPT_USERPWD, "user:secret"));
  run(h, "with proxy and server credentials", origin("/three"));
  curl_easy_cleanup(h);
  /* With several methods allowed, a fresh handle sends nothing before the proxy asks. */
  h = handle();
  OK(curl_easy_setopt(h, CURLOPT_PROXY, proxy));
  OK(curl_easy_setopt(h, CURLOPT_PROXYUSERPWD, "proxyuser:proxy secret"));
  OK(curl_easy_setopt(h, CURLOPT_PROXYAUTH, (long)CURLAUTH_ANY));
  run(h, "PROXYAUTH any", origin("/four"));
  curl_easy_cleanup(h);
}

static void env(void)
{
  CURL *h = handle();
  CHECK(setenv("http_proxy", proxy, 1) == 0);
  run(h, "http_proxy", origin("/env"));
  OK(curl_easy_setopt(h, CURLOPT_NOPROXY, "example.com, origin.test"));
  run(h, "NOPROXY names the origin", origin("/direct"));
  OK(curl_easy_setopt(h, CURLOPT_NOPROXY, "example.com"));
  OK(curl_easy_setopt(h, CURLOPT_PROXY, ""));
  run(h, "PROXY \"\" turns it off", origin("/off"));
  curl_easy_cleanup(h);
}

static void tunnel(int suppress)
{
  CURL *h = handle();
  OK(curl_easy_setopt(h, CURLOPT_PROXY, proxy));
  OK(curl_easy_setopt(h, CURLOPT_HTTPPROXYTUNNEL, 1L));
  OK(curl_easy_setopt(h, CURLOPT_HEADER, 1L));
  OK(curl_easy_setopt(h, CURLOPT_PROXYUSERPWD, "tunneller:pw"));
  OK(curl_easy_setopt(h, CURLOPT_USERAGENT, "proxy-test/1"));
  if(suppress)
    OK(curl_easy_setopt(h, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L));
  run(h, "through the tunnel", origin("/tunnelled"));
  run(h, "again, same tunnel", origin("/again"));
  curl_easy_cleanup(h);
}

static void refused(void)
{
  CURL *h = handle();
  OK(curl_easy_setopt(h, CURLOPT_PROXY, proxy));
  OK(curl_easy_setopt(h, CURLOPT_HTTPPROXYTUNNEL, 1L));
  run(h, "CONNECT refused", origin("/no"));
  curl_easy_cleanup(h);
}

static void headers(void)
{
  struct curl_slist *server = curl_slist_append(NULL, "X-For-Server: 1");
  struct curl_slist *prx = curl_slist_append(NULL, "X-For-Proxy: 1");
  CURL *h = handle();
  CHECK(server && prx);
  OK(curl_easy_setopt(h, CURLOPT_PROXY, proxy));
  OK(curl_easy_setopt(h, CURLOPT_HTTPHEADER, server));
  OK(curl_easy_setopt(h, CURLOPT_PROXYHEADER, prx));
  run(h, "forwarded, separate", origin("/h1"));
  OK(curl_easy_setopt(h, CURLOPT_HEADEROPT, (long)CURLHEADER_UNIFIED));
  run(h, "forwarded, unified", origin("/h2"));
  OK(curl_easy_setopt(h, CURLOPT_HTTPPROXYTUNNEL, 1L));
  run(h, "tunnelled, unified", origin("/h3"));
  curl_easy_cleanup(h);
  h = handle();
  OK(curl_easy_setopt(h, CURLOPT_PROXY, proxy));
  OK(curl_easy_setopt(h, CURLOPT_HTTPHEADER, server));
  OK(curl_easy_setopt(h, CURLOPT_PROXYHEADER, prx));
  OK(curl_easy_setopt(h, CURLOPT_HTTPPROXYTUNNEL, 1L));
  run(h, "tunnelled, separate", origin("/h4"));
  curl_easy_cleanup(h);
  curl_slist_free_all(server);
  curl_slist_free_all(prx);
}

static void bad(const char *dead_port)
{
  CURL *h = handle();
  char dead[64];
  snprintf(dead, sizeof(dead), "127.0.0.1:%s", dead_port);
  OK(curl_easy_setopt(h, CURLOPT_PROXY, dead));
  run(h, "dead proxy", origin("/dead"));
  OK(curl_easy_setopt(h, CURLOPT_PROXY, "foo://127.0.0.1:1"));
  run(h, "unknown proxy scheme", origin("/foo"));
  curl_easy_cleanup(h);
}

int main(int argc, char **argv)
{
  const char *mode;
  CHECK(argc >= 3);
  mode = argv[1];
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  port = argv[2];
  snprintf(proxy, sizeof(proxy), "http://127.0.0.1:%s", port);
  {
    char entry[128];
    snprintf(entry, sizeof(entry), "origin.test:%s:127.0.0.1", port);
    resolve = curl_slist_append(NULL, entry);
  }
  CHECK(resolve);
  if(!strcmp(mode, "forward"))
    forward();
  else if(!strcmp(mode, "env"))
    env();
  else if(!strcmp(mode, "tunnel"))
    tunnel(0);
  else if(!strcmp(mode, "suppress"))
    tunnel(1);
  else if(!strcmp(mode, "refused"))
    refused();
  else if(!strcmp(mode, "headers"))
    headers();
  else if(!strcmp(mode, "bad")) {
    CHECK(argc == 4);
    bad(argv[3]);
  }
  else
    CHECK(!"unknown mode");
  curl_slist_free_all(resolve);
  curl_global_cleanup();
  return 0;
}
