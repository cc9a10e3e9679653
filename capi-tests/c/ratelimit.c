/* CURLOPT_MAX_RECV_SPEED_LARGE and CURLOPT_MAX_SEND_SPEED_LARGE.
 *
 *   setopt             what setting them answers (negative values are refused)
 *   recv URL           a download of 256 KiB limited to 64 KiB/s, with 1 KiB reads
 *   send URL           an upload (PUT, read callback) of 256 KiB limited to 128 KiB/s
 *   fields URL         a POST of 256 KiB of POSTFIELDS limited to 128 KiB/s
 *   smallfields URL    a POST of 40 KiB of POSTFIELDS (small enough to go with the
 *                      request head) limited to 16 KiB/s
 *   socket URL         the download of "recv" under curl_multi_socket_action: what the
 *                      socket and timer callbacks hear while the transfer is held back
 *
 * libcurl checks the limit before each pass over a socket, and a pass reads while data is
 * there, up to about a hundred buffers: hence the small buffer for downloads (as the curl
 * tool sets CURLOPT_BUFFERSIZE to a --limit-rate below 100 KiB), so that the limit and not
 * the loopback's speed decides. Times are printed only as a coarse bucket: "slow" when the
 * transfer took at least 1.2 s (these take 1.5 s or more by the limits alone; unlimited,
 * milliseconds). */
#include "testutil.h"

#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#define SIZE (256 * 1024)
#define LIMIT ((curl_off_t)128 * 1024)
#define RECV_LIMIT ((curl_off_t)64 * 1024)

static long now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *speed(long start)
{
  return now_ms() - start >= 1200 ? "slow" : "fast";
}

/* The body the server sends and the upload sends: 'a' + i % 26. */
static int intact(const struct buf *b)
{
  size_t i;
  if(b->len != SIZE)
    return 0;
  for(i = 0; i < b->len; i++)
    if(b->data[i] != 'a' + (char)(i % 26))
      return 0;
  return 1;
}

static void setopt(void)
{
  CURL *h = curl_easy_init();
  CHECK(h);
  printf("recv -1: %d\n", (int)curl_easy_setopt(h, CURLOPT_MAX_RECV_SPEED_LARGE, (curl_off_t)-1));
  printf("send -1: %d\n", (int)curl_easy_setopt(h, CURLOPT_MAX_SEND_SPEED_LARGE, (curl_off_t)-1));
  printf("recv 0: %d\n", (int)curl_easy_setopt(h, CURLOPT_MAX_RECV_SPEED_LARGE, (curl_off_t)0));
  printf("send 0: %d\n", (int)curl_easy_setopt(h, CURLOPT_MAX_SEND_SPEED_LARGE, (curl_off_t)0));
  printf("recv 1000: %d\n",
         (int)curl_easy_setopt(h, CURLOPT_MAX_RECV_SPEED_LARGE, (curl_off_t)1000));
  printf("send 1000: %d\n",
         (int)curl_easy_setopt(h, CURLOPT_MAX_SEND_SPEED_LARGE, (curl_off_t)1000));
  curl_easy_cleanup(h);
}

static void recv_limited(const char *url)
{
  CURL *h = curl_easy_init();
  struct buf body = {NULL, 0};
  CURLcode rc;
  long start;
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 1024L));
  OK(curl_easy_setopt(h, CURLOPT_MAX_RECV_SPEED_LARGE, RECV_LIMIT));
  start = now_ms();
  rc = curl_easy_perform(h);
  printf("recv: result %d, body %lu bytes, intact %s, %s\n", (int)rc, (unsigned long)body.len,
         intact(&body) ? "yes" : "no", speed(start));
  buf_reset(&body);
  curl_easy_cleanup(h);
}

struct source {
  size_t pos;
};

static size_t read_pattern(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct source *s = (struct source *)userp;
  size_t n = size * nmemb, i;
  if(n > SIZE - s->pos)
    n = SIZE - s->pos;
  for(i = 0; i < n; i++)
    ptr[i] = 'a' + (char)((s->pos + i) % 26);
  s->pos += n;
  return n;
}

static void upload(CURL *h, const char *what, curl_off_t limit, long start)
{
  struct buf body = {NULL, 0};
  curl_off_t sent = -1;
  long code = 0;
  CURLcode rc;
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(h, CURLOPT_MAX_SEND_SPEED_LARGE, limit));
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  OK(curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &sent));
  printf("%s: result %d, code %ld, uploaded %ld, %s\n", what, (int)rc, code, (long)sent,
         speed(start));
  buf_reset(&body);
}

static void send_limited(const char *url)
{
  CURL *h = curl_easy_init();
  struct source src = {0};
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
  OK(curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)SIZE));
  OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, read_pattern));
  OK(curl_easy_setopt(h, CURLOPT_READDATA, &src));
  upload(h, "send", LIMIT, now_ms());
  curl_easy_cleanup(h);
}

