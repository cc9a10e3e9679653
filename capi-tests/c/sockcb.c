/* The application's socket callbacks (CURLOPT_OPENSOCKETFUNCTION, CURLOPT_SOCKOPTFUNCTION,
 * CURLOPT_CLOSESOCKETFUNCTION), CURLOPT_HAPPY_EYEBALLS_TIMEOUT_MS, and which address family
 * wins when a name resolves to both.
 *
 * usage: sockcb MODE URL [RESOLVE-ENTRY]
 *   open      the open callback opens a normal socket; two transfers on one handle
 *   bad       the open callback returns CURL_SOCKET_BAD
 *   sockopt   the sockopt callback returns CURL_SOCKOPT_ERROR
 *   connected the open callback connects the socket itself; sockopt says so
 *   closeonly only a close callback: it is called for the library's own socket
 *   eyeballs  HAPPY_EYEBALLS_TIMEOUT_MS values, then a transfer
 *   resolve   a transfer with CURLOPT_RESOLVE set to RESOLVE-ENTRY
 *   shuffle0, shuffle1
 *             20 handles, each one transfer with CURLOPT_RESOLVE set to RESOLVE-ENTRY and
 *             CURLOPT_DNS_SHUFFLE_ADDRESSES 0 or 1; reports whether the first address
 *             tried was always the entry's first */
#include "testutil.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

static int opens, sockopts, closes, purpose_ok = 1, family_ok = 1;
static int sockopt_answer;
static int connect_itself;
static int tag;

static curl_socket_t on_open(void *clientp, curlsocktype purpose, struct curl_sockaddr *a)
{
  curl_socket_t s;
  CHECK(clientp == &opens);
  if(purpose != CURLSOCKTYPE_IPCXN)
    purpose_ok = 0;
  if(a->family != AF_INET && a->family != AF_INET6)
    family_ok = 0;
  if(a->socktype != SOCK_STREAM || a->addr.sa_family != a->family)
    family_ok = 0;
  opens++;
  s = socket(a->family, a->socktype, a->protocol);
  CHECK(s != CURL_SOCKET_BAD);
  if(connect_itself)
    CHECK(connect(s, &a->addr, a->addrlen) == 0);
  return s;
}

static curl_socket_t on_open_bad(void *clientp, curlsocktype purpose, struct curl_sockaddr *a)
{
  (void)purpose;
  (void)a;
  CHECK(clientp == &opens);
  opens++;
  return CURL_SOCKET_BAD;
}

static int on_sockopt(void *clientp, curl_socket_t fd, curlsocktype purpose)
{
  CHECK(clientp == &sockopts);
  CHECK(fd != CURL_SOCKET_BAD);
  if(purpose != CURLSOCKTYPE_IPCXN)
    purpose_ok = 0;
  sockopts++;
  return sockopt_answer;
}

static int on_close(void *clientp, curl_socket_t fd)
{
  CHECK(clientp == &tag);
  closes++;
  return close(fd);
}

/* The first address each handle tried, from its open callback. */
static char first_tried[64];

static curl_socket_t on_open_first(void *clientp, curlsocktype purpose, struct curl_sockaddr *a)
{
  (void)clientp;
  (void)purpose;
  if(!first_tried[0]) {
    CHECK(a->family == AF_INET);
    CHECK(inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)&a->addr)->sin_addr, first_tried,
                    sizeof(first_tried)));
  }
  return socket(a->family, a->socktype, a->protocol);
}

/* Fresh handles: the entry is loaded (and shuffled or not) into each one's own cache. */
static void shuffle_runs(const char *url, const char *entry, long shuffle)
{
  int i, always_first = 1, all_ok = 1;
  char listed_first[64];
  const char *colon = strchr(strchr(entry, ':') + 1, ':') + 1;
  size_t n = strcspn(colon, ",");
  CHECK(n < sizeof(listed_first));
  memcpy(listed_first, colon, n);
  listed_first[n] = 0;
  for(i = 0; i < 20; i++) {
    struct buf body = {NULL, 0};
    struct curl_slist *list = curl_slist_append(NULL, entry);
    CURL *h = curl_easy_init();
    CHECK(h && list);
    OK(curl_easy_setopt(h, CURLOPT_URL, url));
    OK(curl_easy_setopt(h, CURLOPT_RESOLVE, list));
    OK(curl_easy_setopt(h, CURLOPT_DNS_SHUFFLE_ADDRESSES, shuffle));
    OK(curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, on_open_first));
    OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
    OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
    first_tried[0] = 0;
    if(curl_easy_perform(h) != CURLE_OK)
      all_ok = 0;
    if(strcmp(first_tried, listed_first) != 0)
      always_first = 0;
    buf_reset(&body);
    curl_easy_cleanup(h);
    curl_slist_free_all(list);
  }
  printf("shuffle %ld: all transfers ok: %d, first address always the listed first: %d\n",
         shuffle, all_ok, always_first);
}

