/* Rewinding an upload that must be sent again (a 307 redirect of a PUT from a read
 * callback): by CURLOPT_SEEKFUNCTION, else by the old CURLOPT_IOCTLFUNCTION
 * (CURLIOCMD_RESTARTREAD), else by nothing; and a rewind that fails, with the error text.
 * usage: rewind URL seek|seek_fail|ioctl|ioctl_fail|none */
#include "testutil.h"

struct src {
  const char *data;
  size_t len, pos;
  int ioctl_calls, seek_calls;
};

static size_t on_read(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct src *s = (struct src *)userp;
  size_t n = size * nmemb;
  if(n > s->len - s->pos)
    n = s->len - s->pos;
  memcpy(ptr, s->data + s->pos, n);
  s->pos += n;
  return n;
}

static int on_seek(void *userp, curl_off_t offset, int origin)
{
  struct src *s = (struct src *)userp;
  s->seek_calls++;
  if(origin != SEEK_SET || offset < 0 || (size_t)offset > s->len)
    return CURL_SEEKFUNC_FAIL;
  s->pos = (size_t)offset;
  return CURL_SEEKFUNC_OK;
}

static int on_seek_fail(void *userp, curl_off_t offset, int origin)
{
  struct src *s = (struct src *)userp;
  (void)offset;
  (void)origin;
  s->seek_calls++;
  return CURL_SEEKFUNC_FAIL;
}

static curlioerr on_ioctl(CURL *h, int cmd, void *userp)
{
  struct src *s = (struct src *)userp;
  (void)h;
  s->ioctl_calls++;
  if(cmd != CURLIOCMD_RESTARTREAD)
    return CURLIOE_UNKNOWNCMD;
  s->pos = 0;
  return CURLIOE_OK;
}

static curlioerr on_ioctl_fail(CURL *h, int cmd, void *userp)
{
  struct src *s = (struct src *)userp;
  (void)h;
  (void)cmd;
  s->ioctl_calls++;
  return CURLIOE_FAILRESTART;
}

int main(int argc, char **argv)
{
  CURL *h;
  CURLcode rc;
  char err[CURL_ERROR_SIZE] = "";
  struct src s = {"the upload body", 15, 0, 0, 0};
  struct buf body = {NULL, 0};
  const char *mode;
  long code = 0;

  CHECK(argc == 3);
  mode = argv[2];
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[1]));
  OK(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
  OK(curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)s.len));
  OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read));
  OK(curl_easy_setopt(h, CURLOPT_READDATA, &s));
  OK(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  if(!strcmp(mode, "seek") || !strcmp(mode, "seek_fail")) {
    OK(curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, !strcmp(mode, "seek") ? on_seek : on_seek_fail));
    OK(curl_easy_setopt(h, CURLOPT_SEEKDATA, &s));
    /* The seek callback wins over the ioctl one. */
    OK(curl_easy_setopt(h, CURLOPT_IOCTLFUNCTION, on_ioctl));
    OK(curl_easy_setopt(h, CURLOPT_IOCTLDATA, &s));
  }
  else if(!strcmp(mode, "ioctl") || !strcmp(mode, "ioctl_fail")) {
    OK(curl_easy_setopt(h, CURLOPT_IOCTLFUNCTION, !strcmp(mode, "ioctl") ? on_ioctl : on_ioctl_fail));
    OK(curl_easy_setopt(h, CURLOPT_IOCTLDATA, &s));
  }
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  printf("perform: %d (%s) [%s]\n", (int)rc, curl_easy_strerror(rc), err);
  printf("response %ld, seek calls %d, ioctl calls %d\n", code, s.seek_calls, s.ioctl_calls);
  print_quoted("body", body.data ? body.data : "", body.len);
  buf_reset(&body);
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
