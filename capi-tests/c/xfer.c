/* Transfer behaviours real programs rely on:
 *   chunks URL        CURLOPT_BUFFERSIZE 100 KiB (as the curl tool sets it) and a large body:
 *                     no write callback call gets more than CURL_MAX_WRITE_SIZE bytes, also
 *                     with CURLOPT_HEADER; the header callback gets whole lines
 *   late URL          options set after curl_multi_add_handle and before the first
 *                     curl_multi_perform (URL, user agent, write callback) take effect
 *   progress URL      a slow response: how often the progress callback is called
 *   xferinfo URL      the same with CURLOPT_XFERINFOFUNCTION, through curl_multi_perform
 *   stalled URL       a response that stalls: the progress callback still gets calls
 *   abort URL         a progress callback that aborts once 10 body bytes are in
 *   upsize URL        CURLINFO_CONTENT_LENGTH_UPLOAD(_T) and REQUEST_SIZE for GET, POST and
 *                     PUT bodies of every kind
 *   lastsocket URL    CURLINFO_LASTSOCKET / ACTIVESOCKET: the kept connection's socket, -1
 *                     when it closed, or outside a multi
 *   badurl            CURLINFO_EFFECTIVE_URL after a URL the transfer cannot parse
 *   crlf URL          CURLOPT_CRLF: LF becomes CRLF in uploaded data (read callback), not
 *                     in POSTFIELDS sent with the request
 *   timers URL        curl_multi_socket_action: the timers reported while a transfer waits
 *                     for its answer (no progress timer; TIMEOUT's; the low-speed check's)
 *   pausesock M URL   curl_multi_socket_action: what the socket callback hears while a
 *                     transfer pauses (M "write": from the write callback, "manual": with
 *                     curl_easy_pause) and goes on
 * Printed: what each library must agree on, never timings or sizes that vary. */
#include "testutil.h"

#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct sizes {
  size_t max_write;
  size_t max_header;
  size_t total;
  int calls;
};

static size_t on_write_sizes(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct sizes *s = (struct sizes *)userp;
  size_t n = size * nmemb;
  (void)ptr;
  if(n > s->max_write)
    s->max_write = n;
  s->total += n;
  s->calls++;
  return n;
}

static size_t on_header_sizes(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct sizes *s = (struct sizes *)userp;
  size_t n = size * nmemb;
  (void)ptr;
  if(n > s->max_header)
    s->max_header = n;
  return n;
}

static void chunks_once(const char *url, long with_header)
{
  CURL *h = curl_easy_init();
  struct sizes s;
  CURLcode rc;
  CHECK(h);
  memset(&s, 0, sizeof(s));
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 102400L));
  OK(curl_easy_setopt(h, CURLOPT_HEADER, with_header));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write_sizes));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &s));
  OK(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header_sizes));
  OK(curl_easy_setopt(h, CURLOPT_HEADERDATA, &s));
  rc = curl_easy_perform(h);
  printf("header %ld: result %d, received %s 1 MiB, max write <= %d: %s, max header line "
         "> 16384: %s\n",
         with_header, (int)rc, s.total >= 1048576 ? ">=" : "<", CURL_MAX_WRITE_SIZE,
         s.max_write <= CURL_MAX_WRITE_SIZE ? "yes" : "no",
         s.max_header > 16384 ? "yes" : "no");
  curl_easy_cleanup(h);
}

static void chunks(const char *url)
{
  chunks_once(url, 0L);
  chunks_once(url, 1L);
}

/* Runs the multi until nothing is left. */
static void run_multi(CURLM *m)
{
  int running = 1;
  while(running) {
    CHECK(curl_multi_perform(m, &running) == CURLM_OK);
    if(running)
      CHECK(curl_multi_poll(m, NULL, 0, 1000, NULL) == CURLM_OK);
  }
}

