/* Content decoding: ACCEPT_ENCODING "" (all the library supports), "gzip" and "deflate";
 * HTTP_CONTENT_DECODING 0 delivers the raw bytes; an identity response passes unchanged; a
 * broken gzip body is an error.
 * usage: gzip URL */
#include "testutil.h"

static void get(const char *base, const char *path, const char *encoding, long decode)
{
  char url[512];
  struct buf body = {NULL, 0};
  long code = -1;
  CURLcode rc;
  CURL *h = curl_easy_init();
  CHECK(h);
  snprintf(url, sizeof(url), "%s%s", base, path);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, encoding));
  OK(curl_easy_setopt(h, CURLOPT_HTTP_CONTENT_DECODING, decode));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  printf("%s (accept \"%s\", decode %ld): perform %d (%s) code %ld\n", path, encoding, decode,
         (int)rc, curl_easy_strerror(rc), code);
  print_quoted("  body", body.data ? body.data : "", body.len);
  buf_reset(&body);
  curl_easy_cleanup(h);
}

int main(int argc, char **argv)
{
  CHECK(argc == 2);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  get(argv[1], "/gzip", "", 1);
  get(argv[1], "/gzip", "gzip", 1);
  get(argv[1], "/deflate", "deflate", 1);
  get(argv[1], "/gzip", "gzip", 0);
  get(argv[1], "/identity", "", 1);
  get(argv[1], "/broken", "gzip", 1);
  curl_global_cleanup();
  return 0;
}
