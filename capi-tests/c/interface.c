/* Local binding: CURLOPT_INTERFACE, CURLOPT_LOCALPORT(RANGE), CURLOPT_IPRESOLVE and
 * CURLOPT_RESOLVE set on one handle, transfers performed on it, and what each transfer
 * reports. The arguments are steps, applied in order:
 *
 *   url=URL            CURLOPT_URL
 *   if=STRING          CURLOPT_INTERFACE (if-null: NULL)
 *   resolve=ENTRY      adds a CURLOPT_RESOLVE entry
 *   ipresolve=4|6|any  CURLOPT_IPRESOLVE
 *   localport=N        CURLOPT_LOCALPORT
 *   range=N            CURLOPT_LOCALPORTRANGE
 *   connecttimeout=N   CURLOPT_CONNECTTIMEOUT (seconds)
 *   verbose            CURLOPT_VERBOSE (to stderr)
 *   perform            one transfer; prints its result as "perform N" and indented
 *                      "key value" lines
 *
 * usage: interface STEP... */
#include "testutil.h"

static void show_string(CURL *h, const char *key, CURLINFO info)
{
  char *s = NULL;
  OK(curl_easy_getinfo(h, info, &s));
  CHECK(s);
  printf("  %s %s\n", key, s);
}

static void show_long(CURL *h, const char *key, CURLINFO info)
{
  long v = -1;
  OK(curl_easy_getinfo(h, info, &v));
  printf("  %s %ld\n", key, v);
}

int main(int argc, char **argv)
{
  CURL *h;
  struct curl_slist *resolve = NULL;
  char errbuf[CURL_ERROR_SIZE];
  int i, performs = 0;

  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
  for(i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *eq = strchr(a, '=');
    const char *v = eq ? eq + 1 : "";
    size_t klen = eq ? (size_t)(eq - a) : strlen(a);
#define KEY(k) (klen == strlen(k) && !strncmp(a, k, klen))
    if(KEY("url"))
      OK(curl_easy_setopt(h, CURLOPT_URL, v));
    else if(KEY("if"))
      OK(curl_easy_setopt(h, CURLOPT_INTERFACE, v));
    else if(KEY("if-null"))
      OK(curl_easy_setopt(h, CURLOPT_INTERFACE, (char *)NULL));
    else if(KEY("resolve")) {
      resolve = curl_slist_append(resolve, v);
      CHECK(resolve);
      OK(curl_easy_setopt(h, CURLOPT_RESOLVE, resolve));
    }
    else if(KEY("ipresolve")) {
      long r = !strcmp(v, "4") ? CURL_IPRESOLVE_V4 :
               !strcmp(v, "6") ? CURL_IPRESOLVE_V6 : CURL_IPRESOLVE_WHATEVER;
      OK(curl_easy_setopt(h, CURLOPT_IPRESOLVE, r));
    }
    else if(KEY("localport"))
      OK(curl_easy_setopt(h, CURLOPT_LOCALPORT, atol(v)));
    else if(KEY("range"))
      OK(curl_easy_setopt(h, CURLOPT_LOCALPORTRANGE, atol(v)));
    else if(KEY("connecttimeout"))
      OK(curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, atol(v)));
    else if(KEY("verbose"))
      OK(curl_easy_setopt(h, CURLOPT_VERBOSE, 1L));
    else if(KEY("perform")) {
      struct buf body = {NULL, 0};
      CURLcode rc;
      OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
      OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
      errbuf[0] = '\0';
      rc = curl_easy_perform(h);
      printf("perform %d\n", ++performs);
      printf("  rc %d\n", (int)rc);
      printf("  errbuf %s\n", errbuf);
      show_long(h, "code", CURLINFO_RESPONSE_CODE);
      show_string(h, "primary_ip", CURLINFO_PRIMARY_IP);
      show_long(h, "primary_port", CURLINFO_PRIMARY_PORT);
      show_string(h, "local_ip", CURLINFO_LOCAL_IP);
      show_long(h, "local_port", CURLINFO_LOCAL_PORT);
      show_long(h, "connects", CURLINFO_NUM_CONNECTS);
      show_long(h, "os_errno", CURLINFO_OS_ERRNO);
      printf("  body %s\n", body.data ? body.data : "");
      buf_reset(&body);
    }
    else {
      fprintf(stderr, "unknown step %s\n", a);
      return 1;
    }
#undef KEY
  }
  curl_easy_cleanup(h);
  curl_slist_free_all(resolve);
  curl_global_cleanup();
  return 0;
}
