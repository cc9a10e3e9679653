/* CURLOPT_NETRC and CURLOPT_NETRC_FILE: credentials from a .netrc file for the request's
 * host, optional or required, with and without credentials in the URL.
 *
 * usage: netrc NETRC-FILE URL-WITH-HOST URL-WITH-USER MISSING-FILE
 *   each step prints the transfer's result and error buffer; the server sees the
 *   Authorization headers */
#include "testutil.h"

static void run(const char *what, const char *url, long mode, const char *file)
{
  CURL *h = curl_easy_init();
  struct buf body = {NULL, 0};
  char errbuf[CURL_ERROR_SIZE] = "";
  CURLcode rc;
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_NETRC, mode));
  if(file)
    OK(curl_easy_setopt(h, CURLOPT_NETRC_FILE, file));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
  rc = curl_easy_perform(h);
  printf("%s: %d (%s)\n", what, (int)rc, errbuf);
  buf_reset(&body);
  curl_easy_cleanup(h);
}

int main(int argc, char **argv)
{
  CURL *h;
  CHECK(argc == 5);
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  h = curl_easy_init();
  CHECK(h);
  printf("NETRC 3: %d\n", (int)curl_easy_setopt(h, CURLOPT_NETRC, 3L));
  printf("NETRC -1: %d\n", (int)curl_easy_setopt(h, CURLOPT_NETRC, -1L));
  curl_easy_cleanup(h);
  run("optional", argv[2], CURL_NETRC_OPTIONAL, argv[1]);
  run("optional, user in the URL", argv[3], CURL_NETRC_OPTIONAL, argv[1]);
  run("required, user in the URL", argv[3], CURL_NETRC_REQUIRED, argv[1]);
  run("ignored", argv[2], CURL_NETRC_IGNORED, argv[1]);
  run("missing file", argv[2], CURL_NETRC_OPTIONAL, argv[4]);
  curl_global_cleanup();
  return 0;
}
