/* file:// URLs: reading a file (body in write-callback pieces), NOBODY's header lines,
 * FILETIME, ranges and resumes, uploads (truncating, appending, NEW_FILE_PERMS), errors
 * (missing file, directory, other host, NUL in the path), percent-encoded paths, the
 * getinfo values, CURLOPT_PROTOCOLS_STR, a redirect to file:// (refused by default) and
 * file transfers in a multi.
 *
 * usage: file DIR [REDIRECT_URL]   (the files go in a new directory inside DIR;
 * REDIRECT_URL answers with a redirect to a file:// URL) */
#define _DEFAULT_SOURCE
#include "testutil.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <utime.h>

static const char *dir;
static char errbuf[CURL_ERROR_SIZE];

/* Prints text with DIR replaced by {dir}. */
static void print_dirless(const char *label, const char *s)
{
  size_t n = strlen(dir);
  printf("%s ", label);
  while(*s) {
    if(!strncmp(s, dir, n)) {
      printf("{dir}");
      s += n;
    }
    else
      putchar(*s++);
  }
  printf("\n");
}

struct sink {
  struct buf body;
  int writes;
  size_t biggest;
};

static size_t on_write(char *p, size_t size, size_t nmemb, void *userp)
{
  struct sink *s = (struct sink *)userp;
  s->writes++;
  if(size * nmemb > s->biggest)
    s->biggest = size * nmemb;
  return buf_write(p, size, nmemb, &s->body);
}

static size_t on_header(char *p, size_t size, size_t nmemb, void *userp)
{
  (void)userp;
  /* Last-Modified depends on the file's time, set below to a fixed one. */
  print_quoted("  header", p, size * nmemb);
  return size * nmemb;
}

/* Pauses on its second call: a file transfer cannot pause. */
static size_t on_write_pause(char *p, size_t size, size_t nmemb, void *userp)
{
  struct sink *s = (struct sink *)userp;
  if(s->writes == 1) {
    s->writes++;
    return CURL_WRITEFUNC_PAUSE;
  }
  return on_write(p, size, nmemb, userp);
}

struct source {
  const char *data;
  size_t left;
};

static size_t on_read(char *p, size_t size, size_t nmemb, void *userp)
{
  struct source *s = (struct source *)userp;
  size_t n = size * nmemb;
  if(n > s->left)
    n = s->left;
  memcpy(p, s->data, n);
  s->data += n;
  s->left -= n;
  return n;
}

/* Gives a file (or directory) a fixed time: Fri, 13 Feb 2009 23:31:30 GMT. */
static void set_time(const char *path)
{
  struct utimbuf t;
  t.actime = 1000000000;
  t.modtime = 1234567890;
  CHECK(!utime(path, &t));
}

static void make_file(const char *name, const char *data, size_t len)
{
  char path[1024];
  FILE *f;
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  f = fopen(path, "wb");
  CHECK(f);
  CHECK(fwrite(data, 1, len, f) == len);
  CHECK(!fclose(f));
  set_time(path);
}

static char *url_of(const char *name)
{
  static char url[1100];
  snprintf(url, sizeof(url), "file://%s/%s", dir, name);
  return url;
}

static CURL *handle(const char *url, struct sink *s)
{
  CURL *h = curl_easy_init();
  CHECK(h);
  memset(s, 0, sizeof(*s));
  errbuf[0] = 0;
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, s));
  OK(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header));
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
  return h;
}

static void report(CURL *h, CURLcode rc, struct sink *s)
{
  long code = -1, proto = -1, unmet = 0;
  curl_off_t dl = -2, cl = -2, ft = -2;
  char *eff = NULL, *scheme = NULL;
  printf("  rc %d\n", (int)rc);
  print_dirless("  error", errbuf);
  printf("  writes %d biggest %lu\n", s->writes, (unsigned long)s->biggest);
  if(s->body.len <= 64)
    print_quoted("  body", s->body.data ? s->body.data : "", s->body.len);
  else
    printf("  body %lu bytes\n", (unsigned long)s->body.len);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  OK(curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &dl));
  OK(curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl));
  OK(curl_easy_getinfo(h, CURLINFO_FILETIME_T, &ft));
  OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff));
  OK(curl_easy_getinfo(h, CURLINFO_SCHEME, &scheme));
  OK(curl_easy_getinfo(h, CURLINFO_PROTOCOL, &proto));
  OK(curl_easy_getinfo(h, CURLINFO_CONDITION_UNMET, &unmet));
  if(unmet)
    printf("  condition unmet\n");
  printf("  code %ld size %ld length %ld filetime %ld proto %ld\n", code, (long)dl, (long)cl,
         (long)ft, proto);
  print_dirless("  url", eff ? eff : "(null)");
  printf("  scheme %s\n", scheme ? scheme : "(null)");
  buf_reset(&s->body);
}

