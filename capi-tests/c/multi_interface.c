/* Two easy handles in one multi handle, each bound to its own interface
 * (CURLOPT_INTERFACE), fetching the same URL round after round: each transfer prints the
 * local address it used and whether it made a new connection. A connection made for one
 * interface must never carry the other handle's request.
 *
 * usage: multi_interface URL IFACE-A IFACE-B ROUNDS [RESOLVE-ENTRY] */
#include "testutil.h"

int main(int argc, char **argv)
{
  CURLM *m;
  CURL *h[2];
  struct buf bodies[2] = {{NULL, 0}, {NULL, 0}};
  struct curl_slist *resolve = NULL;
  int rounds, r, i;
  CHECK(argc >= 5);
  rounds = atoi(argv[4]);
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  m = curl_multi_init();
  CHECK(m);
  if(argc > 5) {
    resolve = curl_slist_append(NULL, argv[5]);
    CHECK(resolve);
  }
  for(i = 0; i < 2; i++) {
    h[i] = curl_easy_init();
    CHECK(h[i]);
    OK(curl_easy_setopt(h[i], CURLOPT_URL, argv[1]));
    OK(curl_easy_setopt(h[i], CURLOPT_INTERFACE, argv[2 + i]));
    OK(curl_easy_setopt(h[i], CURLOPT_WRITEFUNCTION, buf_write));
    OK(curl_easy_setopt(h[i], CURLOPT_WRITEDATA, &bodies[i]));
    if(resolve)
      OK(curl_easy_setopt(h[i], CURLOPT_RESOLVE, resolve));
  }
  for(r = 0; r < rounds; r++) {
    int running = 1;
    for(i = 0; i < 2; i++)
      CHECK(curl_multi_add_handle(m, h[i]) == CURLM_OK);
    while(running) {
      CHECK(curl_multi_perform(m, &running) == CURLM_OK);
      if(running)
        CHECK(curl_multi_poll(m, NULL, 0, 1000, NULL) == CURLM_OK);
    }
    for(i = 0; i < 2; i++) {
      CURLMsg *msg;
      int queued;
      char *local = NULL;
      long connects = -1;
      while((msg = curl_multi_info_read(m, &queued)))
        CHECK(msg->msg == CURLMSG_DONE && msg->data.result == CURLE_OK);
      OK(curl_easy_getinfo(h[i], CURLINFO_LOCAL_IP, &local));
      OK(curl_easy_getinfo(h[i], CURLINFO_NUM_CONNECTS, &connects));
      printf("round %d handle %d: local %s, new connections %ld, body %s\n", r, i,
             local ? local : "(null)", connects, bodies[i].data ? bodies[i].data : "");
      buf_reset(&bodies[i]);
      CHECK(curl_multi_remove_handle(m, h[i]) == CURLM_OK);
    }
  }
  for(i = 0; i < 2; i++)
    curl_easy_cleanup(h[i]);
  CHECK(curl_multi_cleanup(m) == CURLM_OK);
  curl_slist_free_all(resolve);
  curl_global_cleanup();
  return 0;
}
