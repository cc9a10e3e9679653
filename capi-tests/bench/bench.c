/* Throughput benchmark for a libcurl implementation, written against the public libcurl
 * API only. Build it once against the system headers (`gcc -O2 bench.c -lcurl`); the same
 * binary then runs on the system libcurl or, with LD_LIBRARY_PATH pointing at a directory
 * holding another libcurl.so.4, on that one.
 *
 *   bench [OPTIONS] get URL [N]
 *                            N sequential GETs of URL on one easy handle (default 20000);
 *                            the connection is expected to be reused between them
 *   bench [OPTIONS] new URL [N]
 *                            N sequential GETs of URL on one easy handle (default 1000),
 *                            each on a new connection (CURLOPT_FORBID_REUSE): with https,
 *                            a TLS handshake per request, resuming the handle's session
 *                            unless --no-session-cache
 *   bench big URL [BYTES]    one GET of URL, normally a large file; with BYTES, the body
 *                            must be exactly that long
 *   bench multi URL N P      N GETs of URL through one multi handle, P at a time (P easy
 *                            handles, each added again when its transfer is done), driven
 *                            by curl_multi_perform + curl_multi_poll
 *   bench epoll URL N P      the same driven by curl_multi_socket_action from an epoll
 *                            loop with the socket and timer callbacks
 *
 * Options, before the mode:
 *   --cainfo FILE            CURLOPT_CAINFO for https URLs; peer and host verification stay
 *                            on (CURLOPT_SSL_VERIFYPEER 1, CURLOPT_SSL_VERIFYHOST 2)
 *   --no-session-cache       CURLOPT_SSL_SESSIONID_CACHE 0: no TLS session resumption, every
 *                            new connection makes a full handshake
 * and for the multi modes:
 *   --pipelining L           CURLMOPT_PIPELINING L (1 = CURLPIPE_HTTP1; the system libcurl
 *                            7.88 accepts it and does not pipeline)
 *   --max-pipeline-length L  CURLMOPT_MAX_PIPELINE_LENGTH L
 *   --max-host-connections L CURLMOPT_MAX_HOST_CONNECTIONS L (transfers beyond the
 *                            connections wait in the multi for one to be free)
 *   --prime                  before the clock starts, one transfer of URL alone through the
 *                            multi (a pipelining library learns from its HTTP/1.1 keep-alive
 *                            response that the server may be pipelined to, and its connection
 *                            stays in the multi's pool); not counted in N
 *   --size BYTES             every transfer's body must be exactly BYTES long, both as the
 *                            write callback of its own handle saw it and as
 *                            CURLINFO_SIZE_DOWNLOAD_T says
 *   --stall SECONDS          give up (exit status 1, with how many transfers were done) when
 *                            no transfer finishes for that long (default 30)
 *
 * Bodies go to a write callback that only counts them. Every transfer must return
 * CURLE_OK and HTTP 200, otherwise the program stops with exit status 1. The multi modes
 * also count the connections the N transfers used (distinct CURLINFO_LOCAL_PORT values,
 * `conns=` in the RESULT line).
 *
 * Time is wall-clock time on CLOCK_MONOTONIC around the transfer loop only (not start-up or
 * cleanup); the CPU time the process spent in the same stretch comes from getrusage, and
 * peak RSS (ru_maxrss) is read at the end. The last line of output is one machine-readable
 * record, e.g. (on one line)
 *   RESULT mode=get n=20000 bytes=2000000 seconds=1.234567 rate=16200.500 unit=req/s
 *          connects=1 maxrss_kb=9876 user_s=0.2 sys_s=0.4 calls=20000 largest=100
 * (the multi modes add conns=, the connections their N transfers used)
 * rate is requests per second for `get`, `new`, `multi`, `epoll` and MB/s (10^6 bytes per second) for `big`;
 * connects is the sum of CURLINFO_NUM_CONNECTS, 1 when the connection was reused
 * throughout (`new` checks that every request made one).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <curl/curl.h>

struct sink {
  curl_off_t bytes;   /* body bytes seen */
  long calls;         /* write callback invocations */
  size_t largest;     /* largest single chunk */
};

