/* Calling back into the library from inside its callbacks, in three modes:
 *   perform  curl_easy_perform on the handle whose transfer is running, from the header,
 *            write and progress callbacks. libcurl 7.88.1 refuses (the handle is busy) and
 *            the running transfer carries on; what it returns, and what that does to the
 *            error buffer, is printed.
 *   getinfo  curl_easy_getinfo from the header and write callbacks: RESPONSE_CODE with every
 *            header line, and RESPONSE_CODE and CONTENT_TYPE from the write callback.
 *   misc     curl_easy_pause(CONT) (nothing is paused: nothing to do), curl_slist_*,
 *            curl_easy_escape/unescape, curl_free, curl_easy_strerror, and a whole transfer
 *            on another handle, all from inside the write callback.
 * Each mode then performs once more on the same handle, to show it is still usable.
 * usage: recursive MODE URL (the server answers /outer, and /inner for misc) */
#include "testutil.h"

struct state {
  CURL *h;
  const char *mode;
  const char *base;
  char errbuf[CURL_ERROR_SIZE];
  int header_calls;
  int write_calls;
  int progress_calls;
  /* What perform from the progress callback returned; printed at the end, because when the
   * first progress call comes relative to the headers is not the point here. */
  CURLcode progress_perform;
};

static void recurse(struct state *st, const char *where)
{
  CURLcode rc = curl_easy_perform(st->h);
  /* Only the code: whether 7.88.1 also writes the error buffer here depends on which earlier
   * failure of the running transfer already claimed it, an internal detail. */
  printf("  perform from %s callback: %d (%s)\n", where, (int)rc, curl_easy_strerror(rc));
}

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct state *st = (struct state *)userp;
  size_t n = size * nmemb;
  int first = st->header_calls++ == 0;
  if(!strcmp(st->mode, "getinfo")) {
    long code = -1;
    CURLcode rc = curl_easy_getinfo(st->h, CURLINFO_RESPONSE_CODE, &code);
    printf("header callback: getinfo %d code %ld ", (int)rc, code);
    print_quoted("line", ptr, n);
  }
  else if(first && !strcmp(st->mode, "perform")) {
    print_quoted("header callback: line", ptr, n);
    recurse(st, "header");
  }
  return n;
}

