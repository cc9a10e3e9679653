/* What the debug and write callbacks get, as programs use it: CURLINFO_TEXT printed with
 * %s (libcurl's docs/examples/debug.c does so), so it must end with a NUL right after
 * `size` bytes; and buffers the callbacks write into (the prototypes take `char *`).
 *
 * Usage: debug_text URL
 * Prints whether there was text, whether every text call had strlen(data) == size, and
 * the body and a header after the callbacks upper-cased them in place. */
#include "testutil.h"

#include <ctype.h>

struct seen {
  long text_calls;
  long unterminated;
  long other_calls;
};

static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *userp)
{
  struct seen *s = (struct seen *)userp;
  char line[512];
  (void)h;
  if(type == CURLINFO_TEXT) {
    s->text_calls++;
    if(strlen(data) != size)
      s->unterminated++;
    /* The way debug.c and many programs print it. */
    snprintf(line, sizeof(line), "%s", data);
  }
  else {
    s->other_calls++;
    if(size > 0)
      data[0] = data[0]; /* the buffer is writable */
  }
  return 0;
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userp)
{
  size_t i, n = size * nmemb;
  for(i = 0; i < n; i++)
    ptr[i] = (char)toupper((unsigned char)ptr[i]);
  return buf_write(ptr, size, nmemb, userp);
}

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *userp)
{
  size_t i, n = size * nmemb;
  (void)userp;
  for(i = 0; i < n; i++)
    ptr[i] = (char)toupper((unsigned char)ptr[i]);
  if(n > 7 && !memcmp(ptr, "X-TEST:", 7))
    printf("header: %.*s\n", (int)(n - 2), ptr);
  return n;
}

int main(int argc, char **argv)
{
  struct seen s = {0, 0, 0};
  struct buf body = {NULL, 0};
  CURL *h;
  CURLcode rc;
  CHECK(argc == 2);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[1]));
  OK(curl_easy_setopt(h, CURLOPT_VERBOSE, 1L));
  OK(curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug));
  OK(curl_easy_setopt(h, CURLOPT_DEBUGDATA, &s));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header));
  rc = curl_easy_perform(h);
  printf("perform: %d\n", (int)rc);
  printf("text: %s\n", s.text_calls > 0 ? "yes" : "no");
  printf("headers and data: %s\n", s.other_calls > 0 ? "yes" : "no");
  printf("text calls without a NUL after size bytes: %ld\n", s.unterminated);
  printf("body: %s\n", body.data ? body.data : "(none)");
  free(body.data);
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
