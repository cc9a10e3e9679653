/* Easy-handle options, one per MODE, on the handles of one program run; everything
 * observable about each transfer is printed: the result and error buffer, the response code,
 * the number of new connections, the primary address and the body.
 * usage: options2 MODE URL [ARG...]
 *   get                  a plain GET (for the proxy environment variables)
 *   proxy_empty          PROXY "" (no proxy, whatever the environment says), a GET
 *   noproxy_option       NOPROXY "127.0.0.1", a GET
 *   forbid_reuse         FORBID_REUSE 1, two GETs
 *   fresh_connect [then_reuse]  a GET, a GET with FRESH_CONNECT 1 (and with then_reuse
 *                        a GET with FRESH_CONNECT 0)
 *   port PORT URL2       PORT, a GET of URL (whose port PORT overrides), then of URL2
 *   ipresolve v4|v6      IPRESOLVE
 *   keepalive            TCP_KEEPALIVE 1, TCP_KEEPIDLE 30, TCP_KEEPINTVL 10
 *   nodelay              TCP_NODELAY 0
 *   nosignal             NOSIGNAL 1
 *   buffersize SIZE      BUFFERSIZE SIZE; the largest piece the write callback got
 *   content_decoding_off ACCEPT_ENCODING "" with HTTP_CONTENT_DECODING 0
 *   transfer_decoding_off [size]  HTTP_TRANSFER_DECODING 0, two GETs (with size,
 *                        SIZE_DOWNLOAD of the first)
 *   private              PRIVATE through getinfo, duphandle and reset
 *   dns_cache PORT timed|permanent|wildcard  RESOLVE entries for "localhost" names with
 *                        DNS_CACHE_TIMEOUT 1, every GET on a fresh connection: a "+" entry
 *                        (it times out), a permanent one and its "-" removal, "*"
 *   seek_redirect [url]  POST from a READFUNCTION, FOLLOWLOCATION, SEEKFUNCTION (with url,
 *                        EFFECTIVE_URL printed)
 *   noseek_redirect [url]    the same without SEEKFUNCTION
 *   readdata_redirect [url]  the same with a FILE* as READDATA and no READFUNCTION
 *   maxage SECONDS       MAXAGE_CONN; GETs with 0, 1.5 s and 2.5 s of idle time before
 *   stderr_verbose       STDERR a file, VERBOSE 1: the file's "> " and "< " lines
 *   writedata_file       WRITEDATA a FILE*, no WRITEFUNCTION
 *   readdata_file        UPLOAD from a FILE* as READDATA, no READFUNCTION
 *   headerdata_file      HEADERDATA and WRITEDATA FILE*s, no callbacks
 *   headerdata_writefunc HEADERDATA set, no HEADERFUNCTION: the write callback gets the
 *                        headers with HEADERDATA
 *   httpauth_any         USERPWD with HTTPAUTH CURLAUTH_ANY
 *   setopt_args          the result codes of out-of-range values, then GETs with
 *                        BUFFERSIZE 0 and a huge BUFFERSIZE
 *   setopt_args_more     more out-of-range values (no transfer)
 *   not_built_in         the result codes of options at their default and other values,
 *                        then a GET
 * The error buffer's "after N ms" is printed as "after #": only that number depends on
 * timing. */
#include "testutil.h"

#include <errno.h>
#include <time.h>

static char errbuf[CURL_ERROR_SIZE];
static int print_url;

static void sleep_ms(long ms)
{
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  while(nanosleep(&ts, &ts) == -1 && errno == EINTR)
    ;
}

static void print_errbuf(void)
{
  const char *p = errbuf;
  printf("  error buffer \"");
  while(*p) {
    if(!strncmp(p, "after ", 6) && p[6] >= '0' && p[6] <= '9') {
      printf("after #");
      p += 6;
      while(*p >= '0' && *p <= '9')
        p++;
    }
    else
      putchar(*p++);
  }
  printf("\"\n");
}

static const char *str(const char *s)
{
  return s ? s : "NULL";
}

static void report(CURL *h, const char *label, CURLcode rc, const struct buf *body)
{
  long code = -1, connects = -1, port = -1;
  char *ip = NULL, *url = NULL;

  printf("%s: %d (%s)\n", label, (int)rc, curl_easy_strerror(rc));
  print_errbuf();
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  OK(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects));
  OK(curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip));
  OK(curl_easy_getinfo(h, CURLINFO_PRIMARY_PORT, &port));
  printf("  code %ld, connects %ld, primary ip %s port %ld\n", code, connects, str(ip), port);
  if(print_url) {
    OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &url));
    printf("  effective url %s\n", str(url));
  }
  if(body) {
    if(body->len > 200)
      printf("  body: %lu bytes\n", (unsigned long)body->len);
    else
      print_quoted("  body", body->data ? body->data : "", body->len);
  }
}

