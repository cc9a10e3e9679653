/* Many transfers on one multi handle, as a crawler or a load generator runs them: N easy
 * handles added at once, driven by curl_multi_perform + curl_multi_poll, optionally under
 * CURLMOPT_MAX_TOTAL_CONNECTIONS. Every body is checked against the expected size and
 * first byte; the peak RSS goes to stderr (it differs between libraries).
 *
 * usage: multi_load URL N SIZE [MAX_TOTAL] */
#include "testutil.h"

#include <sys/resource.h>

struct sink {
  size_t bytes;
  int bad;
};

static size_t count_write(char *p, size_t size, size_t n, void *u)
{
  struct sink *s = (struct sink *)u;
  size_t i;
  for(i = 0; i < size * n; i++)
    if(p[i] != 'x')
      s->bad = 1;
  s->bytes += size * n;
  return size * n;
}

int main(int argc, char **argv)
{
  CURLM *m;
  CURL **easies;
  struct sink *sinks;
  long n, size, max_total = 0, i, ok = 0, bad = 0, done = 0;
  int running = 1;
  struct rusage ru;
  CHECK(argc >= 4);
  n = atol(argv[2]);
  size = atol(argv[3]);
  if(argc > 4)
    max_total = atol(argv[4]);
  CHECK(n > 0);
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  m = curl_multi_init();
  easies = calloc((size_t)n, sizeof(*easies));
  sinks = calloc((size_t)n, sizeof(*sinks));
  CHECK(m && easies && sinks);
  if(max_total)
    CHECK(curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, max_total) == CURLM_OK);
  for(i = 0; i < n; i++) {
    easies[i] = curl_easy_init();
    CHECK(easies[i]);
    OK(curl_easy_setopt(easies[i], CURLOPT_URL, argv[1]));
    OK(curl_easy_setopt(easies[i], CURLOPT_WRITEFUNCTION, count_write));
    OK(curl_easy_setopt(easies[i], CURLOPT_WRITEDATA, &sinks[i]));
    OK(curl_easy_setopt(easies[i], CURLOPT_PRIVATE, (void *)&sinks[i]));
    CHECK(curl_multi_add_handle(m, easies[i]) == CURLM_OK);
  }
  while(running) {
    CURLMsg *msg;
    int queued;
    CHECK(curl_multi_perform(m, &running) == CURLM_OK);
    while((msg = curl_multi_info_read(m, &queued))) {
      struct sink *s = NULL;
      long code = 0;
      CHECK(msg->msg == CURLMSG_DONE);
      OK(curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&s));
      OK(curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &code));
      done++;
      if(msg->data.result == CURLE_OK && code == 200 && !s->bad && s->bytes == (size_t)size)
        ok++;
      else
        bad++;
    }
    if(running)
      CHECK(curl_multi_poll(m, NULL, 0, 1000, NULL) == CURLM_OK);
  }
  printf("transfers: %ld, complete and correct: %ld, wrong: %ld\n", done, ok, bad);
  for(i = 0; i < n; i++) {
    CHECK(curl_multi_remove_handle(m, easies[i]) == CURLM_OK);
    curl_easy_cleanup(easies[i]);
  }
  CHECK(curl_multi_cleanup(m) == CURLM_OK);
  free(easies);
  free(sinks);
  curl_global_cleanup();
  CHECK(getrusage(RUSAGE_SELF, &ru) == 0);
  fprintf(stderr, "peak RSS: %ld KiB\n", ru.ru_maxrss);
  return 0;
}
