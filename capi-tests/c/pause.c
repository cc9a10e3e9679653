/* Pausing and unpausing a transfer with curl_easy_perform:
 *   write   the write callback answers CURL_WRITEFUNC_PAUSE on its first call; the progress
 *           callback unpauses with curl_easy_pause(CURLPAUSE_CONT); the data of the paused
 *           call is delivered again, nothing is lost or doubled
 *   header  the same from the header callback
 *   manual  the progress callback pauses receiving with curl_easy_pause(CURLPAUSE_RECV) and
 *           unpauses on a later call
 *   read    the read callback answers CURL_READFUNC_PAUSE once during an upload; the
 *           progress callback unpauses
 * Printed: the result, the body (or what the server answered), and that pausing happened. */
#include "testutil.h"

struct state {
  CURL *h;
  const char *mode;
  struct buf body;
  int paused;       /* a pause is in effect */
  int pauses;       /* how many times we paused */
  int write_calls_while_paused;
  int progress_calls;
  size_t upload_left;
  int read_paused_once;
};

static size_t on_write(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct state *st = (struct state *)userp;
  if(st->paused)
    st->write_calls_while_paused++;
  if(!strcmp(st->mode, "write") && st->pauses == 0) {
    st->paused = 1;
    st->pauses++;
    return CURL_WRITEFUNC_PAUSE;
  }
  return buf_write(ptr, size, nmemb, &st->body);
}

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct state *st = (struct state *)userp;
  (void)ptr;
  if(!strcmp(st->mode, "header") && st->pauses == 0) {
    st->paused = 1;
    st->pauses++;
    return CURL_WRITEFUNC_PAUSE;
  }
  return size * nmemb;
}

static size_t on_read(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct state *st = (struct state *)userp;
  size_t n = size * nmemb;
  if(!st->read_paused_once) {
    st->read_paused_once = 1;
    st->paused = 1;
    st->pauses++;
    return CURL_READFUNC_PAUSE;
  }
  if(n > st->upload_left)
    n = st->upload_left;
  memset(ptr, 'u', n);
  st->upload_left -= n;
  return n;
}

static int on_progress(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
  struct state *st = (struct state *)userp;
  (void)dltotal;
  (void)dlnow;
  (void)ultotal;
  (void)ulnow;
  st->progress_calls++;
  if(!strcmp(st->mode, "manual") && st->pauses == 0 && dlnow == 0) {
    CHECK(curl_easy_pause(st->h, CURLPAUSE_RECV) == CURLE_OK);
    st->paused = 1;
    st->pauses++;
    return 0;
  }
  if(st->paused) {
    st->paused = 0;
    CHECK(curl_easy_pause(st->h, CURLPAUSE_CONT) == CURLE_OK);
  }
  return 0;
}

int main(int argc, char **argv)
{
  struct state st;
  CURLcode rc;
  long code = 0;

  CHECK(argc == 3);
  memset(&st, 0, sizeof(st));
  st.mode = argv[1];
  st.h = curl_easy_init();
  CHECK(st.h);
  OK(curl_easy_setopt(st.h, CURLOPT_URL, argv[2]));
  OK(curl_easy_setopt(st.h, CURLOPT_WRITEFUNCTION, on_write));
  OK(curl_easy_setopt(st.h, CURLOPT_WRITEDATA, &st));
  OK(curl_easy_setopt(st.h, CURLOPT_HEADERFUNCTION, on_header));
  OK(curl_easy_setopt(st.h, CURLOPT_HEADERDATA, &st));
  OK(curl_easy_setopt(st.h, CURLOPT_NOPROGRESS, 0L));
  OK(curl_easy_setopt(st.h, CURLOPT_XFERINFOFUNCTION, on_progress));
  OK(curl_easy_setopt(st.h, CURLOPT_XFERINFODATA, &st));
  OK(curl_easy_setopt(st.h, CURLOPT_TIMEOUT, 30L));
  if(!strcmp(st.mode, "read")) {
    st.upload_left = 10000;
    OK(curl_easy_setopt(st.h, CURLOPT_UPLOAD, 1L));
    OK(curl_easy_setopt(st.h, CURLOPT_READFUNCTION, on_read));
    OK(curl_easy_setopt(st.h, CURLOPT_READDATA, &st));
    OK(curl_easy_setopt(st.h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)10000));
  }
  rc = curl_easy_perform(st.h);
  OK(curl_easy_getinfo(st.h, CURLINFO_RESPONSE_CODE, &code));
  printf("%s: perform %d (%s), code %ld\n", st.mode, (int)rc, curl_easy_strerror(rc), code);
  print_quoted("  body", st.body.data ? st.body.data : "", st.body.len);
  printf("  paused %d time(s), write calls while paused %d, progress called: %s\n",
         st.pauses, st.write_calls_while_paused, st.progress_calls > 0 ? "yes" : "no");
  buf_reset(&st.body);
  curl_easy_cleanup(st.h);
  return 0;
}
