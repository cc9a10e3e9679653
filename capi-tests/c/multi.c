/* The multi interface as applications use it: a curl_multi_perform + curl_multi_poll loop,
 * a select() loop on curl_multi_fdset, an epoll loop on curl_multi_socket_action with socket
 * and timer callbacks, curl_multi_wakeup from another thread, removal mid-transfer, and the
 * return codes of misuse (bad handles, adding twice, calls from inside callbacks).
 *
 * usage: multi MODE URL [N]
 *   poll     N transfers of URL/0 .. URL/N-1 driven by curl_multi_perform + curl_multi_poll
 *   select   the same with curl_multi_fdset, curl_multi_timeout and select()
 *   socket   the same with curl_multi_socket_action and an epoll loop
 *   remove   N transfers; the first is removed once the others have started
 *   hostlimit N transfers with CURLMOPT_MAX_HOST_CONNECTIONS 2 (and MAXCONNECTS 2)
 *   totallimit N transfers with CURLMOPT_MAX_TOTAL_CONNECTIONS 1
 *   pause    one transfer whose write callback pauses it; the loop resumes it with
 *            curl_easy_pause, then removes it and adds it again for a second transfer
 *   readpause a PUT whose read callback pauses it once; the loop resumes it
 *   codes    the return codes of misuse
 *   recurse  every guarded multi call made from inside a write callback
 *   wakeup   curl_multi_wakeup from another thread ends a long curl_multi_poll */
#include "testutil.h"

#include <pthread.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#define MAX_HANDLES 64

static struct buf bodies[MAX_HANDLES];
static CURL *easies[MAX_HANDLES];
static int count;

/* Adds n handles for URL/0 .. URL/n-1, each writing to its body buffer. */
static void add_handles(CURLM *m, const char *url, int n)
{
  int i;
  CHECK(n > 0 && n <= MAX_HANDLES);
  count = n;
  for(i = 0; i < n; i++) {
    char u[512];
    snprintf(u, sizeof(u), "%s/%d", url, i);
    easies[i] = curl_easy_init();
    CHECK(easies[i]);
    OK(curl_easy_setopt(easies[i], CURLOPT_URL, u));
    OK(curl_easy_setopt(easies[i], CURLOPT_WRITEFUNCTION, buf_write));
    OK(curl_easy_setopt(easies[i], CURLOPT_WRITEDATA, &bodies[i]));
    OK(curl_easy_setopt(easies[i], CURLOPT_PRIVATE, (void *)(long)i));
    CHECK(curl_multi_add_handle(m, easies[i]) == CURLM_OK);
  }
}

static CURLM *start(const char *url, int n)
{
  CURLM *m = curl_multi_init();
  CHECK(m);
  add_handles(m, url, n);
  return m;
}


/* Reads every message, printing them in handle order so both libraries print the same. */
static void collect(CURLM *m, int *results)
{
  CURLMsg *msg;
  int queued;
  while((msg = curl_multi_info_read(m, &queued))) {
    void *priv = NULL;
    CHECK(msg->msg == CURLMSG_DONE);
    OK(curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv));
    results[(long)priv] = (int)msg->data.result;
  }
}
/* curl_multi_perform + curl_multi_poll until every transfer is done. */
static void perform_poll(CURLM *m, int *results)
{
  int running = 1;
  while(running) {
    CHECK(curl_multi_perform(m, &running) == CURLM_OK);
    collect(m, results);
    if(running)
      CHECK(curl_multi_poll(m, NULL, 0, 1000, NULL) == CURLM_OK);
  }
  collect(m, results);
}


static void finish(CURLM *m, int *results)
{
  int i;
  for(i = 0; i < count; i++) {
    long code = 0;
    if(easies[i]) {
      OK(curl_easy_getinfo(easies[i], CURLINFO_RESPONSE_CODE, &code));
      printf("transfer %d: result %d, code %ld, ", i, results[i], code);
      print_quoted("body", bodies[i].data ? bodies[i].data : "", bodies[i].len);
      printf("\n");
      CHECK(curl_multi_remove_handle(m, easies[i]) == CURLM_OK);
      curl_easy_cleanup(easies[i]);
      buf_reset(&bodies[i]);
    }
  }
  CHECK(curl_multi_cleanup(m) == CURLM_OK);
}

static void poll_loop(const char *url, int n)
{
  CURLM *m = start(url, n);
  int results[MAX_HANDLES];
  memset(results, -1, sizeof(results));
  perform_poll(m, results);
  finish(m, results);
}

