/* Easy handles on several threads at once: each of 8 threads has its own handle and does 20
 * sequential GETs with it (/tT/rR, whose body the server makes "thread T request R\n").
 * libcurl's rule is "one handle per thread, global init before the threads start"; within
 * that, transfers on different threads must not disturb one another. Only a summary per
 * thread is printed, after all threads joined, so the output does not depend on scheduling.
 * usage: threads URL */
#include "testutil.h"

#include <pthread.h>

#define THREADS 8
#define REQUESTS 20

struct job {
  const char *base;
  int index;
  int ok;          /* transfers that returned CURLE_OK, 200 and the right body */
  int failed;      /* the others */
  long connects;   /* NUM_CONNECTS summed over the thread's transfers */
  char first_error[256];
};

static void *worker(void *arg)
{
  struct job *job = (struct job *)arg;
  CURL *h = curl_easy_init();
  int r;
  if(!h) {
    job->failed = REQUESTS;
    snprintf(job->first_error, sizeof(job->first_error), "curl_easy_init failed");
    return NULL;
  }
  for(r = 0; r < REQUESTS; r++) {
    char url[512], want[64];
    struct buf body = {NULL, 0};
    long code = -1, connects = -1;
    CURLcode rc;
    snprintf(url, sizeof(url), "%s/t%d/r%d", job->base, job->index, r);
    snprintf(want, sizeof(want), "thread %d request %d\n", job->index, r);
    if(curl_easy_setopt(h, CURLOPT_URL, url) != CURLE_OK ||
       curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write) != CURLE_OK ||
       curl_easy_setopt(h, CURLOPT_WRITEDATA, &body) != CURLE_OK ||
       /* A thread stuck on a library bug must not hang the test forever. */
       curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L) != CURLE_OK) {
      job->failed++;
      continue;
    }
    rc = curl_easy_perform(h);
    if(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code) != CURLE_OK ||
       curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects) != CURLE_OK) {
      code = -1;
      connects = 0;
    }
    job->connects += connects;
    if(rc == CURLE_OK && code == 200 && body.data && !strcmp(body.data, want))
      job->ok++;
    else {
      if(!job->failed)
        snprintf(job->first_error, sizeof(job->first_error),
                 "request %d: perform %d code %ld body %s", r, (int)rc, code,
                 body.data ? body.data : "(none)");
      job->failed++;
    }
    buf_reset(&body);
  }
  curl_easy_cleanup(h);
  return NULL;
}

int main(int argc, char **argv)
{
  pthread_t tid[THREADS];
  struct job jobs[THREADS];
  int i, total_ok = 0, total_failed = 0;

  CHECK(argc == 2);
  /* Not thread-safe in general: done once, before any thread starts. */
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  for(i = 0; i < THREADS; i++) {
    memset(&jobs[i], 0, sizeof(jobs[i]));
    jobs[i].base = argv[1];
    jobs[i].index = i;
    CHECK(pthread_create(&tid[i], NULL, worker, &jobs[i]) == 0);
  }
  for(i = 0; i < THREADS; i++)
    CHECK(pthread_join(tid[i], NULL) == 0);
  for(i = 0; i < THREADS; i++) {
    printf("thread %d: %d ok, %d failed, %ld connects%s%s\n", i, jobs[i].ok, jobs[i].failed,
           jobs[i].connects, jobs[i].failed ? ", first: " : "", jobs[i].first_error);
    total_ok += jobs[i].ok;
    total_failed += jobs[i].failed;
  }
  printf("total: %d ok, %d failed\n", total_ok, total_failed);
  curl_global_cleanup();
  return 0;
}
