/* CURLOPT_UNIX_SOCKET_PATH and CURLOPT_ABSTRACT_UNIX_SOCKET: HTTP over a Unix domain socket.
 * Two GETs on one handle (the second reuses the connection), with a proxy set that must not
 * be used; then the same handle with a path nobody listens on, and one too long for
 * sun_path. What getinfo reports is printed without the path itself (it differs per run).
 * usage: unix_socket URL PATH path|abstract */
#include "testutil.h"

static void report(CURL *h, const char *path, int is_abstract, CURLcode rc, struct buf *body,
                   const char *err)
{
  char *ip = NULL, *lip = NULL;
  long port = -1, lport = -1, connects = -1;
  printf("perform: %d (%s) [%s]\n", (int)rc, curl_easy_strerror(rc), err);
  print_quoted("body", body->data ? body->data : "", body->len);
  OK(curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip));
  OK(curl_easy_getinfo(h, CURLINFO_PRIMARY_PORT, &port));
  OK(curl_easy_getinfo(h, CURLINFO_LOCAL_IP, &lip));
  OK(curl_easy_getinfo(h, CURLINFO_LOCAL_PORT, &lport));
  OK(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects));
  printf("primary ip %s, port %ld, local ip \"%s\", local port %ld, connects %ld\n",
         !ip ? "NULL" : !strcmp(ip, is_abstract ? "" : path) ? "is the socket" : ip, port,
         lip ? lip : "NULL", lport, connects);
}

int main(int argc, char **argv)
{
  CURL *h;
  int i, is_abstract;
  char err[CURL_ERROR_SIZE];
  char missing[300], longpath[200];
  CURLoption opt;

  CHECK(argc == 4);
  is_abstract = !strcmp(argv[3], "abstract");
  opt = is_abstract ? CURLOPT_ABSTRACT_UNIX_SOCKET : CURLOPT_UNIX_SOCKET_PATH;
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[1]));
  OK(curl_easy_setopt(h, opt, argv[2]));
  OK(curl_easy_setopt(h, CURLOPT_PROXY, "http://127.0.0.1:1"));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err));
  for(i = 0; i < 3; i++) {
    struct buf body = {NULL, 0};
    CURLcode rc;
    err[0] = '\0';
    if(i == 2) {
      /* Another socket: a new connection, and nobody listens there. */
      snprintf(missing, sizeof(missing), "%s-missing", argv[2]);
      OK(curl_easy_setopt(h, opt, missing));
    }
    OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
    rc = curl_easy_perform(h);
    report(h, argv[2], is_abstract, rc, &body, i == 2 ? "(error text not compared)" : err);
    buf_reset(&body);
  }
  memset(longpath, 'a', sizeof(longpath) - 1);
  longpath[0] = '/';
  longpath[sizeof(longpath) - 1] = '\0';
  OK(curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, longpath));
  {
    struct buf body = {NULL, 0};
    CURLcode rc;
    err[0] = '\0';
    OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
    rc = curl_easy_perform(h);
    printf("long path: %d (%s) [%.40s]\n", (int)rc, curl_easy_strerror(rc), err);
    buf_reset(&body);
  }
  /* NULL turns it off again: the proxy applies, and nothing listens there. */
  OK(curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, NULL));
  {
    struct buf body = {NULL, 0};
    CURLcode rc;
    OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
    rc = curl_easy_perform(h);
    printf("after NULL: %d (%s)\n", (int)rc, curl_easy_strerror(rc));
    buf_reset(&body);
  }
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
