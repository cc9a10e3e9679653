/* POST bodies, each on a fresh handle: POSTFIELDS (borrowed: the buffer must stay), binary
 * POSTFIELDSIZE with a NUL inside, COPYPOSTFIELDS (copied at once: the buffer is changed
 * before the transfer), and a READFUNCTION body of unknown size (sent chunked).
 * usage: post URL */
#include "testutil.h"

struct source {
  const char *data;
  size_t len, pos, step;
};

/* Hands out at most `step` bytes per call, so the chunked body has several chunks. */
static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct source *s = (struct source *)userp;
  size_t n = size * nmemb;
  if(n > s->step)
    n = s->step;
  if(n > s->len - s->pos)
    n = s->len - s->pos;
  memcpy(ptr, s->data + s->pos, n);
  s->pos += n;
  return n;
}

static void run(const char *label, CURL *h)
{
  struct buf body = {NULL, 0};
  long code = -1;
  CURLcode rc;
  char *method = NULL;
  curl_off_t up = -1;
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_METHOD, &method));
  OK(curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &up));
  printf("%s: perform %d code %ld method %s uploaded %ld\n", label, (int)rc, code,
         method ? method : "NULL", (long)up);
  print_quoted("  body", body.data ? body.data : "", body.len);
  buf_reset(&body);
  curl_easy_cleanup(h);
}

static CURL *handle(const char *base, const char *path)
{
  char url[512];
  CURL *h = curl_easy_init();
  CHECK(h);
  snprintf(url, sizeof(url), "%s%s", base, path);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  return h;
}

int main(int argc, char **argv)
{
  CURL *h;
  static const char binary[] = {'b', 'i', 'n', '\0', 'a', 'r', 'y'};
  char copied[] = "copied=yes";
  struct source src = {"chunked body sent in pieces", 0, 0, 5};

  CHECK(argc == 2);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));

  h = handle(argv[1], "/fields");
  OK(curl_easy_setopt(h, CURLOPT_POSTFIELDS, "a=1&b=2"));
  run("fields", h);

  h = handle(argv[1], "/binary");
  OK(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)sizeof(binary)));
  OK(curl_easy_setopt(h, CURLOPT_POSTFIELDS, binary));
  run("binary", h);

  h = handle(argv[1], "/copy");
  OK(curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, copied));
  memcpy(copied, "changed!!!", 10);
  run("copy", h);

  h = handle(argv[1], "/empty");
  OK(curl_easy_setopt(h, CURLOPT_POSTFIELDS, ""));
  run("empty", h);

  h = handle(argv[1], "/chunked");
  src.len = strlen(src.data);
  OK(curl_easy_setopt(h, CURLOPT_POST, 1L));
  OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb));
  OK(curl_easy_setopt(h, CURLOPT_READDATA, &src));
  run("chunked", h);

  h = handle(argv[1], "/sized");
  src.pos = 0;
  OK(curl_easy_setopt(h, CURLOPT_POST, 1L));
  OK(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)src.len));
  OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb));
  OK(curl_easy_setopt(h, CURLOPT_READDATA, &src));
  run("sized read", h);

  curl_global_cleanup();
  return 0;
}
