/* HTTP/1.1 pipelining in a multi handle, as an application asks for it: every transfer's
 * result, response code and body are printed in the order the handles were added, then the
 * number of connections the multi opened.
 * usage: pipeline MODE URL N [ARG...]
 *   get [LEN [MAXHOST]]   N GETs of URL/1 .. URL/N with PIPELINING 1 (MAX_PIPELINE_LENGTH
 *                         LEN, MAX_HOST_CONNECTIONS MAXHOST, default 1), first URL/0 alone
 *   head                  the same with NOBODY 1
 *   post                  N POSTs (never pipelined)
 *   off                   N GETs with PIPELINING 0
 *   remove K              N GETs; the handle of URL/K is removed once URL/1 completes
 *   socket                N GETs driven by curl_multi_socket_action from a poll loop */
#include "testutil.h"

#include <poll.h>

#define MAX_HANDLES 64

struct xfer {
  CURL *h;
  struct buf body;
  int done;
  CURLcode result;
  int removed;
};

static struct xfer xfers[MAX_HANDLES + 1];
static int n_xfers;

/* The socket_action driver's view: one descriptor per watched socket. */
static struct pollfd watched[MAX_HANDLES * 2];
static int n_watched;
static long timer_ms = -1;

static int socket_cb(CURL *e, curl_socket_t s, int what, void *userp, void *socketp)
{
  int i;
  (void)e;
  (void)userp;
  (void)socketp;
  for(i = 0; i < n_watched; i++)
    if(watched[i].fd == s)
      break;
  if(what == CURL_POLL_REMOVE) {
    if(i < n_watched)
      watched[i] = watched[--n_watched];
    return 0;
  }
  if(i == n_watched) {
    CHECK(n_watched < MAX_HANDLES * 2);
    n_watched++;
  }
  watched[i].fd = s;
  watched[i].events = (short)(((what & CURL_POLL_IN) ? POLLIN : 0) |
                              ((what & CURL_POLL_OUT) ? POLLOUT : 0));
  return 0;
}

static int timer_cb(CURLM *m, long ms, void *userp)
{
  (void)m;
  (void)userp;
  timer_ms = ms;
  return 0;
}

static void collect(CURLM *m)
{
  CURLMsg *msg;
  int left, i;
  while((msg = curl_multi_info_read(m, &left))) {
    if(msg->msg != CURLMSG_DONE)
      continue;
    for(i = 0; i < n_xfers; i++) {
      if(xfers[i].h == msg->easy_handle) {
        xfers[i].done = 1;
        xfers[i].result = msg->data.result;
      }
    }
  }
}

static CURL *add(CURLM *m, const char *base, int i, const char *mode)
{
  char url[512];
  struct xfer *x = &xfers[n_xfers++];
  x->h = curl_easy_init();
  CHECK(x->h);
  snprintf(url, sizeof(url), "%s/%d", base, i);
  OK(curl_easy_setopt(x->h, CURLOPT_URL, url));
  OK(curl_easy_setopt(x->h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(x->h, CURLOPT_WRITEDATA, &x->body));
  if(!strcmp(mode, "head"))
    OK(curl_easy_setopt(x->h, CURLOPT_NOBODY, 1L));
  if(!strcmp(mode, "post"))
    OK(curl_easy_setopt(x->h, CURLOPT_POSTFIELDS, "x=1"));
  CHECK(curl_multi_add_handle(m, x->h) == CURLM_OK);
  return x->h;
}

/* Runs until every transfer ended; with remove_at, that handle is removed once the
 * first pipelined transfer (index 1) is done. */
static void run(CURLM *m, int remove_at)
{
  int running = 1;
  while(running) {
    CHECK(curl_multi_perform(m, &running) == CURLM_OK);
    collect(m);
    if(remove_at > 0 && xfers[1].done && !xfers[remove_at].removed) {
      CHECK(curl_multi_remove_handle(m, xfers[remove_at].h) == CURLM_OK);
      xfers[remove_at].removed = 1;
      continue;
    }
    if(running)
      CHECK(curl_multi_poll(m, NULL, 0, 1000, NULL) == CURLM_OK);
  }
  collect(m);
}

static void run_sockets(CURLM *m)
{
  int running = 1;
  CHECK(curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running) == CURLM_OK);
  while(running) {
    int i, n = poll(watched, (nfds_t)n_watched, timer_ms < 0 ? 1000 : (int)timer_ms);
    CHECK(n >= 0);
    if(n == 0) {
      CHECK(curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running) == CURLM_OK);
    }
    else {
      struct pollfd ready[MAX_HANDLES * 2];
      int k = n_watched;
      memcpy(ready, watched, sizeof(ready[0]) * (size_t)k);
      for(i = 0; i < k; i++) {
        int ev = 0;
        if(!ready[i].revents)
          continue;
        if(ready[i].revents & POLLIN)
          ev |= CURL_CSELECT_IN;
        if(ready[i].revents & POLLOUT)
          ev |= CURL_CSELECT_OUT;
        if(ready[i].revents & (POLLERR | POLLHUP))
          ev |= CURL_CSELECT_ERR;
        CHECK(curl_multi_socket_action(m, ready[i].fd, ev, &running) == CURLM_OK);
      }
    }
    collect(m);
  }
  collect(m);
}

int main(int argc, char **argv)
{
  const char *mode, *base;
  CURLM *m;
  int n, i, remove_at = 0;
  long len = 5, maxhost = 1, connects = 0;
  CHECK(argc >= 4);
  mode = argv[1];
  base = argv[2];
  n = atoi(argv[3]);
  CHECK(n > 0 && n < MAX_HANDLES);
  if(!strcmp(mode, "get") && argc >= 5)
    len = atol(argv[4]);
  if(!strcmp(mode, "get") && argc >= 6)
    maxhost = atol(argv[5]);
  if(!strcmp(mode, "remove")) {
    CHECK(argc == 5);
    remove_at = atoi(argv[4]);
    CHECK(remove_at > 1 && remove_at <= n);
  }
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  m = curl_multi_init();
  CHECK(m);
  CHECK(curl_multi_setopt(m, CURLMOPT_PIPELINING,
                          strcmp(mode, "off") ? (long)CURLPIPE_HTTP1 : 0L) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_MAX_PIPELINE_LENGTH, len) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, maxhost) == CURLM_OK);
  if(!strcmp(mode, "socket")) {
    CHECK(curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, socket_cb) == CURLM_OK);
    CHECK(curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, timer_cb) == CURLM_OK);
  }
  /* The first request alone: its answer tells whether the server pipelines. */
  add(m, base, 0, mode);
  if(!strcmp(mode, "socket"))
    run_sockets(m);
  else
    run(m, 0);
  for(i = 1; i <= n; i++)
    add(m, base, i, mode);
  if(!strcmp(mode, "socket"))
    run_sockets(m);
  else
    run(m, remove_at);
  for(i = 0; i < n_xfers; i++) {
    long code = 0, c = 0;
    struct xfer *x = &xfers[i];
    if(x->removed) {
      printf("%d: removed\n", i);
    }
    else {
      curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
      curl_easy_getinfo(x->h, CURLINFO_NUM_CONNECTS, &c);
      connects += c;
      printf("%d: %d code %ld", i, x->done ? (int)x->result : -1, code);
      print_quoted(" body", x->body.data ? x->body.data : "", x->body.len);
      curl_multi_remove_handle(m, x->h);
    }
    curl_easy_cleanup(x->h);
    buf_reset(&x->body);
  }
  printf("connections opened: %ld\n", connects);
  curl_multi_cleanup(m);
  curl_global_cleanup();
  return 0;
}