/* All transfers added at once under a connection limit: they wait their turn. */
static void limited(const char *url, int n, CURLMoption which, long limit)
{
  CURLM *m = curl_multi_init();
  int results[MAX_HANDLES], i;
  long connects = 0;
  CHECK(m);
  CHECK(curl_multi_setopt(m, which, limit) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, limit) == CURLM_OK);
  memset(results, -1, sizeof(results));
  add_handles(m, url, n);
  perform_poll(m, results);
  for(i = 0; i < n; i++) {
    long c = 0;
    OK(curl_easy_getinfo(easies[i], CURLINFO_NUM_CONNECTS, &c));
    connects += c;
  }
  /* How many depends on timing (a transfer may end before the next starts); the limit
     must hold. */
  printf("new connections within the limit: %s\n",
         connects >= 1 && connects <= limit ? "yes" : "no");
  finish(m, results);
}

static int paused_once;

static size_t pausing_write(char *p, size_t size, size_t n, void *u)
{
  if(!paused_once) {
    paused_once = 1;
    return CURL_WRITEFUNC_PAUSE;
  }
  return buf_write(p, size, n, u);
}

static void pause_resume(const char *url)
{
  CURLM *m = curl_multi_init();
  CURL *e = curl_easy_init();
  struct buf body = {NULL, 0};
  int running = 1, round, results[1] = {-1}, paused_rounds = 0;
  CHECK(m && e);
  count = 1;
  easies[0] = e;
  OK(curl_easy_setopt(e, CURLOPT_URL, url));
  OK(curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, pausing_write));
  OK(curl_easy_setopt(e, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(e, CURLOPT_PRIVATE, (void *)0L));
  for(round = 0; round < 2; round++) {
    CHECK(curl_multi_add_handle(m, e) == CURLM_OK);
    running = 1;
    while(running) {
      CHECK(curl_multi_perform(m, &running) == CURLM_OK);
      collect(m, results);
      if(paused_once == 1 && ++paused_rounds == 3) {
        paused_once = 2;
        OK(curl_easy_pause(e, CURLPAUSE_CONT));
      }
      if(running)
        CHECK(curl_multi_poll(m, NULL, 0, 100, NULL) == CURLM_OK);
    }
    collect(m, results);
    printf("round %d: result %d, ", round, results[0]);
    print_quoted("body", body.data ? body.data : "", body.len);
    printf("\n");
    buf_reset(&body);
    CHECK(curl_multi_remove_handle(m, e) == CURLM_OK);
  }
  easies[0] = NULL;
  curl_easy_cleanup(e);
  CHECK(curl_multi_cleanup(m) == CURLM_OK);
}

static const char upload[] = "the upload body, sent after a pause";
static size_t upload_pos;
static int read_paused;

static size_t pausing_read(char *p, size_t size, size_t n, void *u)
{
  size_t left = sizeof(upload) - 1 - upload_pos, take = size * n;
  (void)u;
  if(!read_paused) {
    read_paused = 1;
    return CURL_READFUNC_PAUSE;
  }
  if(take > left)
    take = left;
  memcpy(p, upload + upload_pos, take);
  upload_pos += take;
  return take;
}

static void read_pause(const char *url)
{
  CURLM *m = curl_multi_init();
  CURL *e = curl_easy_init();
  struct buf body = {NULL, 0};
  int running = 1, rounds = 0, results[1] = {-1};
  CHECK(m && e);
  count = 1;
  OK(curl_easy_setopt(e, CURLOPT_URL, url));
  OK(curl_easy_setopt(e, CURLOPT_UPLOAD, 1L));
  OK(curl_easy_setopt(e, CURLOPT_INFILESIZE, (long)(sizeof(upload) - 1)));
  OK(curl_easy_setopt(e, CURLOPT_READFUNCTION, pausing_read));
  OK(curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(e, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(e, CURLOPT_PRIVATE, (void *)0L));
  CHECK(curl_multi_add_handle(m, e) == CURLM_OK);
  while(running) {
    CHECK(curl_multi_perform(m, &running) == CURLM_OK);
    collect(m, results);
    if(read_paused == 1 && ++rounds == 3) {
      read_paused = 2;
      OK(curl_easy_pause(e, CURLPAUSE_CONT));
    }
    if(running)
      CHECK(curl_multi_poll(m, NULL, 0, 100, NULL) == CURLM_OK);
  }
  collect(m, results);
  printf("read pause: result %d, paused %d, ", results[0], read_paused);
  print_quoted("body", body.data ? body.data : "", body.len);
  printf("\n");
  buf_reset(&body);
  CHECK(curl_multi_remove_handle(m, e) == CURLM_OK);
  curl_easy_cleanup(e);
  CHECK(curl_multi_cleanup(m) == CURLM_OK);
}

static void select_loop(const char *url, int n)
{
  CURLM *m = start(url, n);
  int running = 1, results[MAX_HANDLES];
  memset(results, -1, sizeof(results));
  CHECK(curl_multi_perform(m, &running) == CURLM_OK);
  while(running) {
    fd_set r, w, x;
    int maxfd = -1;
    long timeout = -1;
    struct timeval tv;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&x);
    CHECK(curl_multi_fdset(m, &r, &w, &x, &maxfd) == CURLM_OK);
    CHECK(curl_multi_timeout(m, &timeout) == CURLM_OK);
    if(timeout < 0 || timeout > 100)
      timeout = 100;
    tv.tv_sec = 0;
    tv.tv_usec = timeout * 1000;
    CHECK(select(maxfd + 1, &r, &w, &x, &tv) >= 0);
    CHECK(curl_multi_perform(m, &running) == CURLM_OK);
    collect(m, results);
  }
  collect(m, results);
  finish(m, results);
}

