/* CURLOPT_UPLOAD with INFILESIZE: a PUT whose body comes from a read callback, an empty PUT,
 * and a PUT of unknown size (sent chunked).
 * usage: put URL */
#include "testutil.h"

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

static void put(const char *base, const char *path, const char *data, int announce)
{
  char url[512];
  struct source src;
  struct buf body = {NULL, 0};
  long code = -1;
  curl_off_t up = -1;
  char *method = NULL;
  CURLcode rc;
  CURL *h = curl_easy_init();
  CHECK(h);
  src.data = data;
  src.len = strlen(data);
  src.pos = 0;
  snprintf(url, sizeof(url), "%s%s", base, path);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
  OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb));
  OK(curl_easy_setopt(h, CURLOPT_READDATA, &src));
  if(announce)
    OK(curl_easy_setopt(h, CURLOPT_INFILESIZE, (long)src.len));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  OK(curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &up));
  OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_METHOD, &method));
  printf("%s: perform %d code %ld method %s uploaded %ld\n", path, (int)rc, code,
         method ? method : "NULL", (long)up);
  print_quoted("  body", body.data ? body.data : "", body.len);
  buf_reset(&body);
  curl_easy_cleanup(h);
}

int main(int argc, char **argv)
{
  CHECK(argc == 2);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  put(argv[1], "/sized", "0123456789", 1);
  put(argv[1], "/empty", "", 1);
  put(argv[1], "/unknown", "no size given", 0);
  curl_global_cleanup();
  return 0;
}