static void late(const char *base)
{
  char wrong[512], right[512];
  CURLM *m = curl_multi_init();
  CURL *h = curl_easy_init();
  struct buf body = {NULL, 0};
  CURLMsg *msg;
  int queued;
  long code = 0;
  CHECK(m && h);
  snprintf(wrong, sizeof(wrong), "%s/wrong", base);
  snprintf(right, sizeof(right), "%s/right", base);
  OK(curl_easy_setopt(h, CURLOPT_URL, wrong));
  OK(curl_easy_setopt(h, CURLOPT_USERAGENT, "early-agent"));
  CHECK(curl_multi_add_handle(m, h) == CURLM_OK);
  /* After adding, before the first perform. */
  OK(curl_easy_setopt(h, CURLOPT_URL, right));
  OK(curl_easy_setopt(h, CURLOPT_USERAGENT, "late-agent"));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  run_multi(m);
  msg = curl_multi_info_read(m, &queued);
  CHECK(msg && msg->msg == CURLMSG_DONE);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  printf("result %d, code %ld, ", (int)msg->data.result, code);
  print_quoted("body", body.data ? body.data : "", body.len);
  curl_multi_remove_handle(m, h);
  curl_easy_cleanup(h);
  curl_multi_cleanup(m);
  buf_reset(&body);
}

struct prog {
  int calls;
  int calls_at_final; /* calls that saw the whole body */
  curl_off_t last_dlnow;
  int went_back;      /* dlnow decreased between calls */
};

static int on_xferinfo(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
  struct prog *p = (struct prog *)userp;
  (void)dltotal;
  (void)ultotal;
  (void)ulnow;
  p->calls++;
  if(dlnow < p->last_dlnow)
    p->went_back = 1;
  p->last_dlnow = dlnow;
  return 0;
}

static int on_progress(void *userp, double dltotal, double dlnow, double ultotal,
                       double ulnow)
{
  return on_xferinfo(userp, (curl_off_t)dltotal, (curl_off_t)dlnow, (curl_off_t)ultotal,
                     (curl_off_t)ulnow);
}

static size_t discard(char *ptr, size_t size, size_t nmemb, void *userp)
{
  (void)ptr;
  (void)userp;
  return size * nmemb;
}

/* The server takes about 3 s over the response (40 body bytes, one every 75 ms): both
 * libraries call at least once a second and on every pass that moved data, so well over
 * 20 calls. */
static void progress(const char *url, int use_multi, int min_calls)
{
  CURL *h = curl_easy_init();
  struct prog p;
  CURLcode rc;
  CHECK(h);
  memset(&p, 0, sizeof(p));
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard));
  if(use_multi) {
    OK(curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_xferinfo));
    OK(curl_easy_setopt(h, CURLOPT_XFERINFODATA, &p));
  }
  else {
    OK(curl_easy_setopt(h, CURLOPT_PROGRESSFUNCTION, on_progress));
    OK(curl_easy_setopt(h, CURLOPT_PROGRESSDATA, &p));
  }
  if(use_multi) {
    CURLM *m = curl_multi_init();
    CURLMsg *msg;
    int queued;
    CHECK(m);
    CHECK(curl_multi_add_handle(m, h) == CURLM_OK);
    run_multi(m);
    msg = curl_multi_info_read(m, &queued);
    CHECK(msg && msg->msg == CURLMSG_DONE);
    rc = msg->data.result;
    curl_multi_remove_handle(m, h);
    curl_multi_cleanup(m);
  }
  else
    rc = curl_easy_perform(h);
  printf("result %d, at least %d calls: %s, dlnow never went back: %s, last dlnow %ld\n",
         (int)rc, min_calls, p.calls >= min_calls ? "yes" : "no", p.went_back ? "no" : "yes",
         (long)p.last_dlnow);
  curl_easy_cleanup(h);
}

struct source {
  const char *data;
  size_t left;
};

static size_t on_read(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct source *src = (struct source *)userp;
  size_t n = size * nmemb;
  if(n > src->left)
    n = src->left;
  memcpy(ptr, src->data, n);
  src->data += n;
  src->left -= n;
  return n;
}