/* A read with the options a test sets on the handle through `setup`. */
static void get(const char *label, const char *url, void (*setup)(CURL *))
{
  struct sink s;
  CURL *h = handle(url, &s);
  CURLcode rc;
  printf("%s\n", label);
  if(setup)
    setup(h);
  rc = curl_easy_perform(h);
  report(h, rc, &s);
  curl_easy_cleanup(h);
}

static void nobody(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_NOBODY, 1L)); }
static void filetime(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_FILETIME, 1L)); }
static void range_mid(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_RANGE, "2-5")); }
static void range_tail(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_RANGE, "-3")); }
static void range_open(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_RANGE, "7-")); }
static void range_past(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_RANGE, "5-100")); }
static void range_beyond(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_RANGE, "50-60")); }
static void range_bad(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_RANGE, "x-y")); }
static void range_backwards(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_RANGE, "6-2")); }
static void resume3(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)3)); }
static void resume_end(CURL *h)
{
  OK(curl_easy_setopt(h, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)11));
}
static void resume_beyond(CURL *h)
{
  OK(curl_easy_setopt(h, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)12));
}
static void resume_nobody(CURL *h)
{
  OK(curl_easy_setopt(h, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)3));
  OK(curl_easy_setopt(h, CURLOPT_NOBODY, 1L));
}
static void http_only(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http")); }
static void file_only(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "file")); }
static void include_header(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_HEADER, 1L)); }
static void newer_than_file(CURL *h)
{
  OK(curl_easy_setopt(h, CURLOPT_TIMECONDITION, (long)CURL_TIMECOND_IFMODSINCE));
  OK(curl_easy_setopt(h, CURLOPT_TIMEVALUE, 1234567890L));
}
static void older_than_file(CURL *h)
{
  OK(curl_easy_setopt(h, CURLOPT_TIMECONDITION, (long)CURL_TIMECOND_IFMODSINCE));
  OK(curl_easy_setopt(h, CURLOPT_TIMEVALUE, 1234567889L));
}
static void pausing(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write_pause)); }
static void max5(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_MAXFILESIZE, 5L)); }
static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *userp)
{
  (void)h;
  (void)userp;
  if(type == CURLINFO_TEXT) {
    char line[300];
    snprintf(line, sizeof(line), "%.*s", (int)(size > 290 ? 290 : size), data);
    line[strcspn(line, "\n")] = 0;
    print_dirless("  text", line);
  }
  return 0;
}
static void verbose(CURL *h)
{
  OK(curl_easy_setopt(h, CURLOPT_VERBOSE, 1L));
  OK(curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug));
}
static void verbose_resume(CURL *h)
{
  verbose(h);
  resume_beyond(h);
}
static void follow(CURL *h) { OK(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L)); }
static void follow_to_file(CURL *h)
{
  OK(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
  OK(curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,file"));
}

static size_t on_read_pause(char *p, size_t size, size_t nmemb, void *userp)
{
  (void)p;
  (void)size;
  (void)nmemb;
  (void)userp;
  return CURL_READFUNC_PAUSE;
}

static size_t on_read_abort(char *p, size_t size, size_t nmemb, void *userp)
{
  (void)p;
  (void)size;
  (void)nmemb;
  (void)userp;
  return CURL_READFUNC_ABORT;
}

/* An upload whose read callback answers something other than data. */
static void put_odd(const char *label, const char *url,
                    size_t (*reader)(char *, size_t, size_t, void *))
{
  struct sink s;
  CURL *h = handle(url, &s);
  CURLcode rc;
  printf("%s\n", label);
  OK(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
  OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, reader));
  rc = curl_easy_perform(h);
  report(h, rc, &s);
  curl_easy_cleanup(h);
}

static void put(const char *label, const char *name, const char *data, curl_off_t resume,
                long perms)
{
  struct sink s;
  struct source src;
  CURL *h = handle(url_of(name), &s);
  CURLcode rc;
  curl_off_t up = -1;
  printf("%s\n", label);
  src.data = data;
  src.left = strlen(data);
  OK(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
  OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read));
  OK(curl_easy_setopt(h, CURLOPT_READDATA, &src));
  if(resume)
    OK(curl_easy_setopt(h, CURLOPT_RESUME_FROM_LARGE, resume));
  if(perms)
    OK(curl_easy_setopt(h, CURLOPT_NEW_FILE_PERMS, perms));
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &up));
  report(h, rc, &s);
  printf("  uploaded %ld\n", (long)up);
  curl_easy_cleanup(h);
  if(rc == CURLE_OK) {
    char path[1100];
    struct stat st;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    CHECK(!stat(path, &st));
    printf("  mode %o\n", (unsigned)(st.st_mode & 0777));
    set_time(path);
    get("  read back", url_of(name), NULL);
  }
}

