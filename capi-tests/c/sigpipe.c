/* A large upload to a server that resets the connection after reading a little of it.
 * SIGPIPE keeps its default disposition (terminate): writing to the dead socket must not
 * kill the program, so the library has to keep SIGPIPE away itself (libcurl sends with
 * MSG_NOSIGNAL, and without NOSIGNAL also ignores SIGPIPE for the duration of a transfer).
 * The program prints the result, and that SIGPIPE is still at its default afterwards.
 * usage: sigpipe default|nosignal URL */
#include "testutil.h"

#include <signal.h>

#define UPLOAD_SIZE ((curl_off_t)64 * 1024 * 1024)

struct source {
  curl_off_t sent;
};

/* 64 MiB of generated data: far more than any socket buffer holds, so the library is
 * still writing when the reset arrives. */
static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct source *s = (struct source *)userp;
  size_t i, n = size * nmemb;
  if((curl_off_t)n > UPLOAD_SIZE - s->sent)
    n = (size_t)(UPLOAD_SIZE - s->sent);
  for(i = 0; i < n; i++)
    ptr[i] = (char)('a' + (s->sent + (curl_off_t)i) % 26);
  s->sent += (curl_off_t)n;
  return n;
}

static const char *disposition(void)
{
  struct sigaction sa;
  CHECK(sigaction(SIGPIPE, NULL, &sa) == 0);
  if(sa.sa_handler == SIG_DFL)
    return "default";
  if(sa.sa_handler == SIG_IGN)
    return "ignored";
  return "handled";
}

int main(int argc, char **argv)
{
  CURL *h;
  CURLcode rc;
  struct source src = {0};
  struct buf body = {NULL, 0};
  struct sigaction dfl;

  CHECK(argc == 3);
  CHECK(!strcmp(argv[1], "default") || !strcmp(argv[1], "nosignal"));
  /* Make sure of the default, whatever the parent left us. */
  memset(&dfl, 0, sizeof(dfl));
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  CHECK(sigaction(SIGPIPE, &dfl, NULL) == 0);

  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  printf("SIGPIPE before: %s\n", disposition());
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[2]));
  OK(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
  OK(curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, UPLOAD_SIZE));
  OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb));
  OK(curl_easy_setopt(h, CURLOPT_READDATA, &src));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L));
  if(!strcmp(argv[1], "nosignal"))
    OK(curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L));

  rc = curl_easy_perform(h);
  /* Whether the reset is first seen by a send (55) or by a receive (56) depends on where
   * the library is in its loop when it arrives; both are a correct report of it. */
  if(rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR)
    printf("perform: send or receive error\n");
  else
    printf("perform: %d (%s)\n", (int)rc, curl_easy_strerror(rc));
  printf("uploaded everything: %s\n", src.sent == UPLOAD_SIZE ? "yes" : "no");
  print_quoted("body", body.data ? body.data : "", body.len);
  printf("SIGPIPE after: %s\n", disposition());
  printf("survived\n");
  buf_reset(&body);
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