static void print_upload_info(CURL *h, const char *what)
{
  curl_off_t cl = -2;
  double cld = -2;
  long request = -2;
  OK(curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_UPLOAD_T, &cl));
  OK(curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_UPLOAD, &cld));
  OK(curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &request));
  printf("%s: content length upload %ld (%.0f), request size %ld\n", what, (long)cl, cld,
         request);
}

/* kind: "get", "fields", "empty", "bigfields", "post" (read callback), "put" (upload);
 * size: POSTFIELDSIZE / INFILESIZE, -1 for none. */
static void upsize_one(const char *url, const char *kind, long size, const char *data)
{
  CURL *h = curl_easy_init();
  struct source src;
  struct buf body = {NULL, 0};
  char what[64];
  CURLcode rc;
  CHECK(h);
  src.data = data;
  src.left = strlen(data);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  if(!strcmp(kind, "fields") || !strcmp(kind, "bigfields") || !strcmp(kind, "empty"))
    OK(curl_easy_setopt(h, CURLOPT_POSTFIELDS, data));
  else if(!strcmp(kind, "post")) {
    OK(curl_easy_setopt(h, CURLOPT_POST, 1L));
    OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read));
    OK(curl_easy_setopt(h, CURLOPT_READDATA, &src));
    if(size >= 0)
      OK(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, size));
  }
  else if(!strcmp(kind, "put")) {
    OK(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
    OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read));
    OK(curl_easy_setopt(h, CURLOPT_READDATA, &src));
    if(size >= 0)
      OK(curl_easy_setopt(h, CURLOPT_INFILESIZE, size));
  }
  rc = curl_easy_perform(h);
  snprintf(what, sizeof(what), "%s %ld result %d", kind, size, (int)rc);
  print_upload_info(h, what);
  curl_easy_cleanup(h);
  buf_reset(&body);
}

static void upsize(const char *url)
{
  CURL *h = curl_easy_init();
  char *big = malloc(70001);
  CHECK(h && big);
  print_upload_info(h, "new handle");
  curl_easy_cleanup(h);
  memset(big, 'x', 70000);
  big[70000] = '\0';
  upsize_one(url, "get", -1, "");
  upsize_one(url, "fields", -1, "hello");
  upsize_one(url, "empty", -1, "");
  upsize_one(url, "bigfields", -1, big);
  upsize_one(url, "post", 5, "hello");
  upsize_one(url, "post", -1, "hello");
  upsize_one(url, "post", 0, "");
  upsize_one(url, "put", 5, "hello");
  upsize_one(url, "put", -1, "hello");
  upsize_one(url, "put", 0, "");
  free(big);
}

static long lastsocket(CURL *h, const char *what)
{
  long last = -2;
  curl_socket_t active = -2;
  OK(curl_easy_getinfo(h, CURLINFO_LASTSOCKET, &last));
  OK(curl_easy_getinfo(h, CURLINFO_ACTIVESOCKET, &active));
  if(last == -1)
    printf("%s: lastsocket -1, activesocket %s\n", what, active == -1 ? "-1" : "other");
  else {
    int type = 0;
    socklen_t len = sizeof(type);
    int is_socket = getsockopt((int)last, SOL_SOCKET, SO_TYPE, &type, &len) == 0;
    printf("%s: lastsocket an open socket: %s, activesocket the same: %s\n", what,
           is_socket ? "yes" : "no", (long)active == last ? "yes" : "no");
  }
  return last;
}

static size_t write_checking_socket(char *ptr, size_t size, size_t nmemb, void *userp)
{
  CURL *h = (CURL *)userp;
  static int once;
  (void)ptr;
  if(!once) {
    once = 1;
    lastsocket(h, "during the transfer");
  }
  return size * nmemb;
}