/* --- the event-driven loop, in the style of libcurl's epoll examples --- */

static int epfd;
static long timer_ms = -1;
static int socket_calls, timer_calls;

static CURLM *the_multi;

static int on_socket_assign(CURL *e, curl_socket_t s, int what, void *userp, void *socketp)
{
  struct epoll_event ev;
  (void)e;
  (void)userp;
  socket_calls++;
  memset(&ev, 0, sizeof(ev));
  ev.data.fd = s;
  if(what == CURL_POLL_REMOVE) {
    epoll_ctl(epfd, EPOLL_CTL_DEL, s, NULL);
    return 0;
  }
  ev.events = (what & CURL_POLL_IN ? EPOLLIN : 0) | (what & CURL_POLL_OUT ? EPOLLOUT : 0);
  if(!socketp) {
    CHECK(epoll_ctl(epfd, EPOLL_CTL_ADD, s, &ev) == 0);
    CHECK(curl_multi_assign(the_multi, s, &epfd) == CURLM_OK);
  }
  else {
    CHECK(socketp == &epfd);
    CHECK(epoll_ctl(epfd, EPOLL_CTL_MOD, s, &ev) == 0);
  }
  return 0;
}

static int on_timer(CURLM *m, long ms, void *userp)
{
  CHECK(userp == &timer_ms);
  CHECK(m == the_multi);
  timer_calls++;
  timer_ms = ms;
  return 0;
}

static void socket_loop(const char *url, int n)
{
  CURLM *m = curl_multi_init();
  int running = 1, results[MAX_HANDLES], first_timer;
  CHECK(m);
  the_multi = m;
  memset(results, -1, sizeof(results));
  epfd = epoll_create1(0);
  CHECK(epfd >= 0);
  CHECK(curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, on_socket_assign) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_SOCKETDATA, &epfd) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, on_timer) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_TIMERDATA, &timer_ms) == CURLM_OK);
  add_handles(m, url, n);
  /* Adding a handle asks for action at once: the loop starts from the timer. */
  first_timer = timer_calls > 0 && timer_ms == 0;
  printf("timer called with 0 after add: %d\n", first_timer);
  while(running) {
    struct epoll_event evs[16];
    int k, wait_ms = timer_ms < 0 ? 1000 : (int)timer_ms;
    int nev = epoll_wait(epfd, evs, 16, wait_ms);
    CHECK(nev >= 0);
    if(nev == 0)
      CHECK(curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running) == CURLM_OK);
    for(k = 0; k < nev; k++) {
      int mask = (evs[k].events & EPOLLIN ? CURL_CSELECT_IN : 0) |
                 (evs[k].events & EPOLLOUT ? CURL_CSELECT_OUT : 0);
      CHECK(curl_multi_socket_action(m, evs[k].data.fd, mask, &running) == CURLM_OK);
    }
    collect(m, results);
  }
  collect(m, results);
  printf("socket callback used: %d\n", socket_calls > 0);
  finish(m, results);
  close(epfd);
}

