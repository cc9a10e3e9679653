/* HTTPS transfers as a libcurl user makes them: trust settings, verification switches,
 * pinned keys, client certificates, TLS versions and ciphers, reuse and session sharing.
 * Every transfer prints its result, error buffer, response code, new connections, the
 * verification result and the body.
 * usage: https MODE URL CA [ARG...]
 *   get                    CAINFO CA, a GET
 *   default_ca             no CAINFO (the default bundle, which lacks the test CA), a GET
 *   verify PEER HOST       CAINFO CA, SSL_VERIFYPEER PEER, SSL_VERIFYHOST HOST, a GET
 *   blob                   CAINFO_BLOB with CA's bytes (CAINFO a missing file), a GET
 *   capath DIR             CAPATH DIR, CAINFO a file without the CA, a GET
 *   bad_cainfo             CAINFO a missing file, a GET
 *   pin PIN                PINNEDPUBLICKEY PIN, a GET
 *   client CERT KEY TYPE   SSLCERT CERT, SSLKEY KEY (or none for "-"), both of TYPE, a GET
 *   client_blob CERT KEY   SSLCERT_BLOB and SSLKEY_BLOB from PEM files, a GET
 *   sslversion VALUE       SSLVERSION VALUE (a number), a GET
 *   ciphers LIST TLS13     SSL_CIPHER_LIST LIST and TLS13_CIPHERS TLS13 ("-": not set)
 *   reuse                  GET, GET, GET with VERIFYPEER 0, GET: which ones connect anew
 *   sessions SHARE         two easy handles, one GET each, their own connections; with
 *                          SHARE "share" they share CURL_LOCK_DATA_SSL_SESSION
 *   multi N                N GETs at once in a multi handle
 *   info                   a GET, then APPCONNECT_TIME and TLS_SSL_PTR's backend
 *   crl FILE               CRLFILE FILE, a GET
 *   small_buffer           BUFFERSIZE 1024, a GET; the body's length and checksum
 *   interface NAME         INTERFACE NAME, a GET
 *   fresh [nocache]        FORBID_REUSE 1, two GETs (each on a new connection); with
 *                          "nocache", SSL_SESSIONID_CACHE 0
 *   no_alpn                SSL_ENABLE_ALPN 0, a GET
 *   issuer FILE            ISSUERCERT FILE, a GET
 *   issuer_blob FILE       ISSUERCERT_BLOB with FILE's bytes, a GET
 *   issuer_unverified FILE ISSUERCERT FILE, SSL_VERIFYPEER 0, SSL_VERIFYHOST 0, a GET
 *   curves LIST            SSL_EC_CURVES LIST, a GET
 *   status [unverified]    SSL_VERIFYSTATUS 1 (with "unverified", SSL_VERIFYPEER 0), a GET
 *   certinfo [off]         CERTINFO 1 (not with "off"), two GETs on one connection; the
 *                          CERTINFO struct before, after each (every line of every
 *                          certificate) */
#include "testutil.h"

#include <errno.h>

static char errbuf[CURL_ERROR_SIZE];

static CURL *handle(const char *url, const char *ca, struct buf *body)
{
  CURL *h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  if(ca)
    OK(curl_easy_setopt(h, CURLOPT_CAINFO, ca));
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, body));
  return h;
}

static void report(CURL *h, CURLcode rc, struct buf *body, const char *what)
{
  long code = 0, connects = 0, verify = -1;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects);
  curl_easy_getinfo(h, CURLINFO_SSL_VERIFYRESULT, &verify);
  printf("%s: %d (%s)\n", what, (int)rc, curl_easy_strerror(rc));
  printf("  error buffer \"%s\"\n", errbuf);
  printf("  code %ld, connects %ld, verify result %ld\n", code, connects, verify);
  print_quoted("  body", body->data ? body->data : "", body->len);
}