static void lastsockets(const char *base)
{
  char url[512];
  CURL *h = curl_easy_init();
  CURLM *m;
  CURLMsg *msg;
  int queued;
  CHECK(h);
  lastsocket(h, "new handle");
  snprintf(url, sizeof(url), "%s/keep", base);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_checking_socket));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, h));
  OK(curl_easy_perform(h));
  lastsocket(h, "kept connection");
  snprintf(url, sizeof(url), "%s/close", base);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_perform(h));
  lastsocket(h, "closed by the server");
  snprintf(url, sizeof(url), "%s/keep", base);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L));
  OK(curl_easy_perform(h));
  lastsocket(h, "forbid reuse");
  curl_easy_cleanup(h);

  h = curl_easy_init();
  m = curl_multi_init();
  CHECK(h && m);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard));
  CHECK(curl_multi_add_handle(m, h) == CURLM_OK);
  run_multi(m);
  msg = curl_multi_info_read(m, &queued);
  CHECK(msg && msg->msg == CURLMSG_DONE && msg->data.result == CURLE_OK);
  lastsocket(h, "multi, done");
  CHECK(curl_multi_remove_handle(m, h) == CURLM_OK);
  lastsocket(h, "multi, removed");
  curl_multi_cleanup(m);
  curl_easy_cleanup(h);
}

static void badurl_one(const char *url)
{
  CURL *h = curl_easy_init();
  char *eff = NULL;
  CURLcode rc;
  CHECK(h);
  OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff));
  printf("%s: before setting, effective url \"%s\"\n", url ? url : "(none)",
         eff ? eff : "(null)");
  if(url) {
    OK(curl_easy_setopt(h, CURLOPT_URL, url));
    OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff));
    printf("%s: before perform, effective url \"%s\"\n", url, eff ? eff : "(null)");
  }
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff));
  printf("%s: result %d, effective url \"%s\"\n", url ? url : "(none)", (int)rc,
         eff ? eff : "(null)");
  curl_easy_cleanup(h);
}

static void badurl(void)
{
  badurl_one(NULL);
  badurl_one("http://127.0.0.1:99999/x");
  badurl_one("http://[::1/x");
  badurl_one("http://exa mple/x");
  badurl_one("foo://127.0.0.1/x");
  badurl_one("");
}

/* kind as upsize_one: "put" and "post" upload from the read callback, "fields" posts
 * POSTFIELDS; the size given is what the application declares. */
static void crlf_one(const char *url, const char *kind, long size, const char *data)
{
  CURL *h = curl_easy_init();
  struct source src;
  struct buf body = {NULL, 0};
  curl_off_t up = -2;
  CURLcode rc;
  CHECK(h);
  src.data = data;
  src.left = strlen(data);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_CRLF, 1L));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  if(!strcmp(kind, "fields") || !strcmp(kind, "bigfields"))
    OK(curl_easy_setopt(h, CURLOPT_POSTFIELDS, data));
  else {
    OK(curl_easy_setopt(h, strcmp(kind, "put") ? CURLOPT_POST : CURLOPT_UPLOAD, 1L));
    OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read));
    OK(curl_easy_setopt(h, CURLOPT_READDATA, &src));
    OK(curl_easy_setopt(h, strcmp(kind, "put") ? CURLOPT_POSTFIELDSIZE : CURLOPT_INFILESIZE,
                        size));
  }
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &up));
  printf("%s: result %d, uploaded %ld\n", kind, (int)rc, (long)up);
  curl_easy_cleanup(h);
  buf_reset(&body);
}

static void crlf(const char *url)
{
  /* 12 bytes with 2 LFs: 14 on the wire. */
  crlf_one(url, "put", 14, "one\ntwo\nend.");
  crlf_one(url, "post", 14, "one\ntwo\nend.");
  crlf_one(url, "fields", -1, "one\ntwo\nend.");
  /* POSTFIELDS too large to go with the request head are converted as they are sent (the
   * Content-Length stays the application's size, so the server sees one byte less). */
  {
    char *big = malloc(70001);
    CHECK(big);
    memset(big, 'x', 70000);
    big[69999] = '\n';
    big[70000] = '\0';
    crlf_one(url, "bigfields", -1, big);
    free(big);
  }
}