/* A perform whose body is collected in memory and printed. */
static CURLcode perform(CURL *h, const char *label)
{
  struct buf body = {NULL, 0};
  CURLcode rc;
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  errbuf[0] = '\0';
  rc = curl_easy_perform(h);
  report(h, label, rc, &body);
  buf_reset(&body);
  return rc;
}

/* A perform that prints no body (it went elsewhere). */
static CURLcode perform_quiet(CURL *h, const char *label)
{
  CURLcode rc;
  errbuf[0] = '\0';
  rc = curl_easy_perform(h);
  report(h, label, rc, NULL);
  return rc;
}

static CURL *new_handle(const char *url)
{
  CURL *h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
  /* A test must never hang on a library bug. */
  OK(curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L));
  return h;
}

/* Everything in a FILE*, from its start. */
static void print_file(const char *label, FILE *f)
{
  struct buf b = {NULL, 0};
  char chunk[4096];
  size_t n;
  CHECK(fflush(f) == 0);
  rewind(f);
  while((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
    CHECK(buf_write(chunk, 1, n, &b) == n);
  CHECK(!ferror(f));
  print_quoted(label, b.data ? b.data : "", b.len);
  buf_reset(&b);
}

/* --- upload sources --- */

static const char upload_data[] = "abcdefghijklmnopqrstuvwxyz";

struct source {
  const char *data;
  size_t len, pos;
};

static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct source *s = (struct source *)userp;
  size_t n = size * nmemb;
  if(n > s->len - s->pos)
    n = s->len - s->pos;
  memcpy(ptr, s->data + s->pos, n);
  s->pos += n;
  return n;
}

static int seek_cb(void *userp, curl_off_t offset, int origin)
{
  struct source *s = (struct source *)userp;
  printf("  seek callback: offset %ld origin %d\n", (long)offset, origin);
  if(origin != SEEK_SET || offset < 0 || (size_t)offset > s->len)
    return CURL_SEEKFUNC_CANTSEEK;
  s->pos = (size_t)offset;
  return CURL_SEEKFUNC_OK;
}

static FILE *file_with(const char *data)
{
  FILE *f = tmpfile();
  CHECK(f);
  CHECK(fputs(data, f) >= 0);
  CHECK(fflush(f) == 0);
  rewind(f);
  return f;
}

/* --- write callbacks --- */

struct chunks {
  size_t max, total;
  int content_ok;
};

static size_t chunk_write(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct chunks *c = (struct chunks *)userp;
  size_t n = size * nmemb, i;
  if(n > c->max)
    c->max = n;
  for(i = 0; i < n; i++)
    if(ptr[i] != (char)('a' + (c->total + i) % 26))
      c->content_ok = 0;
  c->total += n;
  return n;
}

struct tag {
  const char *name;
};

static size_t tagged_write(char *ptr, size_t size, size_t nmemb, void *userp)
{
  const struct tag *t = (const struct tag *)userp;
  char label[64];
  snprintf(label, sizeof(label), "  write callback with %s:", t ? t->name : "NULL");
  print_quoted(label, ptr, size * nmemb);
  return size * nmemb;
}

/* --- modes --- */

static void redirected_post(CURL *h, const char *mode, int show_url)
{
  struct source src = {upload_data, sizeof(upload_data) - 1, 0};
  FILE *f = NULL;
  long redirects = -1;
  char *url = NULL;

  OK(curl_easy_setopt(h, CURLOPT_POST, 1L));
  OK(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)src.len));
  OK(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
  if(!strcmp(mode, "readdata_redirect")) {
    f = file_with(upload_data);
    OK(curl_easy_setopt(h, CURLOPT_READDATA, f));
  }
  else {
    OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb));
    OK(curl_easy_setopt(h, CURLOPT_READDATA, &src));
    if(!strcmp(mode, "seek_redirect")) {
      OK(curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, seek_cb));
      OK(curl_easy_setopt(h, CURLOPT_SEEKDATA, &src));
    }
  }
  perform(h, "perform");
  OK(curl_easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &redirects));
  OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &url));
  printf("  redirects %ld\n", redirects);
  if(show_url)
    printf("  effective url %s\n", str(url));
  if(f)
    fclose(f);
}

