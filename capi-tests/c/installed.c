/* A program built against an installed libcurl with nothing but the flags pkg-config or
 * curl-config give (so it includes no test helpers): what the library says it is, then one
 * GET. The installation test compares the first part with curl-config's answers.
 * usage: installed URL */
#include <curl/curl.h>

#include <stdio.h>

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userp)
{
  (void)userp;
  fwrite(ptr, size, nmemb, stdout);
  return size * nmemb;
}

int main(int argc, char **argv)
{
  const curl_version_info_data *d;
  const char *const *p;
  CURLcode rc;
  long code = 0;
  CURL *h;

  if(argc != 2 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
    return 1;
  d = curl_version_info(CURLVERSION_NOW);
  printf("version %s %06x\n", d->version, d->version_num);
  for(p = d->feature_names; p && *p; p++)
    printf("feature %s\n", *p);
  for(p = d->protocols; *p; p++)
    printf("protocol %s\n", *p);

  h = curl_easy_init();
  if(!h)
    return 1;
  curl_easy_setopt(h, CURLOPT_URL, argv[1]);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  rc = curl_easy_perform(h);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  printf("\nperform %d, response %ld\n", (int)rc, code);
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return rc == CURLE_OK ? 0 : 1;
}
