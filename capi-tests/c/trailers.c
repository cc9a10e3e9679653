/* CURLOPT_TRAILERFUNCTION: trailers after the last chunk of a chunked upload (only
 * "Name: value" lines are kept), and a callback that aborts.
 *
 * usage: trailers URL */
#include "testutil.h"

static const char data[] = "Hello Cloud!\n";
static size_t pos;
static int calls;

static size_t read_cb(char *p, size_t size, size_t n, void *u)
{
  size_t left = sizeof(data) - 1 - pos, take = size * n;
  (void)u;
  if(take > left)
    take = left;
  memcpy(p, data + pos, take);
  pos += take;
  return take;
}

static int add_trailers(struct curl_slist **list, void *userdata)
{
  struct curl_slist *l = *list;
  CHECK(userdata == &calls);
  calls++;
  l = curl_slist_append(l, "my-super-awesome-trailer: trail1");
  l = curl_slist_append(l, "no-space-after-colon:skipped");
  l = curl_slist_append(l, "no colon at all");
  l = curl_slist_append(l, "my-other-awesome-trailer: trail2");
  CHECK(l);
  *list = l;
  return CURL_TRAILERFUNC_OK;
}

static int abort_trailers(struct curl_slist **list, void *userdata)
{
  (void)list;
  (void)userdata;
  calls++;
  return CURL_TRAILERFUNC_ABORT;
}

static void run(const char *what, const char *url, curl_trailer_callback cb)
{
  CURL *h = curl_easy_init();
  struct buf body = {NULL, 0};
  char errbuf[CURL_ERROR_SIZE] = "";
  CURLcode rc;
  CHECK(h);
  pos = 0;
  calls = 0;
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
  OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb));
  OK(curl_easy_setopt(h, CURLOPT_TRAILERFUNCTION, cb));
  OK(curl_easy_setopt(h, CURLOPT_TRAILERDATA, &calls));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
  rc = curl_easy_perform(h);
  printf("%s: %d (%s), trailer callback called %d\n", what, (int)rc, errbuf, calls);
  buf_reset(&body);
  curl_easy_cleanup(h);
}

int main(int argc, char **argv)
{
  CHECK(argc == 2);
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  run("trailers", argv[1], add_trailers);
  run("abort", argv[1], abort_trailers);
  curl_global_cleanup();
  return 0;
}
