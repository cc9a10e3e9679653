/* CURLOPT_NOBODY: a HEAD request reads no body even when the response announces one, and
 * the connection stays usable; then HTTPGET switches the same handle back to GET.
 * usage: head URL */
#include "testutil.h"

static void report(CURL *h, CURLcode rc, struct buf *body)
{
  long code = -1, connects = -1;
  curl_off_t size = -1, length = -1;
  char *method = NULL;
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  OK(curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &size));
  OK(curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length));
  OK(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects));
  OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_METHOD, &method));
  printf("perform %d code %ld method %s size %ld length %ld connects %ld\n", (int)rc, code,
         method ? method : "NULL", (long)size, (long)length, connects);
  print_quoted("body", body->data ? body->data : "", body->len);
  buf_reset(body);
}

int main(int argc, char **argv)
{
  CURL *h;
  struct buf body = {NULL, 0};
  char url[512];

  CHECK(argc == 2);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));

  snprintf(url, sizeof(url), "%s/head", argv[1]);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_NOBODY, 1L));
  report(h, curl_easy_perform(h), &body);

  snprintf(url, sizeof(url), "%s/get", argv[1]);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_HTTPGET, 1L));
  report(h, curl_easy_perform(h), &body);

  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