/* Adds one RESOLVE entry, "localhost" or another name with the server's port. */
static struct curl_slist *resolve(CURL *h, struct curl_slist *list, const char *fmt,
                                  const char *port)
{
  char entry[200];
  snprintf(entry, sizeof(entry), fmt, port);
  list = curl_slist_append(list, entry);
  CHECK(list);
  OK(curl_easy_setopt(h, CURLOPT_RESOLVE, list));
  return list;
}

static void set_url(CURL *h, const char *host, const char *port, const char *path)
{
  char url[200];
  snprintf(url, sizeof(url), "http://%s:%s%s", host, port, path);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
}

static void dns_cache(CURL *h, const char *port, const char *which)
{
  struct curl_slist *list = NULL, *removal = NULL;

  /* Only name resolution decides where each transfer goes. */
  OK(curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L));
  OK(curl_easy_setopt(h, CURLOPT_DNS_CACHE_TIMEOUT, 1L));

  if(!strcmp(which, "timed")) {
    /* A "+" entry times out like a resolved address. */
    list = resolve(h, list, "+localhost:%s:[::1]", port);
    set_url(h, "localhost", port, "/timed");
    perform(h, "timed entry");
    sleep_ms(2500);
    set_url(h, "localhost", port, "/timed-expired");
    perform(h, "timed entry, 2.5 s later");
  }
  else if(!strcmp(which, "permanent")) {
    /* Without "+" it stays, until "-" removes it. */
    list = resolve(h, list, "localhost:%s:[::1]", port);
    set_url(h, "localhost", port, "/permanent");
    perform(h, "permanent entry");
    sleep_ms(2500);
    perform(h, "permanent entry, 2.5 s later");
    removal = resolve(h, removal, "-localhost:%s", port);
    set_url(h, "localhost", port, "/removed");
    perform(h, "removed entry");
  }
  else if(!strcmp(which, "wildcard")) {
    /* "*": any host name on this port. */
    list = resolve(h, list, "*:%s:[::1]", port);
    set_url(h, "wild.localhost", port, "/wildcard");
    perform(h, "wildcard entry");
  }
  else {
    fprintf(stderr, "unknown dns_cache case %s\n", which);
    exit(1);
  }

  OK(curl_easy_setopt(h, CURLOPT_RESOLVE, NULL));
  curl_slist_free_all(list);
  curl_slist_free_all(removal);
}

static void private_pointer(CURL *h)
{
  static int mine;
  void *p = NULL;
  CURL *dup;

  OK(curl_easy_getinfo(h, CURLINFO_PRIVATE, &p));
  printf("before setting: %s\n", p ? "set" : "NULL");
  OK(curl_easy_setopt(h, CURLOPT_PRIVATE, &mine));
  OK(curl_easy_getinfo(h, CURLINFO_PRIVATE, &p));
  printf("after setting: %s\n", p == &mine ? "the pointer" : "something else");
  perform(h, "perform");
  OK(curl_easy_getinfo(h, CURLINFO_PRIVATE, &p));
  printf("after perform: %s\n", p == &mine ? "the pointer" : "something else");
  dup = curl_easy_duphandle(h);
  CHECK(dup);
  p = NULL;
  OK(curl_easy_getinfo(dup, CURLINFO_PRIVATE, &p));
  printf("duplicate: %s\n", p == &mine ? "the pointer" : "something else");
  curl_easy_cleanup(dup);
  curl_easy_reset(h);
  OK(curl_easy_getinfo(h, CURLINFO_PRIVATE, &p));
  printf("after reset: %s\n", p ? "set" : "NULL");
}

static void maxage(CURL *h, long seconds)
{
  OK(curl_easy_setopt(h, CURLOPT_MAXAGE_CONN, seconds));
  perform(h, "first");
  perform(h, "at once");
  sleep_ms(1500);
  perform(h, "1.5 s idle");
  sleep_ms(2500);
  perform(h, "2.5 s idle");
}

static void stderr_verbose(CURL *h)
{
  FILE *f = tmpfile();
  char line[2048];
  CHECK(f);
  OK(curl_easy_setopt(h, CURLOPT_STDERR, f));
  OK(curl_easy_setopt(h, CURLOPT_VERBOSE, 1L));
  perform(h, "perform");
  CHECK(fflush(f) == 0);
  rewind(f);
  /* Only the header lines: the informational text is the library's own. */
  while(fgets(line, sizeof(line), f))
    if(!strncmp(line, "> ", 2) || !strncmp(line, "< ", 2))
      print_quoted("  stderr", line, strlen(line));
  CHECK(!ferror(f));
  fclose(f);
}

