/* A transfer on a thread with a small stack (256 KiB, set with pthread_attr_setstacksize),
 * as event-loop and embedded applications create them: the whole easy interface, callbacks
 * included, has to fit. Two GETs on one handle, and a POST, all on that thread.
 * usage: smallstack URL */
#include "testutil.h"

#include <pthread.h>

#define STACK_SIZE (256 * 1024)

struct job {
  const char *base;
  char report[2048];
};

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *userp)
{
  (void)ptr;
  (*(int *)userp)++;
  return size * nmemb;
}

static void append(struct job *job, const char *text)
{
  size_t used = strlen(job->report);
  snprintf(job->report + used, sizeof(job->report) - used, "%s", text);
}

static void *worker(void *arg)
{
  struct job *job = (struct job *)arg;
  static const char *const paths[] = {"/one", "/two", "/post"};
  CURL *h = curl_easy_init();
  size_t i;
  if(!h) {
    append(job, "curl_easy_init failed\n");
    return NULL;
  }
  for(i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
    char url[512], line[512];
    struct buf body = {NULL, 0};
    long code = -1, connects = -1;
    int headers = 0;
    CURLcode rc;
    snprintf(url, sizeof(url), "%s%s", job->base, paths[i]);
    if(curl_easy_setopt(h, CURLOPT_URL, url) != CURLE_OK ||
       curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write) != CURLE_OK ||
       curl_easy_setopt(h, CURLOPT_WRITEDATA, &body) != CURLE_OK ||
       curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header) != CURLE_OK ||
       curl_easy_setopt(h, CURLOPT_HEADERDATA, &headers) != CURLE_OK ||
       (!strcmp(paths[i], "/post") &&
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, "small=stack") != CURLE_OK)) {
      append(job, "setopt failed\n");
      break;
    }
    rc = curl_easy_perform(h);
    if(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code) != CURLE_OK ||
       curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects) != CURLE_OK) {
      append(job, "getinfo failed\n");
      break;
    }
    snprintf(line, sizeof(line), "%s: perform %d code %ld connects %ld headers %d body %s",
             paths[i], (int)rc, code, connects, headers, body.data ? body.data : "(none)\n");
    append(job, line);
    buf_reset(&body);
  }
  curl_easy_cleanup(h);
  return NULL;
}

int main(int argc, char **argv)
{
  pthread_t tid;
  pthread_attr_t attr;
  struct job job;

  CHECK(argc == 2);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  memset(&job, 0, sizeof(job));
  job.base = argv[1];
  CHECK(pthread_attr_init(&attr) == 0);
  CHECK(pthread_attr_setstacksize(&attr, STACK_SIZE) == 0);
  CHECK(pthread_create(&tid, &attr, worker, &job) == 0);
  CHECK(pthread_join(tid, NULL) == 0);
  CHECK(pthread_attr_destroy(&attr) == 0);
  printf("%s", job.report);
  curl_global_cleanup();
  return 0;
}
