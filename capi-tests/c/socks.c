/* SOCKS proxies: transfers to the test server through a SOCKS4, SOCKS4a, SOCKS5 or SOCKS5h
 * proxy named by CURLOPT_PROXY (a scheme, or a plain host:port with CURLOPT_PROXYTYPE or
 * CURLOPT_PROXYPORT), with the credentials of CURLOPT_PROXYUSERPWD, CURLOPT_PROXYUSERNAME
 * and CURLOPT_PROXYPASSWORD or the proxy URL, and what a refusing, rejecting or closing proxy
 * makes of a transfer (CURLE_PROXY and CURLINFO_PROXY_ERROR).
 *
 * usage: socks SOCKS-PORT PROXY [OPTION...] URL...
 *   PROXY    the CURLOPT_PROXY string; "-" leaves it unset (the environment may name one)
 *   OPTION   type=socks4|socks4a|socks5|socks5h|http   CURLOPT_PROXYTYPE
 *            port=N                                    CURLOPT_PROXYPORT
 *            userpwd=USER:PASSWORD                     CURLOPT_PROXYUSERPWD
 *            user=USER  password=PASSWORD              CURLOPT_PROXYUSERNAME, ..PASSWORD
 *            longuser=N                                CURLOPT_PROXYUSERPWD of N 'u's and
 *                                                      the password "pw"
 *            longpassword=N                            CURLOPT_PROXYUSERPWD of the user
 *                                                      "alice" and N 'p's
 *            auth=N                                    CURLOPT_SOCKS5_AUTH (its return
 *                                                      code is printed)
 *   URL      one transfer each, in order, on one handle (an argument with "://"); or
 *            "longhost=N PORT": a transfer to http://hhh...h.test:PORT/long, N 'h's
 *
 * The SOCKS port is the proxy's, not the test server's, so it is printed as {socks}.
 *
 * Which SOCKS5 methods a library offers depends on whether it was built with GSS-API, so
 * that feature goes to stderr ("gss-api 0" or "gss-api 1"), for the test to expect the
 * right greeting of each library. */
#include "testutil.h"

#include <ctype.h>
#include <stdarg.h>

static const char *socks_port;

/* Print like printf, with every whole-number occurrence of the SOCKS port replaced. */
static void out(const char *fmt, ...)
{
  char line[2 * CURL_ERROR_SIZE + 512];
  size_t plen = strlen(socks_port);
  const char *p = line;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof(line), fmt, ap);
  va_end(ap);
  while(*p) {
    int at_start = p == line || !isdigit((unsigned char)p[-1]);
    if(at_start && !strncmp(p, socks_port, plen) && !isdigit((unsigned char)p[plen])) {
      fputs("{socks}", stdout);
      p += plen;
    }
    else
      putchar(*p++);
  }
}

static long proxy_type(const char *name)
{
  if(!strcmp(name, "socks4"))
    return CURLPROXY_SOCKS4;
  if(!strcmp(name, "socks4a"))
    return CURLPROXY_SOCKS4A;
  if(!strcmp(name, "socks5"))
    return CURLPROXY_SOCKS5;
  if(!strcmp(name, "socks5h"))
    return CURLPROXY_SOCKS5_HOSTNAME;
  if(!strcmp(name, "http"))
    return CURLPROXY_HTTP;
  CHECK(!"unknown proxy type");
  return -1;
}

static size_t discard_header(char *p, size_t size, size_t n, void *u)
{
  (void)p;
  (void)u;
  return size * n;
}