/* --- pausing in an event-driven loop: what the socket callback hears --- */

static int ep = -1;
static long timer = -1;
static char actions[512];

static void note(const char *what)
{
  size_t len = strlen(actions);
  snprintf(actions + len, sizeof(actions) - len, "%s%s", len ? " " : "", what);
}

static int on_sock(CURL *e, curl_socket_t s, int what, void *userp, void *socketp)
{
  struct epoll_event ev;
  (void)e;
  (void)userp;
  (void)socketp;
  memset(&ev, 0, sizeof(ev));
  ev.data.fd = s;
  if(what == CURL_POLL_REMOVE) {
    note("REMOVE");
    epoll_ctl(ep, EPOLL_CTL_DEL, s, NULL);
    return 0;
  }
  /* Not printed: OUT while connecting, which libcurl reports for a loopback connect that
   * ours sees completed in the same pass. */
  if(actions[0] || what != CURL_POLL_OUT)
    note(what == CURL_POLL_IN ? "IN" : what == CURL_POLL_OUT ? "OUT" : "INOUT");
  ev.events = (what & CURL_POLL_IN ? EPOLLIN : 0) | (what & CURL_POLL_OUT ? EPOLLOUT : 0);
  if(epoll_ctl(ep, EPOLL_CTL_MOD, s, &ev))
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev) == 0);
  return 0;
}

static int on_timer_cb(CURLM *m, long ms, void *userp)
{
  (void)m;
  (void)userp;
  timer = ms;
  return 0;
}

struct pauser {
  CURL *h;
  const char *mode;
  int paused;  /* 1 while paused, 2 once unpaused */
  int head_done;
  struct buf body;
};

static size_t pause_write(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct pauser *p = (struct pauser *)userp;
  if(!strcmp(p->mode, "write") && !p->paused) {
    p->paused = 1;
    note("[pause]");
    return CURL_WRITEFUNC_PAUSE;
  }
  return buf_write(ptr, size, nmemb, &p->body);
}

static size_t pause_header(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct pauser *p = (struct pauser *)userp;
  if(size * nmemb == 2 && ptr[0] == '\r')
    p->head_done = 1;
  return size * nmemb;
}

/* mode "write": the write callback pauses; "manual": the loop pauses receiving once the
 * head is in (the body comes later). The loop unpauses a few idle rounds later. */
static void pausesock(const char *url, const char *mode)
{
  CURLM *m = curl_multi_init();
  CURL *h = curl_easy_init();
  struct pauser p;
  int running = 1, idle_rounds = 0;
  CURLMsg *msg;
  int queued;
  CHECK(m && h);
  memset(&p, 0, sizeof(p));
  p.h = h;
  p.mode = mode;
  ep = epoll_create1(0);
  CHECK(ep >= 0);
  CHECK(curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, on_sock) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, on_timer_cb) == CURLM_OK);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, pause_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &p));
  OK(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, pause_header));
  OK(curl_easy_setopt(h, CURLOPT_HEADERDATA, &p));
  CHECK(curl_multi_add_handle(m, h) == CURLM_OK);
  while(running) {
    struct epoll_event evs[8];
    int k, nev, wait_ms = timer < 0 || timer > 100 ? 100 : (int)timer;
    if(!strcmp(mode, "manual") && p.head_done && !p.paused) {
      p.paused = 1;
      note("[pause]");
      OK(curl_easy_pause(h, CURLPAUSE_RECV));
      note("[paused]");
    }
    if(p.paused == 1 && ++idle_rounds > 5) {
      p.paused = 2;
      note("[unpause]");
      OK(curl_easy_pause(h, CURLPAUSE_CONT));
      note("[unpaused]");
    }
    nev = epoll_wait(ep, evs, 8, wait_ms);
    CHECK(nev >= 0);
    if(nev == 0)
      CHECK(curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running) == CURLM_OK);
    for(k = 0; k < nev; k++) {
      int mask = (evs[k].events & EPOLLIN ? CURL_CSELECT_IN : 0) |
                 (evs[k].events & EPOLLOUT ? CURL_CSELECT_OUT : 0);
      CHECK(curl_multi_socket_action(m, evs[k].data.fd, mask, &running) == CURLM_OK);
    }
  }
  msg = curl_multi_info_read(m, &queued);
  CHECK(msg && msg->msg == CURLMSG_DONE);
  printf("%s: result %d, ", mode, (int)msg->data.result);
  print_quoted("body", p.body.data ? p.body.data : "", p.body.len);
  printf("socket callback: %s\n", actions);
  curl_multi_remove_handle(m, h);
  curl_easy_cleanup(h);
  curl_multi_cleanup(m);
  buf_reset(&p.body);
  close(ep);
}