static size_t discard(char *data, size_t size, size_t nmemb, void *userp)
{
  struct sink *k = userp;
  size_t len = size * nmemb;
  (void)data;
  k->bytes += (curl_off_t)len;
  k->calls++;
  if(len > k->largest)
    k->largest = len;
  return len;
}

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double tv(struct timeval t)
{
  return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

/* One transfer on h; returns 0 when it succeeded with HTTP 200. */
static int run_one(CURL *h, long i, long *connects)
{
  long code = 0, nconn = 0;
  CURLcode rc = curl_easy_perform(h);
  if(rc != CURLE_OK) {
    fprintf(stderr, "transfer %ld: %s (%d)\n", i, curl_easy_strerror(rc), (int)rc);
    return 1;
  }
  rc = curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  if(rc != CURLE_OK || code != 200) {
    fprintf(stderr, "transfer %ld: HTTP response code %ld (getinfo: %d)\n", i, code,
            (int)rc);
    return 1;
  }
  if(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &nconn) == CURLE_OK)
    *connects += nconn;
  return 0;
}

static void usage(const char *argv0)
{
  fprintf(stderr, "usage: %s [--cainfo FILE] [--no-session-cache] [--pipelining L] "
          "[--max-pipeline-length L] [--max-host-connections L] [--prime] [--size BYTES] "
          "[--stall SECONDS] MODE ...\n"
          "  get|new URL [N]\n  big URL [BYTES]\n  multi|epoll URL N P\n", argv0);
}

/* --- options every easy handle gets --- */

static const char *cainfo;      /* --cainfo */
static int no_session_cache;    /* --no-session-cache */
static int fresh;               /* mode `new`: a new connection per request */
static long pipelining = -1;    /* --pipelining (-1: not set) */
static long max_pipeline = -1;  /* --max-pipeline-length */
static long max_host = -1;      /* --max-host-connections */
static int prime;               /* --prime */
static curl_off_t body_size = -1; /* --size */
static double stall_s = 30;     /* --stall */

/* The clock: wall time and rusage where the measured stretch begins. */
static double t0;
static struct rusage ru0;

static void start_clock(void)
{
  getrusage(RUSAGE_SELF, &ru0);
  t0 = now();
}

static int setup(CURL *h, const char *url, struct sink *sink)
{
  if(curl_easy_setopt(h, CURLOPT_URL, url) != CURLE_OK ||
     curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard) != CURLE_OK ||
     curl_easy_setopt(h, CURLOPT_WRITEDATA, sink) != CURLE_OK)
    return 1;
  if(cainfo && (curl_easy_setopt(h, CURLOPT_CAINFO, cainfo) != CURLE_OK ||
                curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK ||
                curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK))
    return 1;
  if(no_session_cache &&
     curl_easy_setopt(h, CURLOPT_SSL_SESSIONID_CACHE, 0L) != CURLE_OK)
    return 1;
  if(fresh && curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L) != CURLE_OK)
    return 1;
  return 0;
}

/* --- the multi modes --- */

static int epfd = -1;
static long timer_ms = -1;

static int on_socket(CURL *e, curl_socket_t s, int what, void *userp, void *socketp)
{
  struct epoll_event ev;
  (void)e;
  (void)userp;
  memset(&ev, 0, sizeof(ev));
  ev.data.fd = s;
  if(what == CURL_POLL_REMOVE) {
    epoll_ctl(epfd, EPOLL_CTL_DEL, s, NULL);
    return 0;
  }
  ev.events = (what & CURL_POLL_IN ? EPOLLIN : 0) | (what & CURL_POLL_OUT ? EPOLLOUT : 0);
  if(epoll_ctl(epfd, socketp ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, s, &ev) != 0 &&
     epoll_ctl(epfd, EPOLL_CTL_MOD, s, &ev) != 0)
    return -1;
  if(!socketp)
    curl_multi_assign((CURLM *)userp, s, &epfd);
  return 0;
}

static int on_timer(CURLM *m, long ms, void *userp)
{
  (void)m;
  (void)userp;
  timer_ms = ms;
  return 0;
}

/* Connections the transfers used: their local ports. */
static unsigned char ports_seen[65536 / 8];
static long conns_used;

/* Takes finished transfers off the multi, checks them, and adds each handle back while
 * fewer than n transfers have started. Each handle writes into its own sink (sinks[i] for
 * hs[i]), which is checked against --size, added to *total and emptied. Returns how many
 * finished, or -1 on a failed transfer. */
