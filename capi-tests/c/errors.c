/* Transfer errors, one per run: the CURLcode, its text and the error buffer's message.
 * Digit runs in the error buffer are printed as '#' (it carries times and ports).
 * usage: errors MODE URL
 *   plain        just perform (refused, empty reply, truncated, reset... as the server does)
 *   timeout      TIMEOUT_MS 300
 *   write_short  the write callback takes fewer bytes than offered
 *   abort        the progress callback asks to abort
 *   failonerror  FAILONERROR 1 */
#include "testutil.h"

static size_t short_write(char *ptr, size_t size, size_t nmemb, void *userp)
{
  size_t n = size * nmemb;
  (void)ptr;
  (void)userp;
  return n ? n - 1 : 0;
}

static int abort_progress(void *userp, curl_off_t dltotal, curl_off_t dlnow,
                          curl_off_t ultotal, curl_off_t ulnow)
{
  (void)userp;
  (void)dltotal;
  (void)dlnow;
  (void)ultotal;
  (void)ulnow;
  return 1;
}

int main(int argc, char **argv)
{
  CURL *h;
  CURLcode rc;
  char errbuf[CURL_ERROR_SIZE];
  const char *mode, *p;
  struct buf body = {NULL, 0};
  long code = -1;

  CHECK(argc == 3);
  mode = argv[1];
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[2]));
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  /* A test must never hang on a library bug. */
  OK(curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L));

  if(!strcmp(mode, "timeout"))
    OK(curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 300L));
  else if(!strcmp(mode, "write_short"))
    OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, short_write));
  else if(!strcmp(mode, "abort")) {
    OK(curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L));
    OK(curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, abort_progress));
  }
  else if(!strcmp(mode, "failonerror"))
    OK(curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L));
  else
    CHECK(!strcmp(mode, "plain"));

  errbuf[0] = '\0';
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  printf("perform %d (%s)\n", (int)rc, curl_easy_strerror(rc));
  printf("response code %ld\n", code);
  printf("error buffer \"");
  for(p = errbuf; *p; p++) {
    if(*p >= '0' && *p <= '9') {
      putchar('#');
      while(p[1] >= '0' && p[1] <= '9')
        p++;
    }
    else
      putchar(*p);
  }
  printf("\"\n");
  print_quoted("body", body.data ? body.data : "", body.len);
  buf_reset(&body);
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