static void buffersize(CURL *h, long size)
{
  struct chunks c = {0, 0, 1};
  CURLcode rc;
  OK(curl_easy_setopt(h, CURLOPT_BUFFERSIZE, size));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, chunk_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &c));
  errbuf[0] = '\0';
  rc = curl_easy_perform(h);
  report(h, "perform", rc, NULL);
  printf("  total %lu, content %s\n", (unsigned long)c.total, c.content_ok ? "ok" : "wrong");
  printf("  largest piece %lu, at most BUFFERSIZE: %s\n", (unsigned long)c.max,
         c.max <= (size_t)size ? "yes" : "no");
}

#define SHOW(opt, val) \
  printf("%s -> %d\n", #opt " " #val, (int)curl_easy_setopt(h, opt, val))

static void setopt_args(CURL *h)
{
  SHOW(CURLOPT_TIMEOUT, -1L);
  SHOW(CURLOPT_CONNECTTIMEOUT, -1L);
  SHOW(CURLOPT_MAXREDIRS, -2L);
  SHOW(CURLOPT_MAXREDIRS, -1L);
  SHOW(CURLOPT_BUFFERSIZE, 0L);
  SHOW(CURLOPT_BUFFERSIZE, -1L);
  SHOW(CURLOPT_BUFFERSIZE, 1L);
  SHOW(CURLOPT_BUFFERSIZE, 100000000L);
  SHOW(CURLOPT_POSTREDIR, -1L);
  SHOW(CURLOPT_POSTREDIR, 8L);
  SHOW(CURLOPT_IPRESOLVE, 7L);
  SHOW(CURLOPT_IPRESOLVE, -1L);
  SHOW(CURLOPT_TIMECONDITION, 9L);
  SHOW(CURLOPT_TIMECONDITION, -1L);
  SHOW(CURLOPT_PORT, -1L);
  SHOW(CURLOPT_PORT, 65536L);
  SHOW(CURLOPT_HTTP_VERSION, 99L);
  SHOW(CURLOPT_DNS_CACHE_TIMEOUT, -2L);
  SHOW(CURLOPT_MAXFILESIZE, -1L);
  SHOW(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)-1);
  SHOW(CURLOPT_TCP_KEEPIDLE, -1L);
  SHOW(CURLOPT_TCP_KEEPINTVL, -1L);
  SHOW(CURLOPT_EXPECT_100_TIMEOUT_MS, -1L);
  SHOW(CURLOPT_INFILESIZE, -2L);
  SHOW(CURLOPT_POSTFIELDSIZE, -2L);
  SHOW(CURLOPT_MAX_SEND_SPEED_LARGE, (curl_off_t)-1);
  SHOW(CURLOPT_HTTPAUTH, (long)CURLAUTH_ONLY);
}

/* More range checks, each with its own rule in libcurl. */
static void setopt_args_more(CURL *h)
{
  SHOW(CURLOPT_TIMEOUT, 3000000L);
  SHOW(CURLOPT_TIMEOUT_MS, -1L);
  SHOW(CURLOPT_CONNECTTIMEOUT_MS, -1L);
  SHOW(CURLOPT_HTTP_VERSION, -1L);
  SHOW(CURLOPT_MAXAGE_CONN, -1L);
  SHOW(CURLOPT_MAXLIFETIME_CONN, -1L);
  SHOW(CURLOPT_LOW_SPEED_LIMIT, -1L);
  SHOW(CURLOPT_LOW_SPEED_TIME, -1L);
  SHOW(CURLOPT_TCP_KEEPIDLE, 5000000000L);
  SHOW(CURLOPT_RESUME_FROM, -2L);
  SHOW(CURLOPT_RESUME_FROM_LARGE, (curl_off_t)-2);
  SHOW(CURLOPT_HTTPAUTH, (long)CURLAUTH_NONE);
}

static void buffersize_extremes(const char *url)
{
  CURL *h = new_handle(url);
  OK(curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 0L));
  perform(h, "BUFFERSIZE 0");
  OK(curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 100000000L));
  perform(h, "BUFFERSIZE 100000000");
  curl_easy_cleanup(h);
}