static void remove_one(const char *url, int n)
{
  CURLM *m = start(url, n);
  int running = 1, results[MAX_HANDLES], rounds = 0;
  memset(results, -1, sizeof(results));
  while(running) {
    CHECK(curl_multi_perform(m, &running) == CURLM_OK);
    if(++rounds == 2 && easies[0]) {
      CHECK(curl_multi_remove_handle(m, easies[0]) == CURLM_OK);
      /* Again: already removed is fine. */
      CHECK(curl_multi_remove_handle(m, easies[0]) == CURLM_OK);
      curl_easy_cleanup(easies[0]);
      easies[0] = NULL;
      buf_reset(&bodies[0]);
      CHECK(curl_multi_perform(m, &running) == CURLM_OK);
    }
    collect(m, results);
    if(running)
      CHECK(curl_multi_poll(m, NULL, 0, 1000, NULL) == CURLM_OK);
  }
  collect(m, results);
  printf("transfer 0 removed\n");
  finish(m, results);
}

static void codes(const char *url)
{
  CURLM *m = curl_multi_init(), *other = curl_multi_init();
  CURL *e = curl_easy_init();
  long ms = 0;
  int running = -1, queued = -1, numfds = -1;
  CHECK(m && other && e);
  OK(curl_easy_setopt(e, CURLOPT_URL, url));
  printf("add NULL easy: %d\n", (int)curl_multi_add_handle(m, NULL));
  printf("add to NULL multi: %d\n", (int)curl_multi_add_handle(NULL, e));
  printf("remove not added: %d\n", (int)curl_multi_remove_handle(m, e));
  printf("add: %d\n", (int)curl_multi_add_handle(m, e));
  printf("add again: %d\n", (int)curl_multi_add_handle(m, e));
  printf("add to another multi: %d\n", (int)curl_multi_add_handle(other, e));
  printf("remove from another multi: %d\n", (int)curl_multi_remove_handle(other, e));
  printf("easy perform while added: %d\n", (int)curl_easy_perform(e));
  printf("unknown multi option: %d\n", (int)curl_multi_setopt(m, (CURLMoption)99999, 1L));
  printf("timeout after add: %d, %ld\n", (int)curl_multi_timeout(m, &ms), ms);
  printf("info_read before perform: %s\n", curl_multi_info_read(m, &queued) ? "msg" : "NULL");
  printf("queued: %d\n", queued);
  printf("wait with negative timeout: %d\n", (int)curl_multi_wait(m, NULL, 0, -1, &numfds));
  printf("perform NULL multi: %d\n", (int)curl_multi_perform(NULL, &running));
  printf("remove: %d\n", (int)curl_multi_remove_handle(m, e));
  printf("timeout when empty: %d, %ld\n", (int)curl_multi_timeout(m, &ms), ms);
  printf("perform empty: %d, running %d\n", (int)curl_multi_perform(m, &running), running);
  {
    int rc;
    running = -1;
    rc = (int)curl_multi_socket_all(m, &running);
    printf("socket_all empty: %d, running %d\n", rc, running);
    running = -1;
    rc = (int)curl_multi_socket(m, CURL_SOCKET_TIMEOUT, &running);
    printf("socket empty: %d, running %d\n", rc, running);
  }
  printf("wait empty: %d, numfds %d\n", (int)curl_multi_wait(m, NULL, 0, 10, &numfds), numfds);
  {
    /* A handle cleaned up while still added is taken out first, as libcurl does. */
    CURL *gone = curl_easy_init();
    CHECK(gone);
    OK(curl_easy_setopt(gone, CURLOPT_URL, url));
    printf("add then cleanup: %d\n", (int)curl_multi_add_handle(m, gone));
    curl_easy_cleanup(gone);
    printf("perform after: %d, running %d\n", (int)curl_multi_perform(m, &running), running);
    printf("info_read after: %s\n", curl_multi_info_read(m, &queued) ? "msg" : "NULL");
  }
  printf("cleanup NULL: %d\n", (int)curl_multi_cleanup(NULL));
  printf("cleanup: %d\n", (int)curl_multi_cleanup(m));
  printf("cleanup other: %d\n", (int)curl_multi_cleanup(other));
  printf("strerror 8: %s\n", curl_multi_strerror(CURLM_RECURSIVE_API_CALL));
  curl_easy_cleanup(e);
}

/* --- calls from inside a callback --- */

static CURLM *cb_multi;
static CURL *cb_other, *cb_self;
static int cb_done;

