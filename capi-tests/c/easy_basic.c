/* The easy handle without a server: init/cleanup, unknown options, NULL handles, getinfo
 * before any transfer, reset, duphandle, URLs that fail before connecting, and the options
 * Debian's curl tool sets on every plain GET, each set to the tool's (default) value. */
#include "testutil.h"

static size_t sink(char *ptr, size_t size, size_t nmemb, void *userp)
{
  (void)ptr;
  (void)userp;
  return size * nmemb;
}

static size_t source(char *ptr, size_t size, size_t nmemb, void *userp)
{
  (void)ptr;
  (void)size;
  (void)nmemb;
  (void)userp;
  return 0;
}

static int seeker(void *userp, curl_off_t offset, int origin)
{
  (void)userp;
  (void)offset;
  (void)origin;
  return CURL_SEEKFUNC_CANTSEEK;
}

#define SET(h, opt, val) printf("setopt %-28s %d\n", #opt, (int)curl_easy_setopt(h, opt, val))

/* The options and values curl 7.88.1's tool sets for `curl -s URL` (in its order). The tool
 * checks every return code and gives up on any failure, so each must be accepted.
 * HTTP_VERSION is left out: the tool sets CURL_HTTP_VERSION_2TLS only when the library
 * reports HTTP2, which the two libraries do not both do. */
