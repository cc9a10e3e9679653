/* Chunked response bodies: chunk extensions and trailers are consumed, the body is delivered
 * decoded; a malformed chunk size and a connection closed mid-chunk are errors.
 * usage: chunked URL */
#include "testutil.h"

static void get(const char *base, const char *path)
{
  char url[512];
  struct buf body = {NULL, 0};
  long code = -1;
  curl_off_t size = -1;
  CURLcode rc;
  CURL *h = curl_easy_init();
  CHECK(h);
  snprintf(url, sizeof(url), "%s%s", base, path);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  OK(curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &size));
  printf("%s: perform %d (%s) code %ld size %ld\n", path, (int)rc, curl_easy_strerror(rc),
         code, (long)size);
  print_quoted("  body", body.data ? body.data : "", body.len);
  buf_reset(&body);
  curl_easy_cleanup(h);
}

int main(int argc, char **argv)
{
  CHECK(argc == 2);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  get(argv[1], "/plain");
  get(argv[1], "/ext");
  get(argv[1], "/bad");
  get(argv[1], "/cut");
  curl_global_cleanup();
  return 0;
}