static void not_built_in(CURL *h)
{
  SHOW(CURLOPT_COOKIEFILE, (char *)NULL);
  SHOW(CURLOPT_COOKIEFILE, "x");
  SHOW(CURLOPT_HAPROXYPROTOCOL, 0L);
  SHOW(CURLOPT_HAPROXYPROTOCOL, 1L);
  SHOW(CURLOPT_CONNECT_ONLY, 0L);
  SHOW(CURLOPT_CONNECT_ONLY, 1L);
  SHOW(CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2_0);
  SHOW(CURLOPT_HTTPAUTH, (long)CURLAUTH_DIGEST);
  SHOW(CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY);
  /* None of the refused values may have taken effect. */
  perform(h, "perform");
}

int main(int argc, char **argv)
{
  CURL *h;
  const char *mode;

  CHECK(argc >= 3);
  mode = argv[1];
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = new_handle(argv[2]);

  if(!strcmp(mode, "get"))
    perform(h, "perform");
  else if(!strcmp(mode, "default_protocol")) {
    /* argv[2] has no scheme; its name alone would guess ftp:// */
    struct curl_slist *r = curl_slist_append(NULL, argv[3]);
    CHECK(r);
    OK(curl_easy_setopt(h, CURLOPT_RESOLVE, r));
    OK(curl_easy_setopt(h, CURLOPT_DEFAULT_PROTOCOL, "http"));
    perform(h, "with DEFAULT_PROTOCOL http");
    OK(curl_easy_setopt(h, CURLOPT_RESOLVE, (void *)NULL));
    curl_slist_free_all(r);
  }
  else if(!strcmp(mode, "aliases")) {
    struct curl_slist *icy = curl_slist_append(NULL, "ICY 200 OK");
    long version = -1;
    CHECK(icy);
    perform(h, "without aliases");
    OK(curl_easy_setopt(h, CURLOPT_HTTP200ALIASES, icy));
    perform(h, "with ICY 200 OK");
    OK(curl_easy_getinfo(h, CURLINFO_HTTP_VERSION, &version));
    printf("http version %ld\n", version);
    OK(curl_easy_setopt(h, CURLOPT_HTTP200ALIASES, (void *)NULL));
    curl_slist_free_all(icy);
  }
  else if(!strcmp(mode, "protocols_refused")) {
    /* A refused list still takes effect as far as it got, as in 7.88.1. */
    printf("PROTOCOLS_STR \"\": %d\n", (int)curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, ""));
    perform(h, "perform with none");
    printf("PROTOCOLS_STR \"http,nosuch\": %d\n",
           (int)curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,nosuch"));
    perform(h, "perform with http");
  }
  else if(!strcmp(mode, "proxy_empty")) {
    OK(curl_easy_setopt(h, CURLOPT_PROXY, ""));
    perform(h, "perform");
  }
  else if(!strcmp(mode, "noproxy_option")) {
    OK(curl_easy_setopt(h, CURLOPT_NOPROXY, "127.0.0.1"));
    perform(h, "perform");
  }
  else if(!strcmp(mode, "maxconnects")) {
    /* argv[3]: the same server under another name. With room for one idle connection,
       the second host's connection pushes the first one out. */
    char url[512];
    OK(curl_easy_setopt(h, CURLOPT_MAXCONNECTS, 1L));
    perform(h, "first host");
    /* libcurl ranks idle connections by their age in whole milliseconds and, on a tie,
       closes whichever its hash walk meets first: keep the first one clearly older. */
    sleep_ms(20);
    snprintf(url, sizeof(url), "%s", argv[3]);
    OK(curl_easy_setopt(h, CURLOPT_URL, url));
    perform(h, "second host");
    OK(curl_easy_setopt(h, CURLOPT_URL, argv[2]));
    perform(h, "first host again");
  }
  else if(!strcmp(mode, "forbid_reuse")) {
    OK(curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L));
    perform(h, "perform 1");
    perform(h, "perform 2");
  }
  else if(!strcmp(mode, "fresh_connect")) {
    perform(h, "perform 1");
    OK(curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L));
    perform(h, "perform 2, fresh");
    if(argc == 4 && !strcmp(argv[3], "then_reuse")) {
      OK(curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 0L));
      perform(h, "perform 3");
    }
  }
  else if(!strcmp(mode, "port")) {
    CHECK(argc == 5);
    print_url = 1;
    OK(curl_easy_setopt(h, CURLOPT_PORT, atol(argv[3])));
    perform(h, "perform 1");
    OK(curl_easy_setopt(h, CURLOPT_URL, argv[4]));
    perform(h, "perform 2");
  }
  else if(!strcmp(mode, "ipresolve")) {
    CHECK(argc == 4);
    OK(curl_easy_setopt(h, CURLOPT_IPRESOLVE,
                        !strcmp(argv[3], "v4") ? (long)CURL_IPRESOLVE_V4
                                               : (long)CURL_IPRESOLVE_V6));
    perform(h, "perform");
  }
  else if(!strcmp(mode, "keepalive")) {
    OK(curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L));
    OK(curl_easy_setopt(h, CURLOPT_TCP_KEEPIDLE, 30L));
    OK(curl_easy_setopt(h, CURLOPT_TCP_KEEPINTVL, 10L));
    perform(h, "perform");
  }
  else if(!strcmp(mode, "nodelay")) {
    OK(curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 0L));
    perform(h, "perform");
  }
  else if(!strcmp(mode, "nosignal")) {
    OK(curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L));
    perform(h, "perform");
  }
  else if(!strcmp(mode, "buffersize")) {
    CHECK(argc == 4);
    buffersize(h, atol(argv[3]));
  }
  else if(!strcmp(mode, "content_decoding_off")) {
    curl_off_t size = -1;
    OK(curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""));
    OK(curl_easy_setopt(h, CURLOPT_HTTP_CONTENT_DECODING, 0L));
    perform(h, "perform");
    OK(curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &size));
    printf("  size download %ld\n", (long)size);
  }
  else if(!strcmp(mode, "transfer_decoding_off")) {
    curl_off_t size = -1;
    OK(curl_easy_setopt(h, CURLOPT_HTTP_TRANSFER_DECODING, 0L));
    perform(h, "perform 1");
    if(argc == 4 && !strcmp(argv[3], "size")) {
      OK(curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &size));
      printf("  size download %ld\n", (long)size);
    }
    perform(h, "perform 2");
  }
  else if(!strcmp(mode, "private"))
    private_pointer(h);
  else if(!strcmp(mode, "dns_cache")) {
    CHECK(argc == 5);
    dns_cache(h, argv[3], argv[4]);
  }
  else if(!strcmp(mode, "seek_redirect") || !strcmp(mode, "noseek_redirect") ||
          !strcmp(mode, "readdata_redirect"))
    redirected_post(h, mode, argc == 4 && !strcmp(argv[3], "url"));
  else if(!strcmp(mode, "maxage")) {
    CHECK(argc == 4);
    maxage(h, atol(argv[3]));
  }
  else if(!strcmp(mode, "stderr_verbose"))
    stderr_verbose(h);
  else if(!strcmp(mode, "writedata_file")) {
    FILE *f = tmpfile();
    CHECK(f);
    OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, f));
    perform_quiet(h, "perform");
    print_file("  file", f);
    fclose(f);
  }
  else if(!strcmp(mode, "readdata_file")) {
    FILE *f = file_with(upload_data);
    OK(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
    OK(curl_easy_setopt(h, CURLOPT_READDATA, f));
    OK(curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)strlen(upload_data)));
    perform(h, "perform");
    fclose(f);
  }
  else if(!strcmp(mode, "headerdata_file")) {
    FILE *hf = tmpfile(), *bf = tmpfile();
    CHECK(hf && bf);
    OK(curl_easy_setopt(h, CURLOPT_HEADERDATA, hf));
    OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, bf));
    perform_quiet(h, "perform");
    print_file("  header file", hf);
    print_file("  body file", bf);
    fclose(hf);
    fclose(bf);
  }
  else if(!strcmp(mode, "headerdata_writefunc")) {
    struct tag body = {"WRITEDATA"}, header = {"HEADERDATA"};
    OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, tagged_write));
    OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
    OK(curl_easy_setopt(h, CURLOPT_HEADERDATA, &header));
    perform_quiet(h, "perform");
  }
  else if(!strcmp(mode, "httpauth_any")) {
    OK(curl_easy_setopt(h, CURLOPT_USERPWD, "user:secret"));
    OK(curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY));
    perform(h, "perform");
  }
  else if(!strcmp(mode, "setopt_args")) {
    setopt_args(h);
    buffersize_extremes(argv[2]);
  }
  else if(!strcmp(mode, "setopt_args_more"))
    setopt_args_more(h);
  else if(!strcmp(mode, "not_built_in"))
    not_built_in(h);
  else {
    fprintf(stderr, "unknown mode %s\n", mode);
    return 1;
  }

  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
