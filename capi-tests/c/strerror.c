/* Every error text: curl_easy_strerror, curl_multi_strerror, curl_share_strerror and
 * curl_url_strerror over all codes of libcurl 7.88.1 and a few beyond each end. Programs
 * show these texts to users and test suites compare them, so they must match exactly. */
#include "testutil.h"

int main(void)
{
  int i;
  for(i = -1; i <= 101; i++) {
    const char *s = curl_easy_strerror((CURLcode)i);
    CHECK(s);
    printf("easy %d: %s\n", i, s);
  }
  for(i = -2; i <= 14; i++) {
    const char *s = curl_multi_strerror((CURLMcode)i);
    CHECK(s);
    printf("multi %d: %s\n", i, s);
  }
  for(i = -1; i <= 9; i++) {
    const char *s = curl_share_strerror((CURLSHcode)i);
    CHECK(s);
    printf("share %d: %s\n", i, s);
  }
  for(i = -1; i <= 40; i++) {
    const char *s = curl_url_strerror((CURLUcode)i);
    CHECK(s);
    printf("url %d: %s\n", i, s);
  }
  /* The texts are static: the same pointer every time. */
  printf("easy text is static: %s\n",
         curl_easy_strerror(CURLE_OK) == curl_easy_strerror(CURLE_OK) ? "yes" : "no");
  return 0;
}