static void in_multi(void)
{
  CURLM *m = curl_multi_init();
  struct sink s[3];
  CURL *h[3];
  int running = 1, i, left;
  CURLMsg *msg;
  char urls[3][1100];
  printf("multi\n");
  snprintf(urls[0], sizeof(urls[0]), "%s", url_of("a.txt"));
  snprintf(urls[1], sizeof(urls[1]), "%s", url_of("big.bin"));
  snprintf(urls[2], sizeof(urls[2]), "%s", url_of("missing"));
  for(i = 0; i < 3; i++) {
    h[i] = handle(urls[i], &s[i]);
    CHECK(curl_multi_add_handle(m, h[i]) == CURLM_OK);
  }
  while(running) {
    CHECK(curl_multi_perform(m, &running) == CURLM_OK);
    if(running)
      CHECK(curl_multi_wait(m, NULL, 0, 1000, NULL) == CURLM_OK);
  }
  while((msg = curl_multi_info_read(m, &left))) {
    CHECK(msg->msg == CURLMSG_DONE);
    for(i = 0; i < 3; i++)
      if(msg->easy_handle == h[i])
        printf(" done %d: rc %d, %lu bytes\n", i, (int)msg->data.result,
               (unsigned long)s[i].body.len);
  }
  for(i = 0; i < 3; i++) {
    curl_multi_remove_handle(m, h[i]);
    curl_easy_cleanup(h[i]);
    buf_reset(&s[i].body);
  }
  curl_multi_cleanup(m);
}

/* curl_multi_socket_action with a timer callback, no sockets. */
/* A one-shot timer, as event loops have: armed by the timer callback, used up by the
 * call it leads to. */
static int timer_armed = 0;
static int on_timer(CURLM *m, long ms, void *userp)
{
  (void)m;
  (void)userp;
  timer_armed = ms >= 0;
  return 0;
}
static int sockets_seen = 0;
static int on_socket(CURL *e, curl_socket_t s, int what, void *userp, void *sockp)
{
  (void)e;
  (void)s;
  (void)what;
  (void)userp;
  (void)sockp;
  sockets_seen++;
  return 0;
}

static void in_socket_action(void)
{
  CURLM *m = curl_multi_init();
  struct sink s;
  CURL *h = handle(url_of("huge.bin"), &s);
  int running = 1, left, rounds = 0;
  CURLMsg *msg;
  printf("socket_action\n");
  CHECK(curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, on_timer) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, on_socket) == CURLM_OK);
  CHECK(curl_multi_add_handle(m, h) == CURLM_OK);
  while(running && rounds++ < 10000) {
    /* No socket to wait on: only the timer moves the transfer on. */
    CHECK(timer_armed);
    timer_armed = 0;
    CHECK(curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running) == CURLM_OK);
  }
  while((msg = curl_multi_info_read(m, &left)))
    printf(" done: rc %d, %lu bytes, sockets %d\n", (int)msg->data.result,
           (unsigned long)s.body.len, sockets_seen);
  curl_multi_remove_handle(m, h);
  curl_easy_cleanup(h);
  buf_reset(&s.body);
  curl_multi_cleanup(m);
}

