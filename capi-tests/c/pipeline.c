/* HTTP/1.1 pipelining in a multi handle, as an application asks for it: every transfer's
 * result, response code and body are printed in the order the handles were added, then the
 * number of connections the multi opened.
 * usage: pipeline URL N [OPTION...]
 *   Transfers: URL/0 alone first (its answer tells whether the server pipelines), then
 *   URL/1 .. URL/N added at once, with PIPELINING 1, MAX_PIPELINE_LENGTH 5 and
 *   MAX_HOST_CONNECTIONS 1 unless an option says otherwise:
 *   len=L          MAX_PIPELINE_LENGTH L
 *   maxhost=M      MAX_HOST_CONNECTIONS M
 *   off            PIPELINING 0
 *   nofirst        no URL/0 first: all N are added to a server of unknown ability
 *   pipewait       PIPEWAIT 1 on every handle
 *   kind=K         every request of URL/1 .. URL/N is a K: head (NOBODY), post, custom
 *                  (CUSTOMREQUEST "GET"), http10, forbid (FORBID_REUSE), fresh
 *                  (FRESH_CONNECT), close (a "Connection: close" header)
 *   remove=K       the handle of URL/K is removed once URL/1 is done
 *   timeout=K:MS   TIMEOUT_MS MS on the handle of URL/K
 *   pause=K        the write callback of URL/K pauses on its first call; the loop
 *                  unpauses it on its next round
 *   sitebl=ENTRY   PIPELINING_SITE_BL { ENTRY }
 *   serverbl=P     PIPELINING_SERVER_BL { P }
 *   socket         drive with curl_multi_socket_action from a poll loop
 *   later=K        URL/K .. URL/N are added only once URL/1 has delivered body bytes
 *   clpenalty=B    CONTENT_LENGTH_PENALTY_SIZE B
 *   chunkpenalty=B CHUNK_LENGTH_PENALTY_SIZE B
 *   The environment variable PIPELINE_CAINFO, when set, is every handle's CAINFO;
 *   PIPELINE_DRIVER=socket is the same as the option "socket". */
#include "testutil.h"

#include <poll.h>

#define MAX_HANDLES 64