/* --- what the timer callback and curl_multi_timeout report while a transfer waits --- */

static long now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static char timers[256];
static long timer_set_at;

static const char *bucket(long ms)
{
  if(ms < 0)
    return "none";
  if(ms == 0)
    return "now";
  return ms <= 1000 ? "within 1s" : "later";
}

/* Notes a state once, however often it is seen. */
static void note_timer(const char *what, long ms)
{
  char item[64];
  snprintf(item, sizeof(item), "%s %s", what, bucket(ms));
  if(strstr(timers, item))
    return;
  snprintf(timers + strlen(timers), sizeof(timers) - strlen(timers), "%s%s",
           timers[0] ? ", " : "", item);
}

static int on_timer_note(CURLM *m, long ms, void *userp)
{
  (void)m;
  (void)userp;
  timer = ms;
  timer_set_at = now_ms();
  return 0;
}

/* The server stalls 1.5 s before its answer. Sampled from 0.7 s after the socket is first
 * watched for reading (when the timers of connecting are over) until the answer: what
 * curl_multi_timeout says (the loop follows the timer callback). Progress callbacks on (noprogress 0) or
 * off, with CURLOPT_TIMEOUT_MS or without. */
static void timersock(const char *url, long noprogress, long timeout_ms, long low_speed)
{
  CURLM *m = curl_multi_init();
  CURL *h = curl_easy_init();
  int running = 1;
  long reading_since = -1;
  CURLMsg *msg;
  int queued;
  CHECK(m && h);
  timers[0] = '\0';
  actions[0] = '\0';
  timer = -1;
  ep = epoll_create1(0);
  CHECK(ep >= 0);
  CHECK(curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, on_sock) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, on_timer_note) == CURLM_OK);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard));
  OK(curl_easy_setopt(h, CURLOPT_NOPROGRESS, noprogress));
  if(timeout_ms)
    OK(curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms));
  if(low_speed) {
    OK(curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, low_speed));
    OK(curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 30L));
  }
  CHECK(curl_multi_add_handle(m, h) == CURLM_OK);
  while(running) {
    struct epoll_event evs[8];
    long left = timer < 0 ? 100 : timer - (now_ms() - timer_set_at);
    int k, nev;
    if(left < 0)
      left = 0;
    nev = epoll_wait(ep, evs, 8, left > 100 ? 100 : (int)left);
    CHECK(nev >= 0);
    if(reading_since < 0 && !strcmp(actions, "IN"))
      reading_since = now_ms();
    if(nev == 0 && reading_since >= 0 && now_ms() - reading_since >= 700) {
      long t = -2;
      CHECK(curl_multi_timeout(m, &t) == CURLM_OK);
      /* A timer due right now is a moment's state: not noted. */
      if(t)
        note_timer("curl_multi_timeout", t);
    }
    if(nev == 0 && timer >= 0 && now_ms() - timer_set_at >= timer)
      CHECK(curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running) == CURLM_OK);
    for(k = 0; k < nev; k++) {
      int mask = (evs[k].events & EPOLLIN ? CURL_CSELECT_IN : 0) |
                 (evs[k].events & EPOLLOUT ? CURL_CSELECT_OUT : 0);
      CHECK(curl_multi_socket_action(m, evs[k].data.fd, mask, &running) == CURLM_OK);
    }
  }
  msg = curl_multi_info_read(m, &queued);
  CHECK(msg && msg->msg == CURLMSG_DONE);
  printf("noprogress %ld, timeout %ld, low speed %ld: result %d, while waiting: %s\n",
         noprogress, timeout_ms, low_speed, (int)msg->data.result, timers);
  curl_multi_remove_handle(m, h);
  curl_easy_cleanup(h);
  curl_multi_cleanup(m);
  close(ep);
}

