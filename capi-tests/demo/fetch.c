/* A small libcurl program, as any application would write it: fetch a URL, print the
 * response code, the body size and the body. The demo builds it against the SYSTEM libcurl
 * and then runs the same binary on ours. */
#include <stdio.h>
#include <curl/curl.h>

int main(int argc, char **argv)
{
  CURL *h;
  CURLcode rc;
  long code = 0;
  curl_off_t size = 0;
  char *ctype = NULL;

  if(argc < 2) {
    fprintf(stderr, "usage: %s URL\n", argv[0]);
    return 2;
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  h = curl_easy_init();
  if(!h)
    return 1;
  curl_easy_setopt(h, CURLOPT_URL, argv[1]);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  rc = curl_easy_perform(h);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &size);
  curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ctype);
  printf("\n-> %s, HTTP %ld, %ld bytes, %s\n", curl_easy_strerror(rc), code, (long)size,
         ctype ? ctype : "(no type)");
  printf("   runs on %s\n", curl_version());
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return rc == CURLE_OK ? 0 : 1;
}