struct xfer {
  CURL *h;
  struct buf body;
  int done;
  CURLcode result;
  int removed;
  int pause_once;
  int paused;
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

static size_t write_cb(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct xfer *x = (struct xfer *)userp;
  if(x->pause_once) {
    x->pause_once = 0;
    x->paused = 1;
    return CURL_WRITEFUNC_PAUSE;
  }
  return buf_write(ptr, size, nmemb, &x->body);
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

struct config {
  const char *kind;
  int pipewait;
  int remove_at;
  int timeout_at;
  long timeout_ms;
  int pause_at;
  int socket;
  int later;
  const char *base;
  int n;
};

static void add(CURLM *m, const char *base, int i, const struct config *c)
{
  char url[512];
  struct xfer *x = &xfers[n_xfers++];
  const char *ca = getenv("PIPELINE_CAINFO");
  const char *kind = i ? c->kind : "get";
  x->h = curl_easy_init();
  CHECK(x->h);
  snprintf(url, sizeof(url), "%s/%d", base, i);
  OK(curl_easy_setopt(x->h, CURLOPT_URL, url));
  OK(curl_easy_setopt(x->h, CURLOPT_WRITEFUNCTION, write_cb));
  OK(curl_easy_setopt(x->h, CURLOPT_WRITEDATA, x));
  if(ca)
    OK(curl_easy_setopt(x->h, CURLOPT_CAINFO, ca));
  if(c->pipewait)
    OK(curl_easy_setopt(x->h, CURLOPT_PIPEWAIT, 1L));
  if(!strcmp(kind, "head"))
    OK(curl_easy_setopt(x->h, CURLOPT_NOBODY, 1L));
  else if(!strcmp(kind, "post"))
    OK(curl_easy_setopt(x->h, CURLOPT_POSTFIELDS, "x=1"));
  else if(!strcmp(kind, "custom"))
    OK(curl_easy_setopt(x->h, CURLOPT_CUSTOMREQUEST, "GET"));
  else if(!strcmp(kind, "http10"))
    OK(curl_easy_setopt(x->h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_0));
  else if(!strcmp(kind, "forbid"))
    OK(curl_easy_setopt(x->h, CURLOPT_FORBID_REUSE, 1L));
  else if(!strcmp(kind, "fresh"))
    OK(curl_easy_setopt(x->h, CURLOPT_FRESH_CONNECT, 1L));
  else if(!strcmp(kind, "close")) {
    static struct curl_slist *close_header;
    if(!close_header)
      close_header = curl_slist_append(NULL, "Connection: close");
    OK(curl_easy_setopt(x->h, CURLOPT_HTTPHEADER, close_header));
  }
  if(i == c->timeout_at)
    OK(curl_easy_setopt(x->h, CURLOPT_TIMEOUT_MS, c->timeout_ms));
  if(i == c->pause_at)
    x->pause_once = 1;
  CHECK(curl_multi_add_handle(m, x->h) == CURLM_OK);
}

/* Between rounds: the removal, the unpause and the late additions the options ask for. */
static void between_rounds(CURLM *m, struct config *c)
{
  int i;
  if(c->later > 0 && xfers[1].body.len > 0) {
    for(i = c->later; i <= c->n; i++)
      add(m, c->base, i, c);
    c->later = 0;
  }
  if(c->remove_at > 0 && n_xfers > c->remove_at && xfers[1].done &&
     !xfers[c->remove_at].removed) {
    CHECK(curl_multi_remove_handle(m, xfers[c->remove_at].h) == CURLM_OK);
    xfers[c->remove_at].removed = 1;
  }
  for(i = 0; i < n_xfers; i++) {
    if(xfers[i].paused) {
      xfers[i].paused = 0;
      OK(curl_easy_pause(xfers[i].h, CURLPAUSE_CONT));
    }
  }
}

static void run(CURLM *m, struct config *c)
{
  int running = 1;
  while(running) {
    CHECK(curl_multi_perform(m, &running) == CURLM_OK);
    collect(m);
    between_rounds(m, c);
    if(running)
      CHECK(curl_multi_poll(m, NULL, 0, 100, NULL) == CURLM_OK);
  }
  collect(m);
}

static void run_sockets(CURLM *m, struct config *c)
{
  int running = 1;
  CHECK(curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running) == CURLM_OK);
  while(running) {
    long wait = timer_ms < 0 || timer_ms > 100 ? 100 : timer_ms;
    int i, n = poll(watched, (nfds_t)n_watched, (int)wait);
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
    between_rounds(m, c);
  }
  collect(m);
}

int main(int argc, char **argv)
{
  const char *base;
  CURLM *m;
  int n, i, first = 1;
  long len = 5, maxhost = 1, pipelining = CURLPIPE_HTTP1, connects = 0;
  char *site_bl[2] = {NULL, NULL}, *server_bl[2] = {NULL, NULL};
  long clpenalty = 0, chunkpenalty = 0;
  struct config c = {"get", 0, -1, -1, 0, -1, 0, 0, NULL, 0};
  CHECK(argc >= 3);
  base = argv[1];
  n = atoi(argv[2]);
  CHECK(n > 0 && n < MAX_HANDLES);
  for(i = 3; i < argc; i++) {
    const char *a = argv[i];
    if(!strncmp(a, "len=", 4))
      len = atol(a + 4);
    else if(!strncmp(a, "maxhost=", 8))
      maxhost = atol(a + 8);
    else if(!strcmp(a, "off"))
      pipelining = 0;
    else if(!strcmp(a, "nofirst"))
      first = 0;
    else if(!strcmp(a, "pipewait"))
      c.pipewait = 1;
    else if(!strncmp(a, "kind=", 5))
      c.kind = a + 5;
    else if(!strncmp(a, "remove=", 7))
      c.remove_at = atoi(a + 7);
    else if(!strncmp(a, "timeout=", 8)) {
      c.timeout_at = atoi(a + 8);
      CHECK(strchr(a, ':'));
      c.timeout_ms = atol(strchr(a, ':') + 1);
    }
    else if(!strncmp(a, "pause=", 6))
      c.pause_at = atoi(a + 6);
    else if(!strncmp(a, "sitebl=", 7))
      site_bl[0] = (char *)(a + 7);
    else if(!strncmp(a, "serverbl=", 9))
      server_bl[0] = (char *)(a + 9);
    else if(!strcmp(a, "socket"))
      c.socket = 1;
    else if(!strncmp(a, "later=", 6))
      c.later = atoi(a + 6);
    else if(!strncmp(a, "clpenalty=", 10))
      clpenalty = atol(a + 10);
    else if(!strncmp(a, "chunkpenalty=", 13))
      chunkpenalty = atol(a + 13);
    else {
      fprintf(stderr, "unknown option %s\n", a);
      return 1;
    }
  }
  if(getenv("PIPELINE_DRIVER") && !strcmp(getenv("PIPELINE_DRIVER"), "socket"))
    c.socket = 1;
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  m = curl_multi_init();
  CHECK(m);
  CHECK(curl_multi_setopt(m, CURLMOPT_PIPELINING, pipelining) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_MAX_PIPELINE_LENGTH, len) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, maxhost) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_CONTENT_LENGTH_PENALTY_SIZE, (curl_off_t)clpenalty) ==
        CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_CHUNK_LENGTH_PENALTY_SIZE, (curl_off_t)chunkpenalty) ==
        CURLM_OK);
  c.base = base;
  c.n = n;
  if(site_bl[0])
    CHECK(curl_multi_setopt(m, CURLMOPT_PIPELINING_SITE_BL, site_bl) == CURLM_OK);
  if(server_bl[0])
    CHECK(curl_multi_setopt(m, CURLMOPT_PIPELINING_SERVER_BL, server_bl) == CURLM_OK);
  if(c.socket) {
    CHECK(curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, socket_cb) == CURLM_OK);
    CHECK(curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, timer_cb) == CURLM_OK);
  }
  if(first) {
    add(m, base, 0, &c);
    if(c.socket)
      run_sockets(m, &c);
    else
      run(m, &c);
  }
  else {
    /* Keep the numbering: transfer i fetches URL/i. */
    xfers[n_xfers++].removed = 2;
  }
  for(i = 1; i <= (c.later > 0 ? c.later - 1 : n); i++)
    add(m, base, i, &c);
  if(c.socket)
    run_sockets(m, &c);
  else
    run(m, &c);
  for(i = 0; i < n_xfers; i++) {
    long code = 0, k = 0;
    struct xfer *x = &xfers[i];
    if(x->removed == 2)
      continue;
    if(x->removed) {
      printf("%d: removed\n", i);
    }
    else {
      curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
      curl_easy_getinfo(x->h, CURLINFO_NUM_CONNECTS, &k);
      connects += k;
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
