/* Handles after a panic caught at the C boundary: the library built with its
 * panic-injection feature panics where it hands body data starting with "PANIC" to the
 * write callback. The call that panicked fails; every handle must then work as before.
 *
 * Usage: panic_recovery PANIC_URL OK_URL */
#include "testutil.h"

/* Runs the multi until the handles are done or a call fails; returns the last code. */
static CURLMcode run(CURLM *m)
{
  int running = 1, rounds = 0;
  CURLMcode mc = CURLM_OK;
  while(running && rounds++ < 1000) {
    mc = curl_multi_perform(m, &running);
    if(mc != CURLM_OK)
      break;
    if(running)
      mc = curl_multi_poll(m, NULL, 0, 1000, NULL);
    if(mc != CURLM_OK)
      break;
  }
  return mc;
}

static void show_done(CURLM *m)
{
  int queued;
  CURLMsg *msg;
  while((msg = curl_multi_info_read(m, &queued)))
    if(msg->msg == CURLMSG_DONE)
      printf("done: %d\n", (int)msg->data.result);
}

int main(int argc, char **argv)
{
  struct buf body = {NULL, 0};
  CURL *h, *other;
  CURLM *m;
  CURLcode rc;
  CHECK(argc == 3);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));

  /* Easy: the perform that panics fails; the handle performs again, then is freed. */
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[1]));
  rc = curl_easy_perform(h);
  printf("easy, panicking: %s\n", rc == CURLE_OK ? "ok" : "failed");
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[2]));
  buf_reset(&body);
  rc = curl_easy_perform(h);
  printf("easy again: %d, body %s\n", (int)rc, body.data ? body.data : "(none)");

  /* Another handle freed right after its panic. */
  other = curl_easy_init();
  CHECK(other);
  OK(curl_easy_setopt(other, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(other, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(other, CURLOPT_URL, argv[1]));
  rc = curl_easy_perform(other);
  printf("other, panicking: %s\n", rc == CURLE_OK ? "ok" : "failed");
  curl_easy_cleanup(other);

  /* Multi: the call that panics fails; the multi and the handle work on. */
  m = curl_multi_init();
  CHECK(m);
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[1]));
  printf("add: %d\n", (int)curl_multi_add_handle(m, h));
  printf("multi, panicking: %s\n", run(m) == CURLM_OK ? "ok" : "failed");
  show_done(m);
  printf("remove: %d\n", (int)curl_multi_remove_handle(m, h));
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[2]));
  buf_reset(&body);
  printf("add again: %d\n", (int)curl_multi_add_handle(m, h));
  printf("multi again: %d\n", (int)run(m));
  show_done(m);
  printf("body %s\n", body.data ? body.data : "(none)");
  printf("remove: %d\n", (int)curl_multi_remove_handle(m, h));
  printf("multi cleanup: %d\n", (int)curl_multi_cleanup(m));

  /* Still fine on its own after all that. */
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[2]));
  buf_reset(&body);
  rc = curl_easy_perform(h);
  printf("easy at the end: %d, body %s\n", (int)rc, body.data ? body.data : "(none)");
  curl_easy_cleanup(h);
  free(body.data);
  curl_global_cleanup();
  return 0;
}
