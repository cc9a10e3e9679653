/* Many pipelined GETs against a real server, as a crawler keeps a window of transfers in
 * flight: N transfers of four files of mixed sizes (0 B, 100 B, 16 KiB, 1 MiB), at most
 * INFLIGHT handles in the multi at a time, PIPELINING 1 with MAX_HOST_CONNECTIONS and
 * MAX_PIPELINE_LENGTH as given. Every body is checked byte by byte against the file's
 * pattern (byte j of a file with seed s is (j * 7 + s) % 251); with "gzip", every other
 * transfer asks for gzip, which the server sends chunked.
 *
 * Prints the totals and the number of connections opened.
 *
 * usage: pipeline_load URL_BASE N INFLIGHT MAXHOST LEN [gzip] */
#include "testutil.h"

static const char *names[4] = {"f0", "f100", "f16k", "f1m"};
static const long sizes[4] = {0, 100, 16384, 1048576};

struct check {
  int file;
  long got;
  int bad;
};

static size_t check_write(char *p, size_t size, size_t n, void *u)
{
  struct check *c = (struct check *)u;
  size_t i;
  for(i = 0; i < size * n; i++) {
    long j = c->got + (long)i;
    if((unsigned char)p[i] != (unsigned char)((j * 7 + c->file) % 251))
      c->bad = 1;
  }
  c->got += (long)(size * n);
  return size * n;
}

int main(int argc, char **argv)
{
  CURLM *m;
  CURL **easies;
  struct check *checks;
  long n, inflight, maxhost, len, next = 0, ok = 0, wrong = 0, failed = 0, running_n = 0;
  long connects = 0;
  int gzip, running = 1;
  CHECK(argc >= 6);
  n = atol(argv[2]);
  inflight = atol(argv[3]);
  maxhost = atol(argv[4]);
  len = atol(argv[5]);
  gzip = argc > 6 && !strcmp(argv[6], "gzip");
  CHECK(n > 0 && inflight > 0);
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  m = curl_multi_init();
  CHECK(m);
  CHECK(curl_multi_setopt(m, CURLMOPT_PIPELINING, (long)CURLPIPE_HTTP1) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, maxhost) == CURLM_OK);
  CHECK(curl_multi_setopt(m, CURLMOPT_MAX_PIPELINE_LENGTH, len) == CURLM_OK);
  easies = calloc((size_t)n, sizeof(*easies));
  checks = calloc((size_t)n, sizeof(*checks));
  CHECK(easies && checks);
  while(next < n || running_n > 0) {
    CURLMsg *msg;
    int left;
    /* The first transfer goes alone: its answer shows the server pipelines. */
    long window = next == 0 ? 1 : inflight;
    while(next < n && running_n < window && (next > 0 || running_n == 0)) {
      char url[512];
      CURL *h = curl_easy_init();
      CHECK(h);
      checks[next].file = (int)(next % 4);
      snprintf(url, sizeof(url), "%s/%s", argv[1], names[checks[next].file]);
      OK(curl_easy_setopt(h, CURLOPT_URL, url));
      OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, check_write));
      OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &checks[next]));
      OK(curl_easy_setopt(h, CURLOPT_PRIVATE, (void *)&checks[next]));
      if(gzip && next % 2)
        OK(curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "gzip"));
      CHECK(curl_multi_add_handle(m, h) == CURLM_OK);
      easies[next++] = h;
      running_n++;
    }
    CHECK(curl_multi_perform(m, &running) == CURLM_OK);
    while((msg = curl_multi_info_read(m, &left))) {
      struct check *c;
      long code = 0;
      if(msg->msg != CURLMSG_DONE)
        continue;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&c);
      curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &code);
      {
        long k = 0;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_NUM_CONNECTS, &k);
        connects += k;
      }
      if(msg->data.result != CURLE_OK) {
        if(failed < 5)
          fprintf(stderr, "transfer of %s: %d\n", names[c->file], (int)msg->data.result);
        failed++;
      }
      else if(code != 200 || c->bad || c->got != sizes[c->file])
        wrong++;
      else
        ok++;
      curl_multi_remove_handle(m, msg->easy_handle);
      curl_easy_cleanup(msg->easy_handle);
      running_n--;
    }
    if(running_n > 0)
      CHECK(curl_multi_poll(m, NULL, 0, 1000, NULL) == CURLM_OK);
  }
  printf("transfers: %ld, complete and correct: %ld, wrong: %ld, failed: %ld\n", n, ok, wrong,
         failed);
  printf("connections opened: %ld\n", connects);
  free(easies);
  free(checks);
  curl_multi_cleanup(m);
  curl_global_cleanup();
  return 0;
}