static CURLcode run(CURL *h, const char *what)
{
  struct buf body = {NULL, 0};
  CURLcode rc;
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  rc = curl_easy_perform(h);
  printf("%s: %d (%s), body \"%s\"\n", what, (int)rc, curl_easy_strerror(rc),
         body.data ? body.data : "");
  buf_reset(&body);
  return rc;
}

int main(int argc, char **argv)
{
  const char *mode;
  CURL *h;
  struct curl_slist *resolve = NULL;
  CHECK(argc >= 3);
  mode = argv[1];
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[2]));
  if(strcmp(mode, "closeonly") != 0 && strcmp(mode, "eyeballs") != 0 &&
     strcmp(mode, "resolve") != 0) {
    OK(curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION,
                        strcmp(mode, "bad") == 0 ? on_open_bad : on_open));
    OK(curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &opens));
    OK(curl_easy_setopt(h, CURLOPT_SOCKOPTFUNCTION, on_sockopt));
    OK(curl_easy_setopt(h, CURLOPT_SOCKOPTDATA, &sockopts));
  }
  if(strcmp(mode, "eyeballs") != 0 && strcmp(mode, "resolve") != 0) {
    OK(curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION, on_close));
    OK(curl_easy_setopt(h, CURLOPT_CLOSESOCKETDATA, &tag));
  }

  if(strcmp(mode, "open") == 0) {
    run(h, "first");
    run(h, "second, same connection");
  }
  else if(strcmp(mode, "bad") == 0) {
    run(h, "open refused");
  }
  else if(strcmp(mode, "sockopt") == 0) {
    sockopt_answer = CURL_SOCKOPT_ERROR;
    run(h, "sockopt error");
  }
  else if(strcmp(mode, "connected") == 0) {
    connect_itself = 1;
    sockopt_answer = CURL_SOCKOPT_ALREADY_CONNECTED;
    run(h, "already connected");
  }
  else if(strcmp(mode, "closeonly") == 0) {
    run(h, "library socket");
  }
  else if(strcmp(mode, "eyeballs") == 0) {
    printf("timeout 100: %d\n",
           (int)curl_easy_setopt(h, CURLOPT_HAPPY_EYEBALLS_TIMEOUT_MS, 100L));
    printf("timeout 0: %d\n", (int)curl_easy_setopt(h, CURLOPT_HAPPY_EYEBALLS_TIMEOUT_MS, 0L));
    printf("timeout -1: %d\n",
           (int)curl_easy_setopt(h, CURLOPT_HAPPY_EYEBALLS_TIMEOUT_MS, -1L));
    OK(curl_easy_setopt(h, CURLOPT_HAPPY_EYEBALLS_TIMEOUT_MS, 50L));
    run(h, "with a 50 ms delay");
  }
  else if(strcmp(mode, "resolve") == 0) {
    char *ip = NULL;
    CURLcode rc;
    CHECK(argc == 4);
    resolve = curl_slist_append(NULL, argv[3]);
    CHECK(resolve);
    OK(curl_easy_setopt(h, CURLOPT_RESOLVE, resolve));
    rc = run(h, "resolved");
    if(rc == CURLE_OK) {
      OK(curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip));
      printf("primary ip %s\n", ip ? ip : "(null)");
    }
  }
  else if(strcmp(mode, "shuffle0") == 0 || strcmp(mode, "shuffle1") == 0) {
    CHECK(argc == 4);
    shuffle_runs(argv[2], argv[3], mode[7] - '0');
  }
  else {
    CHECK(!"unknown mode");
  }
  curl_easy_cleanup(h);
  curl_slist_free_all(resolve);
  printf("after cleanup: open called %d, sockopt called %d, close called %d\n", opens, sockopts,
         closes);
  printf("purposes right: %d, addresses right: %d\n", purpose_ok, family_ok);
  curl_global_cleanup();
  return 0;
}
