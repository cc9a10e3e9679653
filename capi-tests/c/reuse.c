/* Connection reuse on one handle: the second transfer reuses the first one's connection
 * (NUM_CONNECTS 1 then 0); after a "Connection: close" response the next one connects anew.
 * usage: reuse URL */
#include "testutil.h"

int main(int argc, char **argv)
{
  CURL *h;
  int i;
  char url[512];

  CHECK(argc == 2);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  for(i = 1; i <= 4; i++) {
    struct buf body = {NULL, 0};
    long connects = -1, code = -1;
    CURLcode rc;
    snprintf(url, sizeof(url), "%s/%d", argv[1], i);
    OK(curl_easy_setopt(h, CURLOPT_URL, url));
    OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
    OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
    rc = curl_easy_perform(h);
    OK(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects));
    OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
    printf("transfer %d: perform %d code %ld connects %ld ", i, (int)rc, code, connects);
    print_quoted("body", body.data ? body.data : "", body.len);
    buf_reset(&body);
  }
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
