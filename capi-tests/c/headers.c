/* Request headers, one request per case on one handle (keep-alive): CURLOPT_HTTPHEADER adds,
 * replaces, removes ("Name:") and sends empty ("Name;") headers; USERAGENT, REFERER, COOKIE,
 * USERPWD (Basic) and RANGE put their own headers in libcurl's order.
 * usage: headers URL */
#include "testutil.h"

static void perform(CURL *h, const char *base, const char *path)
{
  char url[512];
  struct buf body = {NULL, 0};
  long code = -1;
  CURLcode rc;
  snprintf(url, sizeof(url), "%s%s", base, path);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  printf("%s: perform %d code %ld\n", path, (int)rc, code);
  buf_reset(&body);
}

int main(int argc, char **argv)
{
  CURL *h;
  struct curl_slist *list = NULL;
  long avail = -1;

  CHECK(argc == 2);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);

  /* Custom headers: a new one, a replaced Accept, a removed Host... */
  list = curl_slist_append(list, "X-Custom: one");
  list = curl_slist_append(list, "Accept: text/plain");
  list = curl_slist_append(list, "X-Empty;");
  list = curl_slist_append(list, "X-Removed-Unsent:");
  list = curl_slist_append(list, "X-Spaces:   padded  ");
  CHECK(list);
  OK(curl_easy_setopt(h, CURLOPT_HTTPHEADER, list));
  perform(h, argv[1], "/custom");

  /* ...and the options that make headers of their own. */
  OK(curl_easy_setopt(h, CURLOPT_HTTPHEADER, (struct curl_slist *)NULL));
  OK(curl_easy_setopt(h, CURLOPT_USERAGENT, "capi-test/1.0"));
  OK(curl_easy_setopt(h, CURLOPT_REFERER, "http://referrer.invalid/page"));
  OK(curl_easy_setopt(h, CURLOPT_COOKIE, "a=b; c=d"));
  OK(curl_easy_setopt(h, CURLOPT_USERPWD, "user:pa:ss"));
  OK(curl_easy_setopt(h, CURLOPT_RANGE, "0-9"));
  perform(h, argv[1], "/options");
  OK(curl_easy_getinfo(h, CURLINFO_HTTPAUTH_AVAIL, &avail));
  printf("httpauth avail %ld\n", avail);

  /* Both together: a custom header overrides the option's header of the same name. */
  curl_slist_free_all(list);
  list = NULL;
  list = curl_slist_append(list, "User-Agent: from-header");
  list = curl_slist_append(list, "Cookie: from=header");
  list = curl_slist_append(list, "Host: example.invalid");
  CHECK(list);
  OK(curl_easy_setopt(h, CURLOPT_HTTPHEADER, list));
  OK(curl_easy_setopt(h, CURLOPT_USERPWD, (char *)NULL));
  OK(curl_easy_setopt(h, CURLOPT_RANGE, (char *)NULL));
  perform(h, argv[1], "/override");

  /* Removing Host and Accept entirely. */
  curl_slist_free_all(list);
  list = NULL;
  list = curl_slist_append(list, "Host:");
  list = curl_slist_append(list, "Accept:");
  CHECK(list);
  OK(curl_easy_setopt(h, CURLOPT_HTTPHEADER, list));
  OK(curl_easy_setopt(h, CURLOPT_USERAGENT, (char *)NULL));
  OK(curl_easy_setopt(h, CURLOPT_REFERER, (char *)NULL));
  OK(curl_easy_setopt(h, CURLOPT_COOKIE, (char *)NULL));
  perform(h, argv[1], "/removed");

  curl_slist_free_all(list);
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
