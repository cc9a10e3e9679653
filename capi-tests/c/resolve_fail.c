/* Name resolution that fails: an unknown host gives CURLE_COULDNT_RESOLVE_HOST with
 * libcurl's error text, for each name given. The harness runs this where no resolver is
 * reachable, so the lookups fail without any traffic leaving the machine. */
#include "testutil.h"

int main(int argc, char **argv)
{
  int i;
  for(i = 1; i < argc; i++) {
    char errbuf[CURL_ERROR_SIZE];
    CURLcode rc;
    long connects = -1;
    CURL *h = curl_easy_init();
    CHECK(h);
    OK(curl_easy_setopt(h, CURLOPT_URL, argv[i]));
    OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
    errbuf[0] = '\0';
    rc = curl_easy_perform(h);
    OK(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects));
    printf("%s: perform %d (%s)\n", argv[i], (int)rc, curl_easy_strerror(rc));
    printf("  error buffer \"%s\"\n", errbuf);
    printf("  connects %ld\n", connects);
    curl_easy_cleanup(h);
  }
  return 0;
}
