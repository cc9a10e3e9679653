/* One HTTP feature per run, chosen by MODE, on one easy handle; everything observable about
 * each transfer is printed: the result and error buffer, the header lines (header callback),
 * the body, and the getinfo values.
 * usage: requests MODE URL [ARG]
 *   get            plain GET
 *   get2           two plain GETs on the same handle (connection reuse)
 *   http10         HTTP_VERSION 1.0, two GETs
 *   post_big       POSTFIELDS of 1,100,000 bytes (over libcurl's 1 MiB Expect threshold),
 *                  EXPECT_100_TIMEOUT_MS 200
 *   post_big_noexpect  the same with "Expect:" in HTTPHEADER (header removed)
 *   post_chunked   POST of unknown size from a READFUNCTION (chunked), EXPECT_100_TIMEOUT_MS 200
 *   ifmodsince     TIMECONDITION IFMODSINCE, TIMEVALUE 1700000000
 *   ifunmodsince   TIMECONDITION IFUNMODSINCE, TIMEVALUE 1700000000
 *   resume         RESUME_FROM_LARGE 10
 *   range          RANGE "0-4,10-"
 *   delete         CUSTOMREQUEST "DELETE"
 *   head           NOBODY, then a GET on the same handle
 *   follow         FOLLOWLOCATION
 *   userpwd_follow       USERPWD + FOLLOWLOCATION
 *   userpwd_unrestricted the same + UNRESTRICTED_AUTH
 *   autoreferer    FOLLOWLOCATION + AUTOREFERER, and CURLINFO_REFERER printed
 *   resolve        RESOLVE [ARG]
 *   connect_to     CONNECT_TO [ARG]
 *   maxfilesize    MAXFILESIZE 10
 *   lowspeed       LOW_SPEED_LIMIT 1000 bytes/s over LOW_SPEED_TIME 1 s
 *   timeout        TIMEOUT_MS 500
 *   debug          VERBOSE + DEBUGFUNCTION printing the HEADER_OUT and HEADER_IN data, two GETs
 *                  (no header callback, so only the debug data is compared)
 *   debug_order    the same with the header callback too: the order of the two calls
 *   header         HEADER 1 (the head goes to the write callback too)
 *   filetime       FILETIME 1
 *   protocol       plain GET, and CURLINFO_PROTOCOL printed too
 * The error buffer's "after N milliseconds"/"after N ms" is printed as "after #": only that
 * number depends on timing. */
#include "testutil.h"

#define BIG_POST 1100000

/* Some values are printed only by the modes about them: one wrong value there would
 * otherwise hide everything else the other modes compare. HEADER_SIZE and REQUEST_SIZE add
 * up over the redirects libcurl follows, which the "follow" mode shows on its own. */
static int print_protocol, print_referer, print_sizes = 1;

struct source {
  const char *data;
  size_t len, pos, step;
};

static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct source *s = (struct source *)userp;
  size_t n = size * nmemb;
  if(n > s->step)
    n = s->step;
  if(n > s->len - s->pos)
    n = s->len - s->pos;
  memcpy(ptr, s->data + s->pos, n);
  s->pos += n;
  return n;
}

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *userp)
{
  (void)userp;
  if(size * nmemb > 200)
    printf("  header: %lu bytes\n", (unsigned long)(size * nmemb));
  else
    print_quoted("  header", ptr, size * nmemb);
  return size * nmemb;
}

static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *userp)
{
  (void)h;
  (void)userp;
  /* Informational text differs between implementations in wording and detail; the header
   * data is what went over the wire and must be identical. */
  if(type == CURLINFO_HEADER_OUT)
    print_quoted("  debug header out", data, size);
  else if(type == CURLINFO_HEADER_IN)
    print_quoted("  debug header in", data, size);
  return 0;
}

static void print_errbuf(const char *errbuf)
{
  const char *p = errbuf;
  printf("  error buffer \"");
  while(*p) {
    if(!strncmp(p, "after ", 6) && p[6] >= '0' && p[6] <= '9') {
      printf("after #");
      p += 6;
      while(*p >= '0' && *p <= '9')
        p++;
    }
    else
      putchar(*p++);
  }
  printf("\"\n");
}

