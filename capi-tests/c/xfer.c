/* Transfer behaviours real programs rely on:
 *   chunks URL        CURLOPT_BUFFERSIZE 100 KiB (as the curl tool sets it) and a large body:
 *                     no write callback call gets more than CURL_MAX_WRITE_SIZE bytes, also
 *                     with CURLOPT_HEADER; the header callback gets whole lines
 *   late URL          options set after curl_multi_add_handle and before the first
 *                     curl_multi_perform (URL, user agent, write callback) take effect
 *   progress URL      a slow response: how often the progress callback is called
 *   xferinfo URL      the same with CURLOPT_XFERINFOFUNCTION, through curl_multi_perform
 *   stalled URL       a response that stalls: the progress callback still gets calls
 *   upsize URL        CURLINFO_CONTENT_LENGTH_UPLOAD(_T) and REQUEST_SIZE for GET, POST and
 *                     PUT bodies of every kind
 *   lastsocket URL    CURLINFO_LASTSOCKET / ACTIVESOCKET: the kept connection's socket, -1
 *                     when it closed, or outside a multi
 *   badurl            CURLINFO_EFFECTIVE_URL after a URL the transfer cannot parse
 *   crlf URL          CURLOPT_CRLF: LF becomes CRLF in uploaded data (read callback), not
 *                     in POSTFIELDS sent with the request
 * Printed: what each library must agree on, never timings or sizes that vary. */
#include "testutil.h"

#include <sys/select.h>
#include <sys/socket.h>

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
  else {
    fprintf(stderr, "bad arguments\n");
    return 1;
  }
  curl_global_cleanup();
  return 0;
}
