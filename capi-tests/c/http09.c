/* HTTP/0.9 responses (no status line, the body until the connection closes), with
 * CURLOPT_HTTP09_ALLOWED off (7.88.1's default: an error) and on, and with NOBODY, where body
 * bytes are not wanted. Two transfers on the handle: the connection is not kept.
 * usage: http09 URL on|off [nobody] */
#include "testutil.h"

int main(int argc, char **argv)
{
  CURL *h;
  int i;
  char err[CURL_ERROR_SIZE];

  CHECK(argc >= 3);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[1]));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err));
  OK(curl_easy_setopt(h, CURLOPT_HTTP09_ALLOWED, strcmp(argv[2], "on") ? 0L : 1L));
  if(argc > 3 && !strcmp(argv[3], "nobody"))
    OK(curl_easy_setopt(h, CURLOPT_NOBODY, 1L));
  for(i = 0; i < 2; i++) {
    struct buf body = {NULL, 0};
    long code = -1, version = -1, header_size = -1, connects = -1;
    curl_off_t size = -1;
    CURLcode rc;
    err[0] = '\0';
    OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
    rc = curl_easy_perform(h);
    printf("perform: %d (%s) [%s]\n", (int)rc, curl_easy_strerror(rc), err);
    print_quoted("body", body.data ? body.data : "", body.len);
    OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
    OK(curl_easy_getinfo(h, CURLINFO_HTTP_VERSION, &version));
    OK(curl_easy_getinfo(h, CURLINFO_HEADER_SIZE, &header_size));
    OK(curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &size));
    OK(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects));
    printf("code %ld version %ld header size %ld size %ld connects %ld\n", code, version,
           header_size, (long)size, connects);
    buf_reset(&body);
  }
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