static void tool_options(CURL *h, char *errbuf)
{
  SET(h, CURLOPT_SHARE, (CURLSH *)NULL);
  SET(h, CURLOPT_QUICK_EXIT, 1L);
  SET(h, CURLOPT_WRITEDATA, (void *)stdout);
  SET(h, CURLOPT_INTERLEAVEDATA, (void *)stdout);
  SET(h, CURLOPT_WRITEFUNCTION, sink);
  SET(h, CURLOPT_READDATA, (void *)stdin);
  SET(h, CURLOPT_READFUNCTION, source);
  SET(h, CURLOPT_SEEKDATA, (void *)stdin);
  SET(h, CURLOPT_SEEKFUNCTION, seeker);
  SET(h, CURLOPT_BUFFERSIZE, 102400L);
  SET(h, CURLOPT_URL, "http://127.0.0.1/");
  SET(h, CURLOPT_NOPROGRESS, 1L);
  SET(h, CURLOPT_PROXY, (char *)NULL);
  SET(h, CURLOPT_PROXYUSERPWD, (char *)NULL);
  SET(h, CURLOPT_HTTPPROXYTUNNEL, 0L);
  SET(h, CURLOPT_NOPROXY, (char *)NULL);
  SET(h, CURLOPT_SUPPRESS_CONNECT_HEADERS, 0L);
  SET(h, CURLOPT_FAILONERROR, 0L);
  SET(h, CURLOPT_REQUEST_TARGET, (char *)NULL);
  SET(h, CURLOPT_UPLOAD, 0L);
  SET(h, CURLOPT_DIRLISTONLY, 0L);
  SET(h, CURLOPT_APPEND, 0L);
  SET(h, CURLOPT_NETRC, 0L);
  SET(h, CURLOPT_TRANSFERTEXT, 0L);
  SET(h, CURLOPT_USERPWD, (char *)NULL);
  SET(h, CURLOPT_RANGE, (char *)NULL);
  SET(h, CURLOPT_ERRORBUFFER, errbuf);
  SET(h, CURLOPT_TIMEOUT_MS, 0L);
  SET(h, CURLOPT_HTTPHEADER, (struct curl_slist *)NULL);
  SET(h, CURLOPT_REFERER, (char *)NULL);
  SET(h, CURLOPT_USERAGENT, "curl/7.88.1");
  SET(h, CURLOPT_FOLLOWLOCATION, 0L);
  SET(h, CURLOPT_UNRESTRICTED_AUTH, 0L);
  SET(h, CURLOPT_AUTOREFERER, 0L);
  SET(h, CURLOPT_MAXREDIRS, 50L);
  SET(h, CURLOPT_POSTREDIR, 0L);
  SET(h, CURLOPT_HTTP09_ALLOWED, 0L);
  SET(h, CURLOPT_FTPPORT, (char *)NULL);
  SET(h, CURLOPT_LOW_SPEED_LIMIT, 0L);
  SET(h, CURLOPT_LOW_SPEED_TIME, 0L);
  SET(h, CURLOPT_MAX_SEND_SPEED_LARGE, (curl_off_t)0);
  SET(h, CURLOPT_MAX_RECV_SPEED_LARGE, (curl_off_t)0);
  SET(h, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)0);
  SET(h, CURLOPT_KEYPASSWD, (char *)NULL);
  SET(h, CURLOPT_PROXY_KEYPASSWD, (char *)NULL);
  SET(h, CURLOPT_CAINFO, "/etc/ssl/certs/ca-certificates.crt");
  SET(h, CURLOPT_SSLCERT, (char *)NULL);
  SET(h, CURLOPT_PROXY_SSLCERT, (char *)NULL);
  SET(h, CURLOPT_SSLCERTTYPE, (char *)NULL);
  SET(h, CURLOPT_PROXY_SSLCERTTYPE, (char *)NULL);
  SET(h, CURLOPT_SSLKEY, (char *)NULL);
  SET(h, CURLOPT_PROXY_SSLKEY, (char *)NULL);
  SET(h, CURLOPT_SSLKEYTYPE, (char *)NULL);
  SET(h, CURLOPT_PROXY_SSLKEYTYPE, (char *)NULL);
  SET(h, CURLOPT_AWS_SIGV4, (char *)NULL);
  SET(h, CURLOPT_SSL_VERIFYPEER, 1L);
  SET(h, CURLOPT_PROXY_SSL_VERIFYPEER, 1L);
  SET(h, CURLOPT_SSLVERSION, 0L);
  SET(h, CURLOPT_CRLF, 0L);
  SET(h, CURLOPT_QUOTE, (struct curl_slist *)NULL);
  SET(h, CURLOPT_POSTQUOTE, (struct curl_slist *)NULL);
  SET(h, CURLOPT_PREQUOTE, (struct curl_slist *)NULL);
  SET(h, CURLOPT_COOKIESESSION, 0L);
  SET(h, CURLOPT_TIMECONDITION, 0L);
  SET(h, CURLOPT_TIMEVALUE_LARGE, (curl_off_t)0);
  SET(h, CURLOPT_CUSTOMREQUEST, (char *)NULL);
  SET(h, CURLOPT_STDERR, stderr);
  SET(h, CURLOPT_INTERFACE, (char *)NULL);
  SET(h, CURLOPT_KRBLEVEL, (char *)NULL);
  SET(h, CURLOPT_TELNETOPTIONS, (struct curl_slist *)NULL);
  SET(h, CURLOPT_CONNECTTIMEOUT_MS, 0L);
  SET(h, CURLOPT_FTP_CREATE_MISSING_DIRS, 0L);
  SET(h, CURLOPT_IPRESOLVE, 0L);
  SET(h, CURLOPT_FTP_ACCOUNT, (char *)NULL);
  SET(h, CURLOPT_IGNORE_CONTENT_LENGTH, 0L);
  SET(h, CURLOPT_FTP_SKIP_PASV_IP, 1L);
  SET(h, CURLOPT_FTP_FILEMETHOD, 0L);
  SET(h, CURLOPT_FTP_ALTERNATIVE_TO_USER, (char *)NULL);
  SET(h, CURLOPT_TCP_KEEPALIVE, 1L);
  SET(h, CURLOPT_MAIL_RCPT_ALLLOWFAILS, 0L);
  SET(h, CURLOPT_HEADERFUNCTION, sink);
  SET(h, CURLOPT_HEADERDATA, (void *)stdout);
}

