/* CURLOPT_UPLOAD_BUFFERSIZE: how much the read callback is asked for at a time, for a PUT of
 * known size and for a chunked POST, at libcurl's default and at chosen sizes (which libcurl
 * keeps within 16 KiB and 2 MiB).
 * usage: upload_buffer URL default|SIZE sized|chunked */
#include "testutil.h"

#define TOTAL (3 * 1024 * 1024)

struct src {
  size_t pos;
  size_t max_asked, min_asked;
  int calls;
};

static size_t on_read(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct src *s = (struct src *)userp;
  size_t n = size * nmemb;
  s->calls++;
  if(n > s->max_asked)
    s->max_asked = n;
  if(!s->min_asked || n < s->min_asked)
    s->min_asked = n;
  if(n > TOTAL - s->pos)
    n = TOTAL - s->pos;
  memset(ptr, 'u', n);
  s->pos += n;
  return n;
}

int main(int argc, char **argv)
{
  CURL *h;
  CURLcode rc;
  struct src s = {0, 0, 0, 0};
  struct curl_slist *hdrs = NULL;

  CHECK(argc == 4);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[1]));
  OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read));
  OK(curl_easy_setopt(h, CURLOPT_READDATA, &s));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  {
    static struct buf sink = {NULL, 0};
    OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink));
  }
  if(strcmp(argv[2], "default"))
    OK(curl_easy_setopt(h, CURLOPT_UPLOAD_BUFFERSIZE, atol(argv[2])));
  if(!strcmp(argv[3], "chunked")) {
    OK(curl_easy_setopt(h, CURLOPT_POST, 1L));
    hdrs = curl_slist_append(hdrs, "Transfer-Encoding: chunked");
    hdrs = curl_slist_append(hdrs, "Expect:");
    OK(curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs));
  }
  else {
    OK(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
    OK(curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)TOTAL));
    hdrs = curl_slist_append(hdrs, "Expect:");
    OK(curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs));
  }
  rc = curl_easy_perform(h);
  printf("perform: %d (%s)\n", (int)rc, curl_easy_strerror(rc));
  printf("read %ld bytes, at most %ld asked at a time\n", (long)s.pos, (long)s.max_asked);
  curl_slist_free_all(hdrs);
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
