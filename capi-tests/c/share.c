/* Share handles: DNS cache and connection pool shared between easy handles and threads.
 *   basic    setopt return codes, IN_USE while a handle uses the share, cleanup codes
 *   reuse    handle A's connection is reused by handle B through the share (NUM_CONNECTS 0);
 *            the lock callbacks are called, always paired
 *   threads  4 threads, each with its own handle on one share, 10 GETs each, with lock
 *            callbacks backed by a mutex */
#include "testutil.h"

#include <pthread.h>

/* One mutex per kind of data: libcurl may hold one kind's lock while taking another's. */
static pthread_mutex_t data_locks[CURL_LOCK_DATA_LAST];
static int held[CURL_LOCK_DATA_LAST];
static int locks_taken;
static int lock_errors;
static int userdata_marker;

static void on_lock(CURL *h, curl_lock_data data, curl_lock_access access, void *userp)
{
  (void)h;
  (void)access;
  CHECK(userp == &userdata_marker);
  CHECK(data >= 0 && data < CURL_LOCK_DATA_LAST);
  pthread_mutex_lock(&data_locks[data]);
  locks_taken++;
  if(held[data]++)
    lock_errors++;
}

static void on_unlock(CURL *h, curl_lock_data data, void *userp)
{
  (void)h;
  CHECK(userp == &userdata_marker);
  CHECK(data >= 0 && data < CURL_LOCK_DATA_LAST);
  if(--held[data])
    lock_errors++;
  pthread_mutex_unlock(&data_locks[data]);
}

static const char *base;

static CURLcode get(CURL *h, const char *path, long *connects)
{
  char url[512];
  struct buf body = {NULL, 0};
  CURLcode rc;
  snprintf(url, sizeof(url), "%s%s", base, path);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  rc = curl_easy_perform(h);
  OK(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, connects));
  buf_reset(&body);
  return rc;
}

static void *worker(void *arg)
{
  CURLSH *share = arg;
  CURL *h = curl_easy_init();
  int i, failures = 0;
  long connects;
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_SHARE, share));
  for(i = 0; i < 10; i++)
    if(get(h, "/t", &connects) != CURLE_OK)
      failures++;
  curl_easy_cleanup(h);
  return (void *)(long)failures;
}

int main(int argc, char **argv)
{
  const char *mode;
  CURLSH *share;
  CHECK(argc == 3);
  mode = argv[1];
  base = argv[2];
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  {
    int i;
    for(i = 0; i < CURL_LOCK_DATA_LAST; i++)
      pthread_mutex_init(&data_locks[i], NULL);
  }
  share = curl_share_init();
  CHECK(share);
  printf("share DNS: %d\n", (int)curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS));
  printf("share CONNECT: %d\n",
         (int)curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT));
  printf("lockfunc: %d\n", (int)curl_share_setopt(share, CURLSHOPT_LOCKFUNC, on_lock));
  printf("unlockfunc: %d\n", (int)curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, on_unlock));
  printf("userdata: %d\n", (int)curl_share_setopt(share, CURLSHOPT_USERDATA, &userdata_marker));

  if(!strcmp(mode, "basic")) {
    CURL *h = curl_easy_init();
    CHECK(h);
    printf("share NONE: %d\n", (int)curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_NONE));
    printf("share LAST: %d\n", (int)curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_LAST));
    printf("unknown option: %d\n", (int)curl_share_setopt(share, (CURLSHoption)99, 0L));
    printf("unshare DNS: %d\n", (int)curl_share_setopt(share, CURLSHOPT_UNSHARE, CURL_LOCK_DATA_DNS));
    printf("share DNS again: %d\n", (int)curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS));
    printf("setopt SHARE: %d\n", (int)curl_easy_setopt(h, CURLOPT_SHARE, share));
    printf("share while in use: %d\n",
           (int)curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS));
    printf("userdata while in use: %d\n", (int)curl_share_setopt(share, CURLSHOPT_USERDATA, NULL));
    printf("cleanup while in use: %d\n", (int)curl_share_cleanup(share));
    printf("setopt SHARE NULL: %d\n", (int)curl_easy_setopt(h, CURLOPT_SHARE, NULL));
    printf("setopt SHARE again: %d\n", (int)curl_easy_setopt(h, CURLOPT_SHARE, share));
    curl_easy_cleanup(h);
    printf("cleanup after the handle's cleanup: %d\n", (int)curl_share_cleanup(share));
    printf("cleanup NULL: %d\n", (int)curl_share_cleanup(NULL));
    printf("setopt on NULL: %d\n",
           (int)curl_share_setopt(NULL, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS));
  }
  else if(!strcmp(mode, "reuse")) {
    CURL *a = curl_easy_init();
    CURL *b = curl_easy_init();
    long ca = -1, cb = -1;
    CHECK(a && b);
    OK(curl_easy_setopt(a, CURLOPT_SHARE, share));
    OK(curl_easy_setopt(b, CURLOPT_SHARE, share));
    printf("A: %d", (int)get(a, "/a", &ca));
    printf(", connects %ld\n", ca);
    printf("B: %d", (int)get(b, "/b", &cb));
    printf(", connects %ld\n", cb);
    curl_easy_cleanup(a);
    curl_easy_cleanup(b);
    printf("locks called: %s, unbalanced: %d\n", locks_taken > 0 ? "yes" : "no", lock_errors);
    printf("cleanup: %d\n", (int)curl_share_cleanup(share));
  }
  else {
    pthread_t t[4];
    long failures = 0;
    int i;
    CHECK(!strcmp(mode, "threads"));
    for(i = 0; i < 4; i++)
      CHECK(pthread_create(&t[i], NULL, worker, share) == 0);
    for(i = 0; i < 4; i++) {
      void *r;
      CHECK(pthread_join(t[i], &r) == 0);
      failures += (long)r;
    }
    printf("threads done, failures %ld, unbalanced locks %d\n", failures, lock_errors);
    printf("cleanup: %d\n", (int)curl_share_cleanup(share));
  }
  curl_global_cleanup();
  return 0;
}
