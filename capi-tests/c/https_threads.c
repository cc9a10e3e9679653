/* HTTPS transfers on threads other than the main one: each of 3 threads has its own handle
 * and does 2 GETs with it, so the TLS records are sealed and sent on those threads. Only a
 * summary per thread is printed, after all threads joined.
 * usage: https_threads URL CA */
#include "testutil.h"

#include <pthread.h>

#define THREADS 3
#define REQUESTS 2

struct job {
  const char *url;
  const char *ca;
  int ok;
};

static size_t sink(char *ptr, size_t size, size_t nmemb, void *userp)
{
  (void)ptr;
  (void)userp;
  return size * nmemb;
}

static void *run(void *arg)
{
  struct job *job = (struct job *)arg;
  CURL *h = curl_easy_init();
  int i;
  if(!h)
    return NULL;
  curl_easy_setopt(h, CURLOPT_URL, job->url);
  curl_easy_setopt(h, CURLOPT_CAINFO, job->ca);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);
  for(i = 0; i < REQUESTS; i++) {
    long code = 0;
    if(curl_easy_perform(h) == CURLE_OK &&
       curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK && code == 200)
      job->ok++;
  }
  curl_easy_cleanup(h);
  return NULL;
}

int main(int argc, char **argv)
{
  pthread_t threads[THREADS];
  struct job jobs[THREADS];
  int i;
  CHECK(argc == 3);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  for(i = 0; i < THREADS; i++) {
    jobs[i].url = argv[1];
    jobs[i].ca = argv[2];
    jobs[i].ok = 0;
    CHECK(pthread_create(&threads[i], NULL, run, &jobs[i]) == 0);
  }
  for(i = 0; i < THREADS; i++) {
    CHECK(pthread_join(threads[i], NULL) == 0);
    printf("thread %d: %d of %d ok\n", i, jobs[i].ok, REQUESTS);
  }
  curl_global_cleanup();
  return 0;
}