int main(void)
{
  CURL *h, *dup;
  long code = -1;
  char *priv = (char *)"not set";
  char *url = (char *)"not set";
  char errbuf[CURL_ERROR_SIZE];
  CURLcode rc;
  int marker;

  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  curl_easy_cleanup(h);
  curl_easy_cleanup(NULL);
  printf("init/cleanup and cleanup(NULL) return\n");

  h = curl_easy_init();
  CHECK(h);

  /* Unknown option numbers. */
  printf("setopt 9999: %d\n", (int)curl_easy_setopt(h, (CURLoption)9999, 0L));
  printf("setopt 0: %d\n", (int)curl_easy_setopt(h, (CURLoption)0, 0L));
  printf("setopt 19999: %d\n", (int)curl_easy_setopt(h, (CURLoption)19999, (void *)NULL));

  /* NULL handles. */
  printf("setopt NULL handle: %d\n",
         (int)curl_easy_setopt(NULL, CURLOPT_URL, "http://127.0.0.1/"));
  printf("perform NULL handle: %d\n", (int)curl_easy_perform(NULL));
  printf("getinfo NULL handle: %d\n", (int)curl_easy_getinfo(NULL, CURLINFO_RESPONSE_CODE,
                                                              &code));

  /* getinfo before any transfer. */
  rc = curl_easy_getinfo(h, CURLINFO_PRIVATE, &priv);
  printf("getinfo PRIVATE: %d %s\n", (int)rc, priv ? "non-NULL" : "NULL");
  rc = curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  printf("getinfo RESPONSE_CODE: %d %ld\n", (int)rc, code);
  rc = curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &url);
  printf("getinfo EFFECTIVE_URL: %d %s\n", (int)rc, url ? url : "NULL");
  rc = curl_easy_getinfo(h, (CURLINFO)(CURLINFO_LONG + 999), &code);
  printf("getinfo unknown: %d\n", (int)rc);

  /* PRIVATE round trip, then reset forgets it. */
  OK(curl_easy_setopt(h, CURLOPT_PRIVATE, (void *)&marker));
  OK(curl_easy_getinfo(h, CURLINFO_PRIVATE, &priv));
  printf("PRIVATE round trip: %s\n", priv == (char *)&marker ? "yes" : "no");
  curl_easy_reset(h);
  OK(curl_easy_getinfo(h, CURLINFO_PRIVATE, &priv));
  printf("PRIVATE after reset: %s\n", priv ? "non-NULL" : "NULL");

  /* A few values libcurl refuses. */
  printf("setopt MAXREDIRS -2: %d\n", (int)curl_easy_setopt(h, CURLOPT_MAXREDIRS, -2L));
  printf("setopt TIMEOUT -1: %d\n", (int)curl_easy_setopt(h, CURLOPT_TIMEOUT, -1L));
  printf("setopt MAXREDIRS -1: %d\n", (int)curl_easy_setopt(h, CURLOPT_MAXREDIRS, -1L));
  printf("setopt URL NULL: %d\n", (int)curl_easy_setopt(h, CURLOPT_URL, (char *)NULL));

  /* URLs that fail before any connection is tried. */
  printf("perform without URL: %d\n", (int)curl_easy_perform(h));
  OK(curl_easy_setopt(h, CURLOPT_URL, "http://[::1"));
  printf("perform http://[::1: %d\n", (int)curl_easy_perform(h));
  OK(curl_easy_setopt(h, CURLOPT_URL, "gopherx://x/"));
  printf("perform gopherx://x/: %d\n", (int)curl_easy_perform(h));
  OK(curl_easy_setopt(h, CURLOPT_URL, ""));
  printf("perform empty URL: %d\n", (int)curl_easy_perform(h));

  /* The error buffer gets libcurl's message for a failure. */
  errbuf[0] = '\0';
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
  OK(curl_easy_setopt(h, CURLOPT_URL, "gopherx://x/"));
  rc = curl_easy_perform(h);
  printf("error buffer after %d: %s\n", (int)rc, errbuf);

  /* duphandle copies the options, and the copy is independent. */
  curl_easy_reset(h);
  OK(curl_easy_setopt(h, CURLOPT_PRIVATE, (void *)&marker));
  OK(curl_easy_setopt(h, CURLOPT_URL, "gopherx://dup/"));
  dup = curl_easy_duphandle(h);
  CHECK(dup);
  OK(curl_easy_getinfo(dup, CURLINFO_PRIVATE, &priv));
  printf("dup PRIVATE copied: %s\n", priv == (char *)&marker ? "yes" : "no");
  printf("dup perform: %d\n", (int)curl_easy_perform(dup));
  OK(curl_easy_setopt(dup, CURLOPT_PRIVATE, (void *)NULL));
  OK(curl_easy_getinfo(h, CURLINFO_PRIVATE, &priv));
  printf("original PRIVATE kept: %s\n", priv == (char *)&marker ? "yes" : "no");
  curl_easy_cleanup(h);
  /* The duplicate outlives its original. */
  printf("dup perform after original cleanup: %d\n", (int)curl_easy_perform(dup));
  curl_easy_cleanup(dup);

  /* The curl tool's options. */
  h = curl_easy_init();
  CHECK(h);
  tool_options(h, errbuf);
  OK(curl_easy_setopt(h, CURLOPT_URL, "gopherx://x/"));
  printf("perform after tool options: %d\n", (int)curl_easy_perform(h));
  curl_easy_cleanup(h);

  curl_global_cleanup();
  return 0;
}