static size_t recursing_write(char *p, size_t size, size_t n, void *u)
{
  int running;
  fd_set r, w, x;
  int maxfd, numfds;
  (void)p;
  (void)u;
  if(!cb_done) {
    cb_done = 1;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&x);
    printf("add: %d\n", (int)curl_multi_add_handle(cb_multi, cb_other));
    printf("remove not added: %d\n", (int)curl_multi_remove_handle(cb_multi, cb_other));
    printf("remove: %d\n", (int)curl_multi_remove_handle(cb_multi, cb_self));
    printf("perform: %d\n", (int)curl_multi_perform(cb_multi, &running));
    printf("socket_action: %d\n",
           (int)curl_multi_socket_action(cb_multi, CURL_SOCKET_TIMEOUT, 0, &running));
    printf("fdset: %d\n", (int)curl_multi_fdset(cb_multi, &r, &w, &x, &maxfd));
    printf("wait: %d\n", (int)curl_multi_wait(cb_multi, NULL, 0, 0, &numfds));
    printf("poll: %d\n", (int)curl_multi_poll(cb_multi, NULL, 0, 0, &numfds));
    printf("cleanup: %d\n", (int)curl_multi_cleanup(cb_multi));
  }
  return size * n;
}

static void recurse(const char *url)
{
  CURL *e = curl_easy_init();
  int running = 1;
  cb_self = e;
  cb_multi = curl_multi_init();
  cb_other = curl_easy_init();
  CHECK(e && cb_multi && cb_other);
  OK(curl_easy_setopt(e, CURLOPT_URL, url));
  OK(curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, recursing_write));
  OK(curl_easy_setopt(cb_other, CURLOPT_URL, url));
  CHECK(curl_multi_add_handle(cb_multi, e) == CURLM_OK);
  while(running) {
    CHECK(curl_multi_perform(cb_multi, &running) == CURLM_OK);
    if(running)
      CHECK(curl_multi_poll(cb_multi, NULL, 0, 1000, NULL) == CURLM_OK);
  }
  printf("callback ran: %d\n", cb_done);
  CHECK(curl_multi_remove_handle(cb_multi, e) == CURLM_OK);
  CHECK(curl_multi_cleanup(cb_multi) == CURLM_OK);
  curl_easy_cleanup(e);
  curl_easy_cleanup(cb_other);
}

/* --- wakeup from another thread --- */

/* Whether the wakeup comes before or during the poll, the poll ends early: the signal
 * stays raised until a poll takes it. */
static void *waker(void *arg)
{
  CHECK(curl_multi_wakeup((CURLM *)arg) == CURLM_OK);
  return NULL;
}

static void wakeup(void)
{
  CURLM *m = curl_multi_init();
  pthread_t t;
  struct timespec a, b;
  double secs;
  int numfds = -1;
  CHECK(m);
  CHECK(pthread_create(&t, NULL, waker, m) == 0);
  clock_gettime(CLOCK_MONOTONIC, &a);
  CHECK(curl_multi_poll(m, NULL, 0, 10000, &numfds) == CURLM_OK);
  clock_gettime(CLOCK_MONOTONIC, &b);
  CHECK(pthread_join(t, NULL) == 0);
  secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
  printf("poll woken early: %d, numfds %d\n", secs < 5.0, numfds);
  printf("wakeup NULL: %d\n", (int)curl_multi_wakeup(NULL));
  CHECK(curl_multi_cleanup(m) == CURLM_OK);
}

int main(int argc, char **argv)
{
  const char *mode;
  int n;
  CHECK(argc >= 2);
  mode = argv[1];
  n = argc > 3 ? atoi(argv[3]) : 3;
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  if(!strcmp(mode, "poll"))
    poll_loop(argv[2], n);
  else if(!strcmp(mode, "select"))
    select_loop(argv[2], n);
  else if(!strcmp(mode, "socket"))
    socket_loop(argv[2], n);
  else if(!strcmp(mode, "remove"))
    remove_one(argv[2], n);
  else if(!strcmp(mode, "pause"))
    pause_resume(argv[2]);
  else if(!strcmp(mode, "readpause"))
    read_pause(argv[2]);
  else if(!strcmp(mode, "hostlimit"))
    limited(argv[2], n, CURLMOPT_MAX_HOST_CONNECTIONS, 2);
  else if(!strcmp(mode, "totallimit"))
    limited(argv[2], n, CURLMOPT_MAX_TOTAL_CONNECTIONS, 1);
  else if(!strcmp(mode, "codes"))
    codes(argv[2]);
  else if(!strcmp(mode, "recurse"))
    recurse(argv[2]);
  else if(!strcmp(mode, "wakeup"))
    wakeup();
  else
    CHECK(!"unknown mode");
  curl_global_cleanup();
  return 0;
}