static long harvest(CURLM *m, CURL **hs, struct sink *sinks, long p, struct sink *total,
                    long *started, long n, long *connects)
{
  CURLMsg *msg;
  int queued;
  long finished = 0;
  while((msg = curl_multi_info_read(m, &queued))) {
    CURL *h = msg->easy_handle;
    struct sink *k = NULL;
    long code = 0, nconn = 0, port = -1, i;
    curl_off_t got = -1;
    if(msg->msg != CURLMSG_DONE)
      continue;
    for(i = 0; i < p; i++)
      if(hs[i] == h)
        k = &sinks[i];
    if(msg->data.result != CURLE_OK) {
      fprintf(stderr, "transfer: %s (%d)\n", curl_easy_strerror(msg->data.result),
              (int)msg->data.result);
      return -1;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    if(code != 200) {
      fprintf(stderr, "transfer: HTTP response code %ld\n", code);
      return -1;
    }
    if(body_size >= 0) {
      if(curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &got) != CURLE_OK || got != body_size
         || !k || k->bytes != body_size) {
        fprintf(stderr, "transfer: body of %lld bytes (CURLINFO_SIZE_DOWNLOAD_T %lld), "
                "expected %lld\n", k ? (long long)k->bytes : -1LL, (long long)got,
                (long long)body_size);
        return -1;
      }
    }
    if(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &nconn) == CURLE_OK)
      *connects += nconn;
    if(curl_easy_getinfo(h, CURLINFO_LOCAL_PORT, &port) == CURLE_OK && port > 0 &&
       port < 65536 && !(ports_seen[port / 8] & (1u << (port % 8)))) {
      ports_seen[port / 8] |= (unsigned char)(1u << (port % 8));
      conns_used++;
    }
    if(k) {
      total->bytes += k->bytes;
      total->calls += k->calls;
      if(k->largest > total->largest)
        total->largest = k->largest;
      k->bytes = 0;
      k->calls = 0;
      k->largest = 0;
    }
    finished++;
    curl_multi_remove_handle(m, h);
    if(*started < n) {
      (*started)++;
      curl_multi_add_handle(m, h);
    }
  }
  return finished;
}

/* Lets the multi act. With epoll (event), first waits for something to happen; with
 * curl_multi_perform, the caller waits afterwards (wait()), once it has taken the finished
 * transfers off and added their handles again, so that new requests are not held back
 * behind a wait for the network. */
static void drive(CURLM *m, int event)
{
  int running = 0;
  if(event) {
    struct epoll_event evs[64];
    int k, nev = epoll_wait(epfd, evs, 64, timer_ms < 0 ? 1000 : (int)timer_ms);
    if(nev <= 0)
      curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running);
    for(k = 0; k < nev; k++) {
      int mask = (evs[k].events & EPOLLIN ? CURL_CSELECT_IN : 0) |
                 (evs[k].events & EPOLLOUT ? CURL_CSELECT_OUT : 0);
      curl_multi_socket_action(m, evs[k].data.fd, mask, &running);
    }
  }
  else
    curl_multi_perform(m, &running);
}

static void wait_multi(CURLM *m, int event)
{
  if(!event)
    curl_multi_poll(m, NULL, 0, 1000, NULL);
}