static const char *str(const char *s)
{
  return s ? s : "NULL";
}

static void report(CURL *h, int n, CURLcode rc, const char *errbuf, struct buf *body)
{
  long code = -1, version = -1, connects = -1, unmet = -1, redirects = -1, port = -1;
  long header_size = -1, request_size = -1, protocol = -1;
  char *method = NULL, *scheme = NULL, *ip = NULL, *local_ip = NULL, *url = NULL;
  char *referer = NULL;
  curl_off_t up = -1, down = -1, length = -1, filetime = -1;

  printf("perform %d: %d (%s)\n", n, (int)rc, curl_easy_strerror(rc));
  print_errbuf(errbuf);
  if(body->len > 200)
    printf("  body: %lu bytes\n", (unsigned long)body->len);
  else
    print_quoted("  body", body->data ? body->data : "", body->len);
  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  OK(curl_easy_getinfo(h, CURLINFO_HTTP_VERSION, &version));
  OK(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects));
  OK(curl_easy_getinfo(h, CURLINFO_CONDITION_UNMET, &unmet));
  OK(curl_easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &redirects));
  OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &url));
  OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_METHOD, &method));
  OK(curl_easy_getinfo(h, CURLINFO_SCHEME, &scheme));
  OK(curl_easy_getinfo(h, CURLINFO_REFERER, &referer));
  OK(curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip));
  OK(curl_easy_getinfo(h, CURLINFO_PRIMARY_PORT, &port));
  OK(curl_easy_getinfo(h, CURLINFO_LOCAL_IP, &local_ip));
  OK(curl_easy_getinfo(h, CURLINFO_HEADER_SIZE, &header_size));
  OK(curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &request_size));
  OK(curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &up));
  OK(curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &down));
  OK(curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length));
  OK(curl_easy_getinfo(h, CURLINFO_FILETIME_T, &filetime));
  printf("  code %ld, http version %ld, connects %ld, condition unmet %ld, redirects %ld\n",
         code, version, connects, unmet, redirects);
  printf("  url %s, method %s, scheme %s\n", str(url), str(method), str(scheme));
  if(print_referer)
    printf("  referer %s\n", str(referer));
  if(print_protocol) {
    OK(curl_easy_getinfo(h, CURLINFO_PROTOCOL, &protocol));
    printf("  protocol %ld\n", protocol);
  }
  printf("  primary ip %s port %ld, local ip %s\n", str(ip), port, str(local_ip));
  if(print_sizes)
    printf("  header size %ld, request size %ld\n", header_size, request_size);
  printf("  uploaded %ld, downloaded %ld, content length %ld, filetime %ld\n", (long)up,
         (long)down, (long)length, (long)filetime);
}