static void inner_transfer(const char *base)
{
  char url[512];
  struct buf body = {NULL, 0};
  long code = -1;
  CURLcode rc;
  CURL *other = curl_easy_init();
  CHECK(other);
  snprintf(url, sizeof(url), "%s/inner", base);
  OK(curl_easy_setopt(other, CURLOPT_URL, url));
  OK(curl_easy_setopt(other, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(other, CURLOPT_WRITEDATA, &body));
  rc = curl_easy_perform(other);
  OK(curl_easy_getinfo(other, CURLINFO_RESPONSE_CODE, &code));
  printf("  another handle's transfer from write callback: %d code %ld ", (int)rc, code);
  print_quoted("body", body.data ? body.data : "", body.len);
  buf_reset(&body);
  curl_easy_cleanup(other);
}

static void misc(struct state *st)
{
  struct curl_slist *list = NULL, *item;
  char *escaped, *unescaped;
  int len = 0;
  CURLcode rc = curl_easy_pause(st->h, CURLPAUSE_CONT);
  printf("  pause(CONT) from write callback: %d\n", (int)rc);

  item = curl_slist_append(list, "first");
  CHECK(item);
  list = item;
  item = curl_slist_append(list, "second");
  CHECK(item);
  printf("  slist from write callback:");
  for(item = list; item; item = item->next)
    printf(" %s", item->data);
  printf("\n");
  curl_slist_free_all(list);

  escaped = curl_easy_escape(st->h, "a b&c/d", 0);
  CHECK(escaped);
  unescaped = curl_easy_unescape(st->h, escaped, 0, &len);
  CHECK(unescaped);
  printf("  escape from write callback: %s -> %s (%d)\n", escaped, unescaped, len);
  curl_free(escaped);
  curl_free(unescaped);
  printf("  strerror from write callback: %s\n", curl_easy_strerror(CURLE_RECURSIVE_API_CALL));

  inner_transfer(st->base);
}

static size_t on_write(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct state *st = (struct state *)userp;
  size_t n = size * nmemb;

  if(st->write_calls++ > 0)
    return n;
  print_quoted("write callback: data", ptr, n);
  if(!strcmp(st->mode, "getinfo")) {
    long code = -1;
    char *ctype = NULL;
    CURLcode rc = curl_easy_getinfo(st->h, CURLINFO_RESPONSE_CODE, &code);
    printf("  getinfo(RESPONSE_CODE) from write callback: %d code %ld\n", (int)rc, code);
    rc = curl_easy_getinfo(st->h, CURLINFO_CONTENT_TYPE, &ctype);
    printf("  getinfo(CONTENT_TYPE) from write callback: %d %s\n", (int)rc,
           ctype ? ctype : "NULL");
  }
  else if(!strcmp(st->mode, "perform"))
    recurse(st, "write");
  else
    misc(st);
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
  if(st->progress_calls++ == 0) {
    st->progress_perform = curl_easy_perform(st->h);
  }
  return 0;
}

int main(int argc, char **argv)
{
  struct state st;
  char url[512];
  long code = -1;
  CURLcode rc;

  CHECK(argc == 3);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  memset(&st, 0, sizeof(st));
  st.mode = argv[1];
  CHECK(!strcmp(st.mode, "perform") || !strcmp(st.mode, "getinfo") || !strcmp(st.mode, "misc"));
  st.base = argv[2];
  st.progress_perform = CURLE_OK;
  st.h = curl_easy_init();
  CHECK(st.h);
  snprintf(url, sizeof(url), "%s/outer", st.base);
  OK(curl_easy_setopt(st.h, CURLOPT_URL, url));
  OK(curl_easy_setopt(st.h, CURLOPT_ERRORBUFFER, st.errbuf));
  OK(curl_easy_setopt(st.h, CURLOPT_HEADERFUNCTION, on_header));
  OK(curl_easy_setopt(st.h, CURLOPT_HEADERDATA, &st));
  OK(curl_easy_setopt(st.h, CURLOPT_WRITEFUNCTION, on_write));
  OK(curl_easy_setopt(st.h, CURLOPT_WRITEDATA, &st));
  OK(curl_easy_setopt(st.h, CURLOPT_TIMEOUT, 20L));
  if(!strcmp(st.mode, "perform")) {
    OK(curl_easy_setopt(st.h, CURLOPT_NOPROGRESS, 0L));
    OK(curl_easy_setopt(st.h, CURLOPT_XFERINFOFUNCTION, on_progress));
    OK(curl_easy_setopt(st.h, CURLOPT_XFERINFODATA, &st));
  }

  rc = curl_easy_perform(st.h);
  OK(curl_easy_getinfo(st.h, CURLINFO_RESPONSE_CODE, &code));
  printf("outer perform: %d (%s) code %ld, error buffer \"%s\"\n", (int)rc,
         curl_easy_strerror(rc), code, st.errbuf);
  if(!strcmp(st.mode, "perform"))
    printf("perform from progress callback: %s (%d)\n",
           st.progress_calls ? "called" : "never called", (int)st.progress_perform);

  /* The calls from inside left the handle usable. */
  st.mode = "again";
  rc = curl_easy_perform(st.h);
  OK(curl_easy_getinfo(st.h, CURLINFO_RESPONSE_CODE, &code));
  printf("second perform: %d (%s) code %ld, write callback called %s\n", (int)rc,
         curl_easy_strerror(rc), code, st.write_calls > 1 ? "again" : "not again");

  curl_easy_cleanup(st.h);
  curl_global_cleanup();
  return 0;
}