/* --- a progress callback that stops the transfer once enough has arrived --- */

struct stopper {
  size_t written;
  curl_off_t seen_at_abort;
};

static size_t count_write(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct stopper *st = (struct stopper *)userp;
  (void)ptr;
  st->written += size * nmemb;
  return size * nmemb;
}

static int stop_at_10(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                      curl_off_t ulnow)
{
  struct stopper *st = (struct stopper *)userp;
  (void)dltotal;
  (void)ultotal;
  (void)ulnow;
  if(dlnow >= 10) {
    st->seen_at_abort = dlnow;
    return 1;
  }
  return 0;
}

/* The body comes one byte at a time: the callback sees the 10th byte as soon as it is
 * written, and nothing more is delivered after the abort. */
static void abort_at(const char *url)
{
  CURL *h = curl_easy_init();
  struct stopper st = {0, 0};
  char err[CURL_ERROR_SIZE] = "";
  CURLcode rc;
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L));
  OK(curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, stop_at_10));
  OK(curl_easy_setopt(h, CURLOPT_XFERINFODATA, &st));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, count_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &st));
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err));
  rc = curl_easy_perform(h);
  printf("result %d (%s), written %lu, dlnow at the abort %ld\n", (int)rc, err,
         (unsigned long)st.written, (long)st.seen_at_abort);
  curl_easy_cleanup(h);
}

int main(int argc, char **argv)
{
  const char *mode;
  CHECK(argc >= 2);
  mode = argv[1];
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  if(!strcmp(mode, "chunks") && argc == 3)
    chunks(argv[2]);
  else if(!strcmp(mode, "late") && argc == 3)
    late(argv[2]);
  else if(!strcmp(mode, "progress") && argc == 3)
    progress(argv[2], 0, 20);
  else if(!strcmp(mode, "xferinfo") && argc == 3)
    progress(argv[2], 1, 20);
  else if(!strcmp(mode, "stalled") && argc == 3)
    progress(argv[2], 1, 3);
  else if(!strcmp(mode, "abort") && argc == 3)
    abort_at(argv[2]);
  else if(!strcmp(mode, "upsize") && argc == 3)
    upsize(argv[2]);
  else if(!strcmp(mode, "lastsocket") && argc == 3)
    lastsockets(argv[2]);
  else if(!strcmp(mode, "badurl") && argc == 2)
    badurl();
  else if(!strcmp(mode, "crlf") && argc == 3)
    crlf(argv[2]);
  else if(!strcmp(mode, "pausesock") && argc == 4)
    pausesock(argv[3], argv[2]);
  else if(!strcmp(mode, "timers") && argc == 3) {
    timersock(argv[2], 1L, 0L, 0L);
    timersock(argv[2], 0L, 0L, 0L);
    timersock(argv[2], 1L, 20000L, 0L);
    timersock(argv[2], 1L, 0L, 1L);
  }
  else {
    fprintf(stderr, "bad arguments\n");
    return 1;
  }
  curl_global_cleanup();
  return 0;
}