static CURLcode perform(CURL *h, struct buf *body, const char *what)
{
  CURLcode rc;
  errbuf[0] = '\0';
  buf_reset(body);
  rc = curl_easy_perform(h);
  report(h, rc, body, what);
  return rc;
}

static void print_certinfo(CURL *h, const char *when)
{
  struct curl_certinfo *ci = NULL;
  int i;
  OK(curl_easy_getinfo(h, CURLINFO_CERTINFO, &ci));
  if(!ci) {
    printf("certinfo %s: NULL\n", when);
    return;
  }
  printf("certinfo %s: %d certificates\n", when, ci->num_of_certs);
  for(i = 0; i < ci->num_of_certs; i++) {
    struct curl_slist *l;
    printf(" certificate %d\n", i);
    for(l = ci->certinfo[i]; l; l = l->next)
      print_quoted("  ", l->data, strlen(l->data));
  }
}

static struct curl_blob file_blob(const char *path)
{
  struct curl_blob b = {NULL, 0, CURL_BLOB_COPY};
  static char data[3][16384];
  static int next;
  FILE *f = fopen(path, "rb");
  CHECK(f);
  CHECK(next < 3);
  b.data = data[next++];
  b.len = fread(b.data, 1, sizeof(data[0]), f);
  fclose(f);
  return b;
}

static void sessions(const char *url, const char *ca, int share_sessions)
{
  struct buf body = {NULL, 0};
  CURLSH *sh = curl_share_init();
  CURL *a = handle(url, ca, &body);
  CURL *b = handle(url, ca, &body);
  CHECK(sh);
  if(share_sessions)
    CHECK(curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) == CURLSHE_OK);
  OK(curl_easy_setopt(a, CURLOPT_SHARE, sh));
  OK(curl_easy_setopt(b, CURLOPT_SHARE, sh));
  perform(a, &body, "first handle");
  perform(b, &body, "second handle");
  curl_easy_cleanup(a);
  curl_easy_cleanup(b);
  curl_share_cleanup(sh);
  buf_reset(&body);
}

static void multi(const char *url, const char *ca, int n)
{
  CURLM *m = curl_multi_init();
  CURL *h[16];
  struct buf bodies[16];
  int i, running = 1, done = 0;
  CHECK(m && n > 0 && n <= 16);
  for(i = 0; i < n; i++) {
    bodies[i].data = NULL;
    bodies[i].len = 0;
    h[i] = handle(url, ca, &bodies[i]);
    CHECK(curl_multi_add_handle(m, h[i]) == CURLM_OK);
  }
  while(running) {
    CHECK(curl_multi_perform(m, &running) == CURLM_OK);
    if(running)
      CHECK(curl_multi_poll(m, NULL, 0, 1000, NULL) == CURLM_OK);
  }
  for(;;) {
    int left;
    CURLMsg *msg = curl_multi_info_read(m, &left);
    if(!msg)
      break;
    if(msg->msg == CURLMSG_DONE && msg->data.result == CURLE_OK)
      done++;
  }
  printf("multi: %d of %d transfers done\n", done, n);
  for(i = 0; i < n; i++) {
    long code = 0;
    curl_easy_getinfo(h[i], CURLINFO_RESPONSE_CODE, &code);
    printf("  transfer %d: code %ld, %lu body bytes\n", i, code, (unsigned long)bodies[i].len);
    curl_multi_remove_handle(m, h[i]);
    curl_easy_cleanup(h[i]);
    buf_reset(&bodies[i]);
  }
  curl_multi_cleanup(m);
}