static void option(CURL *h, const char *opt)
{
  const char *v = strchr(opt, '=');
  size_t klen;
  CHECK(v);
  klen = (size_t)(v - opt);
  v++;
#define KEY(k) (klen == strlen(k) && !strncmp(opt, k, klen))
  if(KEY("type"))
    OK(curl_easy_setopt(h, CURLOPT_PROXYTYPE, proxy_type(v)));
  else if(KEY("port"))
    OK(curl_easy_setopt(h, CURLOPT_PROXYPORT, atol(v)));
  else if(KEY("userpwd"))
    OK(curl_easy_setopt(h, CURLOPT_PROXYUSERPWD, v));
  else if(KEY("user"))
    OK(curl_easy_setopt(h, CURLOPT_PROXYUSERNAME, v));
  else if(KEY("password"))
    OK(curl_easy_setopt(h, CURLOPT_PROXYPASSWORD, v));
  else if(KEY("auth")) {
    CURLcode rc = curl_easy_setopt(h, CURLOPT_SOCKS5_AUTH, (unsigned long)atol(v));
    out("CURLOPT_SOCKS5_AUTH %s: rc %d\n", v, (int)rc);
  }
  else if(KEY("longuser")) {
    long n = atol(v);
    char *up = malloc((size_t)n + 4);
    CHECK(up && n > 0);
    memset(up, 'u', (size_t)n);
    strcpy(up + n, ":pw");
    OK(curl_easy_setopt(h, CURLOPT_PROXYUSERPWD, up));
    free(up);
  }
  else if(KEY("longpassword")) {
    long n = atol(v);
    char *up = malloc((size_t)n + 7);
    CHECK(up && n > 0);
    strcpy(up, "alice:");
    memset(up + 6, 'p', (size_t)n);
    up[6 + n] = '\0';
    OK(curl_easy_setopt(h, CURLOPT_PROXYUSERPWD, up));
    free(up);
  }
  else
    CHECK(!"unknown option");
#undef KEY
}

/* One transfer, and what it reports. */
static void transfer(CURL *h, int n, const char *url)
{
  struct buf body = {NULL, 0};
  char errbuf[CURL_ERROR_SIZE] = "";
  long code = -1, connectcode = -1, proxyerror = -1, connects = -1, port = -1;
  char *ip = NULL;
  CURLcode rc;
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  OK(curl_easy_getinfo(h, CURLINFO_HTTP_CONNECTCODE, &connectcode));
  OK(curl_easy_getinfo(h, CURLINFO_PROXY_ERROR, &proxyerror));
  OK(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects));
  OK(curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip));
  OK(curl_easy_getinfo(h, CURLINFO_PRIMARY_PORT, &port));
  out("transfer %d: rc %d (%s), code %ld, connect code %ld, proxy error %ld, connects %ld\n", n,
      (int)rc, curl_easy_strerror(rc), code, connectcode, proxyerror, connects);
  out("  primary %s port %ld\n", ip ? ip : "(null)", port);
  if(rc != CURLE_OK)
    out("  error: %s\n", errbuf);
  print_quoted("  body", body.data ? body.data : "", body.len);
  buf_reset(&body);
}

int main(int argc, char **argv)
{
  CURL *h;
  int i, n = 0;
  CHECK(argc >= 4);
  socks_port = argv[1];
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  fprintf(stderr, "gss-api %d\n",
          !!(curl_version_info(CURLVERSION_NOW)->features & CURL_VERSION_GSSAPI));
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, discard_header));
  /* A hang is a failure, not a wait for the harness's kill. */
  OK(curl_easy_setopt(h, CURLOPT_TIMEOUT, 15L));
  if(strcmp(argv[2], "-"))
    OK(curl_easy_setopt(h, CURLOPT_PROXY, argv[2]));
  for(i = 3; i < argc; i++) {
    if(!strncmp(argv[i], "longhost=", 9)) {
      /* A host name too long for the proxy protocols: the URL is made here. */
      long len = atol(argv[i] + 9);
      char *url = malloc((size_t)len + 64);
      CHECK(url && len > 0 && i + 1 < argc);
      strcpy(url, "http://");
      memset(url + 7, 'h', (size_t)len);
      snprintf(url + 7 + len, 57, ".test:%s/long", argv[++i]);
      transfer(h, ++n, url);
      free(url);
    }
    else if(strstr(argv[i], "://"))
      transfer(h, ++n, argv[i]);
    else {
      CHECK(n == 0);
      option(h, argv[i]);
    }
  }
  CHECK(n > 0);
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