int main(int argc, char **argv)
{
  CURL *h;
  const char *mode;
  char errbuf[CURL_ERROR_SIZE];
  struct curl_slist *list = NULL;
  char *big = NULL;
  struct source src = {"a chunked body from a read callback", 0, 0, 10};
  int i, performs = 1;

  CHECK(argc == 3 || argc == 4);
  mode = argv[1];
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[2]));
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  /* A test must never hang on a library bug. */
  OK(curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L));

  if(!strcmp(mode, "get"))
    ;
  else if(!strcmp(mode, "protocol"))
    print_protocol = 1;
  else if(!strcmp(mode, "get2"))
    performs = 2;
  else if(!strcmp(mode, "http10")) {
    OK(curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_0));
    performs = 2;
  }
  else if(!strcmp(mode, "post_big") || !strcmp(mode, "post_big_noexpect")) {
    big = (char *)malloc(BIG_POST);
    CHECK(big);
    for(i = 0; i < BIG_POST; i++)
      big[i] = (char)('a' + i % 26);
    OK(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)BIG_POST));
    OK(curl_easy_setopt(h, CURLOPT_POSTFIELDS, big));
    OK(curl_easy_setopt(h, CURLOPT_EXPECT_100_TIMEOUT_MS, 200L));
    if(!strcmp(mode, "post_big_noexpect")) {
      list = curl_slist_append(list, "Expect:");
      CHECK(list);
      OK(curl_easy_setopt(h, CURLOPT_HTTPHEADER, list));
    }
  }
  else if(!strcmp(mode, "post_chunked")) {
    src.len = strlen(src.data);
    OK(curl_easy_setopt(h, CURLOPT_POST, 1L));
    OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb));
    OK(curl_easy_setopt(h, CURLOPT_READDATA, &src));
    OK(curl_easy_setopt(h, CURLOPT_EXPECT_100_TIMEOUT_MS, 200L));
  }
  else if(!strcmp(mode, "ifmodsince") || !strcmp(mode, "ifunmodsince")) {
    OK(curl_easy_setopt(h, CURLOPT_TIMECONDITION,
                        !strcmp(mode, "ifmodsince") ? (long)CURL_TIMECOND_IFMODSINCE
                                                    : (long)CURL_TIMECOND_IFUNMODSINCE));
    OK(curl_easy_setopt(h, CURLOPT_TIMEVALUE, 1700000000L));
  }
  else if(!strcmp(mode, "resume"))
    OK(curl_easy_setopt(h, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)10));
  else if(!strcmp(mode, "range"))
    OK(curl_easy_setopt(h, CURLOPT_RANGE, "0-4,10-"));
  else if(!strcmp(mode, "delete"))
    OK(curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "DELETE"));
  else if(!strcmp(mode, "head")) {
    OK(curl_easy_setopt(h, CURLOPT_NOBODY, 1L));
    performs = 2;
  }
  else if(!strcmp(mode, "follow"))
    OK(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
  else if(!strcmp(mode, "userpwd_follow") || !strcmp(mode, "userpwd_unrestricted")) {
    print_sizes = 0;
    OK(curl_easy_setopt(h, CURLOPT_USERPWD, "user:secret"));
    OK(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
    if(!strcmp(mode, "userpwd_unrestricted"))
      OK(curl_easy_setopt(h, CURLOPT_UNRESTRICTED_AUTH, 1L));
  }
  else if(!strcmp(mode, "autoreferer")) {
    print_sizes = 0;
    print_referer = 1;
    OK(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
    OK(curl_easy_setopt(h, CURLOPT_AUTOREFERER, 1L));
  }
  else if(!strcmp(mode, "resolve") || !strcmp(mode, "connect_to")) {
    CHECK(argc == 4);
    list = curl_slist_append(list, argv[3]);
    CHECK(list);
    OK(curl_easy_setopt(h, !strcmp(mode, "resolve") ? CURLOPT_RESOLVE : CURLOPT_CONNECT_TO,
                        list));
  }
  else if(!strcmp(mode, "maxfilesize"))
    OK(curl_easy_setopt(h, CURLOPT_MAXFILESIZE, 10L));
  else if(!strcmp(mode, "lowspeed")) {
    OK(curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1000L));
    OK(curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 1L));
  }
  else if(!strcmp(mode, "timeout"))
    OK(curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 500L));
  else if(!strcmp(mode, "debug") || !strcmp(mode, "debug_order")) {
    OK(curl_easy_setopt(h, CURLOPT_VERBOSE, 1L));
    OK(curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug));
    performs = 2;
  }
  else if(!strcmp(mode, "header"))
    OK(curl_easy_setopt(h, CURLOPT_HEADER, 1L));
  else if(!strcmp(mode, "filetime"))
    OK(curl_easy_setopt(h, CURLOPT_FILETIME, 1L));
  else {
    fprintf(stderr, "unknown mode %s\n", mode);
    return 1;
  }

  if(strcmp(mode, "debug"))
    OK(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header));

  for(i = 1; i <= performs; i++) {
    struct buf body = {NULL, 0};
    CURLcode rc;
    OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
    errbuf[0] = '\0';
    rc = curl_easy_perform(h);
    report(h, i, rc, errbuf, &body);
    buf_reset(&body);
    if(!strcmp(mode, "head"))
      /* The second transfer is a GET on the connection the HEAD left. */
      OK(curl_easy_setopt(h, CURLOPT_HTTPGET, 1L));
  }

  curl_easy_cleanup(h);
  curl_slist_free_all(list);
  free(big);
  curl_global_cleanup();
  return 0;
}