int main(int argc, char **argv)
{
  static char big[100000];
  char url[1200];
  size_t i;
  static char tmpl[1024];
  CHECK(argc >= 2);
  snprintf(tmpl, sizeof(tmpl), "%s/runXXXXXX", argv[1]);
  dir = mkdtemp(tmpl);
  CHECK(dir);
  umask(022);
  for(i = 0; i < sizeof(big); i++)
    big[i] = (char)('a' + i % 26);
  make_file("a.txt", "hello file\n", 11);
  make_file("big.bin", big, sizeof(big));
  {
    /* Larger than what one step of ours reads. */
    char path[1100];
    FILE *f;
    snprintf(path, sizeof(path), "%s/huge.bin", dir);
    f = fopen(path, "wb");
    CHECK(f);
    for(i = 0; i < 30; i++)
      CHECK(fwrite(big, 1, sizeof(big), f) == sizeof(big));
    CHECK(!fclose(f));
    set_time(path);
  }
  make_file("sp ace.txt", "spaced\n", 7);
  make_file("empty", "", 0);
  set_time(dir);
  curl_global_init(CURL_GLOBAL_DEFAULT);

  get("read", url_of("a.txt"), NULL);
  get("big", url_of("big.bin"), NULL);
  get("huge", url_of("huge.bin"), NULL);
  get("empty", url_of("empty"), NULL);
  get("write callback pausing", url_of("big.bin"), pausing);
  get("maxfilesize 5", url_of("a.txt"), max5);
  get("nobody", url_of("a.txt"), nobody);
  get("filetime", url_of("a.txt"), filetime);
  get("header in body", url_of("a.txt"), include_header);
  get("range 2-5", url_of("a.txt"), range_mid);
  get("range -3", url_of("a.txt"), range_tail);
  get("range 7-", url_of("a.txt"), range_open);
  get("range 5-100", url_of("a.txt"), range_past);
  get("range 50-60", url_of("a.txt"), range_beyond);
  get("range x-y", url_of("a.txt"), range_bad);
  get("range 6-2", url_of("a.txt"), range_backwards);
  get("resume 3", url_of("a.txt"), resume3);
  get("resume at the end", url_of("a.txt"), resume_end);
  get("resume beyond", url_of("a.txt"), resume_beyond);
  get("resume nobody", url_of("a.txt"), resume_nobody);
  get("verbose", url_of("a.txt"), verbose);
  get("verbose, missing", url_of("missing"), verbose);
  get("verbose, resume beyond", url_of("a.txt"), verbose_resume);
  get("missing", url_of("missing"), NULL);
  get("missing nobody", url_of("missing"), nobody);
  snprintf(url, sizeof(url), "file://%s", dir);
  get("directory", url, NULL);
  get("directory nobody", url, nobody);
  get("percent-encoded", url_of("sp%20ace.txt"), NULL);
  get("percent-encoded name", url_of("%61.txt"), NULL);
  get("NUL", url_of("a.txt%00x"), NULL);
  snprintf(url, sizeof(url), "file://localhost%s/a.txt", dir);
  get("localhost", url, NULL);
  snprintf(url, sizeof(url), "file://127.0.0.1%s/a.txt", dir);
  get("127.0.0.1", url, NULL);
  snprintf(url, sizeof(url), "file://otherhost%s/a.txt", dir);
  get("otherhost", url, NULL);
  snprintf(url, sizeof(url), "file:%s/a.txt", dir);
  get("file:/path", url, NULL);
  snprintf(url, sizeof(url), "file://%s/a.txt?q=1#frag", dir);
  get("query", url, NULL);
  get("modified since its time", url_of("a.txt"), newer_than_file);
  get("modified since before", url_of("a.txt"), older_than_file);
  get("protocols http", url_of("a.txt"), http_only);
  get("protocols file", url_of("a.txt"), file_only);

  {
    CURL *h = curl_easy_init();
    CHECK(h);
    printf("NEW_FILE_PERMS 01000: %d, -1: %d, 0777: %d\n",
           (int)curl_easy_setopt(h, CURLOPT_NEW_FILE_PERMS, 01000L),
           (int)curl_easy_setopt(h, CURLOPT_NEW_FILE_PERMS, -1L),
           (int)curl_easy_setopt(h, CURLOPT_NEW_FILE_PERMS, 0777L));
    curl_easy_cleanup(h);
  }
  put("upload", "up.txt", "uploaded data\n", 0, 0);
  put("upload again (truncates)", "up.txt", "short\n", 0, 0);
  put("upload resumed (appends)", "up.txt", "0123456789\n", 4, 0);
  put("upload perms 0600", "perm.txt", "p\n", 0, 0600);
  put("upload into a missing directory", "nodir/x.txt", "x\n", 0, 0);

  put_odd("upload, read callback pausing", url_of("paused.txt"), on_read_pause);
  put_odd("upload, read callback aborting", url_of("aborted.txt"), on_read_abort);
  put_odd("upload to /", "file:///", on_read_abort);

  in_multi();
  in_socket_action();

  if(argc > 2) {
    get("redirect to file", argv[2], follow);
    get("redirect to file, allowed", argv[2], follow_to_file);
  }
  curl_global_cleanup();
  return 0;
}