int main(int argc, char **argv)
{
  const char *mode, *url, *ca;
  struct buf body = {NULL, 0};
  CURL *h;
  CHECK(argc >= 4);
  mode = argv[1];
  url = argv[2];
  ca = argv[3];
  CHECK(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
  if(!strcmp(mode, "sessions")) {
    CHECK(argc == 5);
    sessions(url, ca, !strcmp(argv[4], "share"));
    curl_global_cleanup();
    return 0;
  }
  if(!strcmp(mode, "multi")) {
    CHECK(argc == 5);
    multi(url, ca, atoi(argv[4]));
    curl_global_cleanup();
    return 0;
  }
  h = handle(url, strcmp(mode, "default_ca") ? ca : NULL, &body);
  if(!strcmp(mode, "get") || !strcmp(mode, "default_ca")) {
    perform(h, &body, "get");
  }
  else if(!strcmp(mode, "verify")) {
    CHECK(argc == 6);
    OK(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, atol(argv[4])));
    OK(curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, atol(argv[5])));
    perform(h, &body, "verify");
  }
  else if(!strcmp(mode, "blob")) {
    struct curl_blob b = file_blob(ca);
    OK(curl_easy_setopt(h, CURLOPT_CAINFO, "/nonexistent/ca.pem"));
    OK(curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &b));
    perform(h, &body, "blob");
  }
  else if(!strcmp(mode, "capath")) {
    CHECK(argc == 5);
    OK(curl_easy_setopt(h, CURLOPT_CAPATH, argv[4]));
    OK(curl_easy_setopt(h, CURLOPT_CAINFO, NULL));
    perform(h, &body, "capath");
  }
  else if(!strcmp(mode, "bad_cainfo")) {
    OK(curl_easy_setopt(h, CURLOPT_CAINFO, "/nonexistent/ca.pem"));
    perform(h, &body, "bad cainfo");
  }
  else if(!strcmp(mode, "pin")) {
    CHECK(argc == 5);
    OK(curl_easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, argv[4]));
    perform(h, &body, "pin");
  }
  else if(!strcmp(mode, "client")) {
    CHECK(argc == 7);
    OK(curl_easy_setopt(h, CURLOPT_SSLCERT, argv[4]));
    OK(curl_easy_setopt(h, CURLOPT_SSLCERTTYPE, argv[6]));
    if(strcmp(argv[5], "-")) {
      OK(curl_easy_setopt(h, CURLOPT_SSLKEY, argv[5]));
      OK(curl_easy_setopt(h, CURLOPT_SSLKEYTYPE, argv[6]));
    }
    perform(h, &body, "client certificate");
  }
  else if(!strcmp(mode, "client_blob")) {
    struct curl_blob cert, key;
    CHECK(argc == 6);
    cert = file_blob(argv[4]);
    key = file_blob(argv[5]);
    OK(curl_easy_setopt(h, CURLOPT_SSLCERT_BLOB, &cert));
    OK(curl_easy_setopt(h, CURLOPT_SSLKEY_BLOB, &key));
    perform(h, &body, "client certificate blob");
  }
  else if(!strcmp(mode, "sslversion")) {
    CHECK(argc == 5);
    printf("setopt: %d\n", (int)curl_easy_setopt(h, CURLOPT_SSLVERSION, atol(argv[4])));
    perform(h, &body, "sslversion");
  }
  else if(!strcmp(mode, "ciphers")) {
    CHECK(argc == 6);
    if(strcmp(argv[4], "-"))
      OK(curl_easy_setopt(h, CURLOPT_SSL_CIPHER_LIST, argv[4]));
    if(strcmp(argv[5], "-"))
      OK(curl_easy_setopt(h, CURLOPT_TLS13_CIPHERS, argv[5]));
    perform(h, &body, "ciphers");
  }
  else if(!strcmp(mode, "reuse")) {
    perform(h, &body, "first");
    perform(h, &body, "second, same settings");
    OK(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L));
    perform(h, &body, "third, without verification");
    OK(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L));
    perform(h, &body, "fourth, verifying again");
  }
  else if(!strcmp(mode, "crl")) {
    CHECK(argc == 5);
    OK(curl_easy_setopt(h, CURLOPT_CRLFILE, argv[4]));
    perform(h, &body, "crl");
  }
  else if(!strcmp(mode, "small_buffer")) {
    unsigned long sum = 0;
    size_t i;
    OK(curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 1024L));
    errbuf[0] = '\0';
    printf("small buffer: %d\n", (int)curl_easy_perform(h));
    for(i = 0; i < body.len; i++)
      sum = (sum * 31 + (unsigned char)body.data[i]) % 1000000007UL;
    printf("  %lu body bytes, checksum %lu\n", (unsigned long)body.len, sum);
  }
  else if(!strcmp(mode, "interface")) {
    CHECK(argc == 5);
    OK(curl_easy_setopt(h, CURLOPT_INTERFACE, argv[4]));
    perform(h, &body, "interface");
  }
  else if(!strcmp(mode, "fresh")) {
    OK(curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L));
    if(argc == 5 && !strcmp(argv[4], "nocache"))
      OK(curl_easy_setopt(h, CURLOPT_SSL_SESSIONID_CACHE, 0L));
    perform(h, &body, "first");
    perform(h, &body, "second");
  }
  else if(!strcmp(mode, "no_alpn")) {
    OK(curl_easy_setopt(h, CURLOPT_SSL_ENABLE_ALPN, 0L));
    perform(h, &body, "no alpn");
  }
  else if(!strcmp(mode, "issuer")) {
    CHECK(argc == 5);
    OK(curl_easy_setopt(h, CURLOPT_ISSUERCERT, argv[4]));
    perform(h, &body, "issuer");
  }
  else if(!strcmp(mode, "issuer_blob")) {
    struct curl_blob b;
    CHECK(argc == 5);
    b = file_blob(argv[4]);
    OK(curl_easy_setopt(h, CURLOPT_ISSUERCERT_BLOB, &b));
    perform(h, &body, "issuer blob");
  }
  else if(!strcmp(mode, "issuer_unverified")) {
    CHECK(argc == 5);
    OK(curl_easy_setopt(h, CURLOPT_ISSUERCERT, argv[4]));
    OK(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L));
    OK(curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L));
    perform(h, &body, "issuer unverified");
  }
  else if(!strcmp(mode, "curves")) {
    CHECK(argc == 5);
    OK(curl_easy_setopt(h, CURLOPT_SSL_EC_CURVES, argv[4]));
    perform(h, &body, "curves");
  }
  else if(!strcmp(mode, "status")) {
    OK(curl_easy_setopt(h, CURLOPT_SSL_VERIFYSTATUS, 1L));
    if(argc == 5 && !strcmp(argv[4], "unverified"))
      OK(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L));
    perform(h, &body, "status");
  }
  else if(!strcmp(mode, "certinfo")) {
    print_certinfo(h, "before");
    if(argc == 4)
      OK(curl_easy_setopt(h, CURLOPT_CERTINFO, 1L));
    perform(h, &body, "first");
    print_certinfo(h, "after the first");
    perform(h, &body, "second");
    print_certinfo(h, "after the second");
  }
  else if(!strcmp(mode, "info")) {
    curl_off_t appconnect = 0, connect = 0;
    struct curl_tlssessioninfo *tls = NULL;
    perform(h, &body, "get");
    OK(curl_easy_getinfo(h, CURLINFO_APPCONNECT_TIME_T, &appconnect));
    OK(curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connect));
    printf("appconnect after connect: %s\n",
           appconnect > 0 && appconnect >= connect ? "yes" : "no");
    OK(curl_easy_getinfo(h, CURLINFO_TLS_SSL_PTR, &tls));
    printf("tls backend %s\n",
           tls && tls->backend != CURLSSLBACKEND_NONE ? "set" : "none");
  }
  else {
    fprintf(stderr, "unknown mode %s\n", mode);
    return 1;
  }
  curl_easy_cleanup(h);
  buf_reset(&body);
  curl_global_cleanup();
  return 0;
}