static int run_multi(const char *url, long n, long p, int event, struct sink *sink,
                     long *connects)
{
  CURLM *m = curl_multi_init();
  CURL **hs = calloc((size_t)p, sizeof(*hs));
  struct sink *sinks = calloc((size_t)p, sizeof(*sinks));
  long i, started = 0, finished = 0;
  double last = now();
  int rc = 0;
  if(!m || !hs || !sinks)
    return 1;
  if(event) {
    epfd = epoll_create1(0);
    curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, on_socket);
    curl_multi_setopt(m, CURLMOPT_SOCKETDATA, m);
    curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, on_timer);
  }
  if((pipelining >= 0 &&
      curl_multi_setopt(m, CURLMOPT_PIPELINING, pipelining) != CURLM_OK) ||
     (max_pipeline >= 0 &&
      curl_multi_setopt(m, CURLMOPT_MAX_PIPELINE_LENGTH, max_pipeline) != CURLM_OK) ||
     (max_host >= 0 &&
      curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, max_host) != CURLM_OK)) {
    fprintf(stderr, "curl_multi_setopt failed\n");
    return 1;
  }
  for(i = 0; i < p; i++) {
    hs[i] = curl_easy_init();
    if(!hs[i] || setup(hs[i], url, &sinks[i]))
      return 1;
  }
  if(prime) {
    /* one transfer alone, untimed and uncounted */
    struct sink none = {0, 0, 0};
    long zero = 0, prime_connects = 0, got = 0;
    curl_multi_add_handle(m, hs[0]);
    for(;;) {
      drive(m, event);
      got = harvest(m, hs, sinks, p, &none, &zero, 0, &prime_connects);
      if(got < 0)
        return 1;
      if(got > 0)
        break;
      if(now() - last > stall_s) {
        fprintf(stderr, "stalled: the priming transfer did not finish in %.0f s\n", stall_s);
        return 1;
      }
      wait_multi(m, event);
    }
    memset(ports_seen, 0, sizeof(ports_seen));
    conns_used = 0;
    start_clock();
    last = now();
  }
  for(i = 0; i < p && started < n; i++) {
    curl_multi_add_handle(m, hs[i]);
    started++;
  }
  while(finished < n) {
    long got;
    drive(m, event);
    got = harvest(m, hs, sinks, p, sink, &started, n, connects);
    if(got < 0) {
      fprintf(stderr, "after %ld of %ld transfers had finished\n", finished, n);
      rc = 1;
      break;
    }
    if(got > 0)
      last = now();
    else if(now() - last > stall_s) {
      fprintf(stderr, "stalled: no transfer finished for %.0f s; %ld of %ld finished, "
              "%ld started\n", stall_s, finished, n, started);
      rc = 1;
      break;
    }
    finished += got;
    if(finished < n)
      wait_multi(m, event);
  }
  for(i = 0; i < p; i++) {
    if(hs[i]) {
      curl_multi_remove_handle(m, hs[i]);
      curl_easy_cleanup(hs[i]);
    }
  }
  curl_multi_cleanup(m);
  free(hs);
  free(sinks);
  return rc;
}

