/* Redirects: FOLLOWLOCATION through 301, 302, 303, 307 and 308 (relative and absolute
 * Locations), MAXREDIRS, REDIRECT_COUNT, REDIRECT_URL without following, and what happens to
 * a POST on 307 (kept) and 303 (turned into GET).
 * usage: redirect URL */
#include "testutil.h"

static void perform(CURL *h, const char *label)
{
  struct buf body = {NULL, 0};
  long code = -1, count = -1;
  char *url = NULL, *redirect = NULL, *method = NULL;
  CURLcode rc;
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  OK(curl_easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &count));
  OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &url));
  OK(curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &redirect));
  OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_METHOD, &method));
  printf("%s: perform %d (%s)\n", label, (int)rc, curl_easy_strerror(rc));
  printf("  code %ld redirects %ld method %s\n", code, count, method ? method : "NULL");
  printf("  effective url %s\n", url ? url : "NULL");
  printf("  redirect url %s\n", redirect ? redirect : "NULL");
  print_quoted("  body", body.data ? body.data : "", body.len);
  buf_reset(&body);
}

int main(int argc, char **argv)
{
  CURL *h;
  char url[512];

  CHECK(argc == 2);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);

  /* Follow a chain through every redirect code. */
  snprintf(url, sizeof(url), "%s/r301", argv[1]);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
  perform(h, "chain");

  /* The same chain with too few redirects allowed. */
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_MAXREDIRS, 2L));
  perform(h, "maxredirs 2");

  /* Not following: the redirect is reported, not taken. */
  OK(curl_easy_setopt(h, CURLOPT_MAXREDIRS, -1L));
  OK(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L));
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  perform(h, "no follow");

  /* A POST through 307 (method and body kept) and then 303 (GET). */
  snprintf(url, sizeof(url), "%s/p307", argv[1]);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
  OK(curl_easy_setopt(h, CURLOPT_POSTFIELDS, "x=1"));
  perform(h, "post 307 303");

  /* A POST through 301: turned into GET unless POSTREDIR says otherwise. */
  snprintf(url, sizeof(url), "%s/p301", argv[1]);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_POSTFIELDS, "y=2"));
  perform(h, "post 301");
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_POSTREDIR, (long)CURL_REDIR_POST_301));
  perform(h, "post 301 postredir");

  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