static void fields_limited(const char *url, const char *what, size_t size, curl_off_t limit)
{
  CURL *h = curl_easy_init();
  struct source src = {0};
  char *fields = malloc(SIZE);
  CHECK(h && fields);
  CHECK(read_pattern(fields, 1, SIZE, &src) == SIZE);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_POSTFIELDS, fields));
  OK(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)size));
  upload(h, what, limit, now_ms());
  curl_easy_cleanup(h);
  free(fields);
}

/* --- curl_multi_socket_action --- */

static int ep = -1;
static long timer = -1;
static struct buf sbody;
/* Seen while the body was incomplete: the socket removed, added again after that, and a
 * timer of a rate-limit wait (more than 0 ms, at most a few seconds) while removed. */
static int removed, readded, waited, watching;

static int on_sock(CURL *e, curl_socket_t s, int what, void *userp, void *socketp)
{
  struct epoll_event ev;
  (void)e;
  (void)userp;
  (void)socketp;
  memset(&ev, 0, sizeof(ev));
  ev.data.fd = s;
  if(what == CURL_POLL_REMOVE) {
    if(sbody.len > 0 && sbody.len < SIZE)
      removed++;
    watching = 0;
    epoll_ctl(ep, EPOLL_CTL_DEL, s, NULL);
    return 0;
  }
  if(removed && sbody.len < SIZE && what == CURL_POLL_IN)
    readded++;
  watching = 1;
  ev.events = (what & CURL_POLL_IN ? EPOLLIN : 0) | (what & CURL_POLL_OUT ? EPOLLOUT : 0);
  if(epoll_ctl(ep, EPOLL_CTL_MOD, s, &ev))
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev) == 0);
  return 0;
}

static int on_timer(CURLM *m, long ms, void *userp)
{
  (void)m;
  (void)userp;
  timer = ms;
  return 0;
}

static void socket_limited(const char *url)
{
  CURLM *m = curl_multi_init();
  CURL *h = curl_easy_init();
  int running = 1, queued;
  long start, deadline = -1;
  CURLMsg *msg;
  CHECK(m && h);
  ep = epoll_create1(0);
  CHECK(ep >= 0);
  CHECK(curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, on_sock) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, on_timer) == CURLM_OK);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &sbody));
  OK(curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 1024L));
  OK(curl_easy_setopt(h, CURLOPT_MAX_RECV_SPEED_LARGE, RECV_LIMIT));
  start = now_ms();
  CHECK(curl_multi_add_handle(m, h) == CURLM_OK);
  while(running) {
    struct epoll_event evs[8];
    int k, nev, wait_ms;
    if(timer >= 0) {
      deadline = now_ms() + timer;
      if(!watching && sbody.len > 0 && sbody.len < SIZE && timer > 0 && timer <= 3000)
        waited = 1;
      timer = -1;
    }
    wait_ms = deadline < 0 ? 1000 : (int)(deadline - now_ms());
    if(wait_ms < 0)
      wait_ms = 0;
    nev = epoll_wait(ep, evs, 8, wait_ms);
    CHECK(nev >= 0);
    if(nev == 0) {
      deadline = -1;
      CHECK(curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running) == CURLM_OK);
    }
    for(k = 0; k < nev; k++) {
      int mask = (evs[k].events & EPOLLIN ? CURL_CSELECT_IN : 0) |
                 (evs[k].events & EPOLLOUT ? CURL_CSELECT_OUT : 0);
      CHECK(curl_multi_socket_action(m, evs[k].data.fd, mask, &running) == CURLM_OK);
    }
  }
  msg = curl_multi_info_read(m, &queued);
  CHECK(msg && msg->msg == CURLMSG_DONE);
  printf("socket: result %d, body %lu bytes, intact %s, %s\n", (int)msg->data.result,
         (unsigned long)sbody.len, intact(&sbody) ? "yes" : "no", speed(start));
  printf("socket removed while held back: %s, watched again: %s, timer for the wait: %s\n",
         removed ? "yes" : "no", readded ? "yes" : "no", waited ? "yes" : "no");
  curl_multi_remove_handle(m, h);
  curl_easy_cleanup(h);
  curl_multi_cleanup(m);
  buf_reset(&sbody);
  close(ep);
}

int main(int argc, char **argv)
{
  CHECK(argc >= 2);
  curl_global_init(CURL_GLOBAL_ALL);
  if(!strcmp(argv[1], "setopt"))
    setopt();
  else if(!strcmp(argv[1], "recv") && argc > 2)
    recv_limited(argv[2]);
  else if(!strcmp(argv[1], "send") && argc > 2)
    send_limited(argv[2]);
  else if(!strcmp(argv[1], "fields") && argc > 2)
    fields_limited(argv[2], "fields", SIZE, LIMIT);
  else if(!strcmp(argv[1], "smallfields") && argc > 2)
    fields_limited(argv[2], "smallfields", 40 * 1024, 16 * 1024);
  else if(!strcmp(argv[1], "socket") && argc > 2)
    socket_limited(argv[2]);
  else
    CHECK(!"unknown mode");
  curl_global_cleanup();
  return 0;
}