int main(int argc, char **argv)
{
  CURL *h;
  const char *mode, *url;
  struct sink sink = {0, 0, 0};
  struct rusage ru1;
  curl_off_t expect = -1;
  long n = 20000, i, connects = 0, p = 0;
  double secs, rate, usr, sys;
  int get, multi = 0;

  while(argc > 1 && !strncmp(argv[1], "--", 2)) {
    if(!strcmp(argv[1], "--cainfo") && argc > 2) {
      cainfo = argv[2];
      argv += 2;
      argc -= 2;
    }
    else if(!strcmp(argv[1], "--no-session-cache")) {
      no_session_cache = 1;
      argv++;
      argc--;
    }
    else if(!strcmp(argv[1], "--prime")) {
      prime = 1;
      argv++;
      argc--;
    }
    else if(argc > 2 && (!strcmp(argv[1], "--pipelining") ||
                         !strcmp(argv[1], "--max-pipeline-length") ||
                         !strcmp(argv[1], "--max-host-connections") ||
                         !strcmp(argv[1], "--size") || !strcmp(argv[1], "--stall"))) {
      char *end;
      long long v = strtoll(argv[2], &end, 10);
      if(*end || v < 0) {
        usage(argv[0]);
        return 2;
      }
      if(!strcmp(argv[1], "--pipelining"))
        pipelining = (long)v;
      else if(!strcmp(argv[1], "--max-pipeline-length"))
        max_pipeline = (long)v;
      else if(!strcmp(argv[1], "--max-host-connections"))
        max_host = (long)v;
      else if(!strcmp(argv[1], "--size"))
        body_size = (curl_off_t)v;
      else
        stall_s = (double)v;
      argv += 2;
      argc -= 2;
    }
    else {
      usage(argv[0]);
      return 2;
    }
  }
  if(argc < 3) {
    usage(argv[0]);
    return 2;
  }
  mode = argv[1];
  url = argv[2];
  if(!strcmp(mode, "get") || !strcmp(mode, "new")) {
    get = 1;
    if(!strcmp(mode, "new")) {
      fresh = 1;
      n = 1000;
    }
    if(argc > 3)
      n = strtol(argv[3], NULL, 10);
    if(n <= 0) {
      usage(argv[0]);
      return 2;
    }
  }
  else if(!strcmp(mode, "multi") || !strcmp(mode, "epoll")) {
    get = 1;
    multi = !strcmp(mode, "multi") ? 1 : 2;
    if(argc < 5) {
      usage(argv[0]);
      return 2;
    }
    n = strtol(argv[3], NULL, 10);
    p = strtol(argv[4], NULL, 10);
    if(n <= 0 || p <= 0) {
      usage(argv[0]);
      return 2;
    }
  }
  else if(!strcmp(mode, "big")) {
    get = 0;
    n = 1;
    if(argc > 3)
      expect = (curl_off_t)strtoll(argv[3], NULL, 10);
  }
  else {
    usage(argv[0]);
    return 2;
  }

  if(curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    fprintf(stderr, "curl_global_init failed\n");
    return 1;
  }
  h = curl_easy_init();
  if(!h) {
    fprintf(stderr, "curl_easy_init failed\n");
    return 1;
  }
  if(setup(h, url, &sink)) {
    fprintf(stderr, "curl_easy_setopt failed\n");
    return 1;
  }

  start_clock();
  if(multi) {
    if(run_multi(url, n, p, multi == 2, &sink, &connects)) {
      curl_easy_cleanup(h);
      return 1;
    }
  }
  for(i = 0; !multi && i < n; i++) {
    if(run_one(h, i, &connects)) {
      curl_easy_cleanup(h);
      return 1;
    }
  }
  secs = now() - t0;
  getrusage(RUSAGE_SELF, &ru1);

  if(multi && body_size >= 0 && sink.bytes != (curl_off_t)n * body_size) {
    fprintf(stderr, "%ld transfers wrote %lld body bytes, expected %lld\n", n,
            (long long)sink.bytes, (long long)((curl_off_t)n * body_size));
    curl_easy_cleanup(h);
    return 1;
  }
  if(fresh && connects != n) {
    fprintf(stderr, "%ld requests made %ld connections, expected one each\n", n, connects);
    curl_easy_cleanup(h);
    return 1;
  }

  if(!get) {
    curl_off_t got = 0;
    if(curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &got) != CURLE_OK || got != sink.bytes) {
      fprintf(stderr, "CURLINFO_SIZE_DOWNLOAD_T says %lld, callback saw %lld\n",
              (long long)got, (long long)sink.bytes);
      curl_easy_cleanup(h);
      return 1;
    }
    if(expect >= 0 && sink.bytes != expect) {
      fprintf(stderr, "body is %lld bytes, expected %lld\n", (long long)sink.bytes,
              (long long)expect);
      curl_easy_cleanup(h);
      return 1;
    }
  }
  curl_easy_cleanup(h);
  curl_global_cleanup();

  /* libcurl promises at most CURL_MAX_WRITE_SIZE bytes per call with the default buffer */
  if(sink.largest > CURL_MAX_WRITE_SIZE)
    fprintf(stderr, "warning: a write callback call got %lu bytes, more than "
            "CURL_MAX_WRITE_SIZE (%d)\n", (unsigned long)sink.largest, CURL_MAX_WRITE_SIZE);

  usr = tv(ru1.ru_utime) - tv(ru0.ru_utime);
  sys = tv(ru1.ru_stime) - tv(ru0.ru_stime);
  rate = get ? (double)n / secs : (double)sink.bytes / 1e6 / secs;
  printf("%s: %ld transfer%s, %lld body bytes in %.3f s (CPU %.3f s user + %.3f s "
         "system): %.1f %s, %ld new connection%s, %ld write callback calls (largest %lu "
         "bytes), peak RSS %ld KiB\n", curl_version(), n, n == 1 ? "" : "s",
         (long long)sink.bytes, secs, usr, sys, rate, get ? "requests/s" : "MB/s",
         connects, connects == 1 ? "" : "s", sink.calls, (unsigned long)sink.largest,
         ru1.ru_maxrss);
  if(multi)
    printf("RESULT mode=%s%ld n=%ld bytes=%lld seconds=%.6f rate=%.3f unit=%s connects=%ld "
         "maxrss_kb=%ld user_s=%.6f sys_s=%.6f calls=%ld largest=%lu conns=%ld\n", mode, p,
         n, (long long)sink.bytes, secs, rate, "req/s", connects, ru1.ru_maxrss,
         usr, sys, sink.calls, (unsigned long)sink.largest, conns_used);
  else
    printf("RESULT mode=%s n=%ld bytes=%lld seconds=%.6f rate=%.3f unit=%s connects=%ld "
         "maxrss_kb=%ld user_s=%.6f sys_s=%.6f calls=%ld largest=%lu\n", mode, n,
         (long long)sink.bytes, secs, rate, get ? "req/s" : "MB/s", connects, ru1.ru_maxrss,
         usr, sys, sink.calls, (unsigned long)sink.largest);
  return 0;
}
