/* A plain GET: the body through a write callback, the header lines through a header
 * callback, and the transfer's getinfo values.
 * usage: get URL */
#include "testutil.h"

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *userp)
{
  (void)userp;
  print_quoted("header", ptr, size * nmemb);
  return size * nmemb;
}

int main(int argc, char **argv)
{
  CURL *h;
  CURLcode rc;
  struct buf body = {NULL, 0};
  long code = -1, connects = -1, header_size = -1, request_size = -1, port = -1;
  long version = -1;
  char *ctype = NULL, *url = NULL, *method = NULL, *ip = NULL, *scheme = NULL;
  curl_off_t size = -1, length = -1;

  CHECK(argc == 2);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[1]));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header));

  rc = curl_easy_perform(h);
  printf("perform: %d (%s)\n", (int)rc, curl_easy_strerror(rc));
  print_quoted("body", body.data ? body.data : "", body.len);

  OK(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code));
  OK(curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ctype));
  OK(curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &size));
  OK(curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length));
  OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &url));
  OK(curl_easy_getinfo(h, CURLINFO_EFFECTIVE_METHOD, &method));
  OK(curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects));
  OK(curl_easy_getinfo(h, CURLINFO_HEADER_SIZE, &header_size));
  OK(curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &request_size));
  OK(curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip));
  OK(curl_easy_getinfo(h, CURLINFO_PRIMARY_PORT, &port));
  OK(curl_easy_getinfo(h, CURLINFO_HTTP_VERSION, &version));
  OK(curl_easy_getinfo(h, CURLINFO_SCHEME, &scheme));
  printf("response code %ld\n", code);
  printf("content type %s\n", ctype ? ctype : "NULL");
  printf("size download %ld\n", (long)size);
  printf("content length %ld\n", (long)length);
  printf("effective url %s\n", url ? url : "NULL");
  printf("effective method %s\n", method ? method : "NULL");
  printf("num connects %ld\n", connects);
  printf("header size %ld\n", header_size);
  printf("request size %ld\n", request_size);
  printf("primary ip %s port %ld\n", ip ? ip : "NULL", port);
  printf("http version %ld\n", version);
  printf("scheme %s\n", scheme ? scheme : "NULL");

  buf_reset(&body);
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
