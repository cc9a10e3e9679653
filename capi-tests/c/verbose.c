/* What CURLOPT_VERBOSE with a CURLOPT_DEBUGFUNCTION shows for common transfers: every call
 * of the callback, in order, as "TYPE: <quoted data>".
 *
 * Usage: verbose MODE URL [CAFILE CAPATH]
 *   get       one GET
 *   reuse     two GETs on one handle (the second reuses the connection)
 *   post      a POST with CURLOPT_POSTFIELDS
 *   upload    a PUT whose body comes from a read callback, size unknown (chunked)
 *   sized     the same with its size given (CURLOPT_INFILESIZE)
 *   redirect  a GET that follows a redirect
 *   proxy     a GET through the HTTP proxy named by the third argument
 *   fail      a GET with CURLOPT_FAILONERROR (the server answers 404)
 *   error     a GET that fails before any response (refused, unresolvable)
 *   https     a GET over TLS as HTTP/1.1, trusting CAFILE and CAPATH
 *   insecure  the same without verifying the server (SSL_VERIFYPEER and _VERIFYHOST 0)
 *
 * Only what must differ from run to run is masked: pointers ("0x..." becomes "0x?") and
 * times in milliseconds ("after 3 ms" becomes "after ? ms"); and a text that repeats the
 * one just before it is printed once (7.88.1's threaded resolver reports a failed lookup
 * once or twice, depending on when the lookup ends).
 *
 * Left out, and counted on stderr (which is not compared): CURLINFO_SSL_DATA_IN/OUT, and
 * the text lines OpenSSL's message callback makes libcurl print ("TLSv1.3 (OUT), TLS
 * handshake, Client hello (1):" and the like), which belong to OpenSSL, not to libcurl,
 * and "old SSL session ID is stale, removing", which libcurl prints when OpenSSL hands it
 * the second TLS 1.3 ticket of a connection (with rustls, tickets are kept without it). */
#include "testutil.h"

#include <ctype.h>

struct seen {
  long ssl_data;
  long tls_trace;
  long stale_session;
  char last_text[512];
};

/* A line of OpenSSL's protocol trace: "TLSv1.3 (IN), ..." or "SSLv3 (OUT), ...". */
static int openssl_trace(const char *p, size_t n)
{
  const char *paren;
  if(!(n > 5 && (!memcmp(p, "TLSv", 4) || !memcmp(p, "SSLv", 4))))
    return 0;
  paren = memchr(p, '(', n);
  return paren && (!strncmp(paren, "(IN), ", 6) || !strncmp(paren, "(OUT), ", 7));
}

/* Prints a text line with pointers and millisecond times masked. */
static void print_text(const char *p, size_t n)
{
  char *out = malloc(n + 1);
  size_t i = 0, o = 0;
  CHECK(out);
  while(i < n) {
    if(i + 2 < n && p[i] == '0' && p[i + 1] == 'x' && isxdigit((unsigned char)p[i + 2])) {
      memcpy(out + o, "0x?", 3);
      o += 3;
      i += 2;
      while(i < n && isxdigit((unsigned char)p[i]))
        i++;
    }
    else if(i + 6 < n && !memcmp(p + i, "after ", 6) && isdigit((unsigned char)p[i + 6])) {
      size_t j = i + 6;
      while(j < n && isdigit((unsigned char)p[j]))
        j++;
      if(j + 3 <= n && !memcmp(p + j, " ms", 3)) {
        memcpy(out + o, "after ?", 7);
        o += 7;
        i = j;
      }
      else
        out[o++] = p[i++];
    }
    else
      out[o++] = p[i++];
  }
  print_quoted("TEXT:", out, o);
  free(out);
}

static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *userp)
{
  struct seen *s = (struct seen *)userp;
  (void)h;
  if(type != CURLINFO_TEXT)
    s->last_text[0] = '\0';
  switch(type) {
  case CURLINFO_TEXT:
    if(size < sizeof(s->last_text) && !strcmp(data, s->last_text))
      break;
    if(size < sizeof(s->last_text))
      memcpy(s->last_text, data, size + 1);
    if(openssl_trace(data, size))
      s->tls_trace++;
    else if(!strcmp(data, "old SSL session ID is stale, removing\n"))
      s->stale_session++;
    else
      print_text(data, size);
    break;
  case CURLINFO_HEADER_IN:
    print_quoted("HEADER_IN:", data, size);
    break;
  case CURLINFO_HEADER_OUT:
    print_quoted("HEADER_OUT:", data, size);
    break;
  case CURLINFO_DATA_IN:
    print_quoted("DATA_IN:", data, size);
    break;
  case CURLINFO_DATA_OUT:
    print_quoted("DATA_OUT:", data, size);
    break;
  case CURLINFO_SSL_DATA_IN:
  case CURLINFO_SSL_DATA_OUT:
    s->ssl_data++;
    break;
  default:
    printf("unknown type %d\n", (int)type);
  }
  return 0;
}

static size_t discard(char *ptr, size_t size, size_t nmemb, void *userp)
{
  (void)ptr;
  (void)userp;
  return size * nmemb;
}

/* Hands out the upload body in two reads, then the end. */
static size_t on_read(char *buf, size_t size, size_t nmemb, void *userp)
{
  static const char *parts[] = {"first part,", " second part"};
  int *next = (int *)userp;
  size_t n;
  if(*next >= 2)
    return 0;
  n = strlen(parts[*next]);
  CHECK(n <= size * nmemb);
  memcpy(buf, parts[*next], n);
  (*next)++;
  return n;
}

static void perform(CURL *h)
{
  CURLcode rc = curl_easy_perform(h);
  printf("perform: %d\n", (int)rc);
}

int main(int argc, char **argv)
{
  struct seen s = {0, 0, 0, ""};
  const char *mode, *url;
  int next = 0;
  CURL *h;
  CHECK(argc >= 3);
  mode = argv[1];
  url = argv[2];
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, url));
  OK(curl_easy_setopt(h, CURLOPT_VERBOSE, 1L));
  OK(curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug));
  OK(curl_easy_setopt(h, CURLOPT_DEBUGDATA, &s));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard));

  if(!strcmp(mode, "get") || !strcmp(mode, "error"))
    perform(h);
  else if(!strcmp(mode, "reuse")) {
    perform(h);
    perform(h);
  }
  else if(!strcmp(mode, "post")) {
    OK(curl_easy_setopt(h, CURLOPT_POSTFIELDS, "name=value&x=1"));
    perform(h);
  }
  else if(!strcmp(mode, "upload")) {
    OK(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
    OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read));
    OK(curl_easy_setopt(h, CURLOPT_READDATA, &next));
    perform(h);
  }
  else if(!strcmp(mode, "sized")) {
    OK(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
    OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read));
    OK(curl_easy_setopt(h, CURLOPT_READDATA, &next));
    OK(curl_easy_setopt(h, CURLOPT_INFILESIZE, 23L));
    perform(h);
  }
  else if(!strcmp(mode, "proxy")) {
    CHECK(argc == 4);
    OK(curl_easy_setopt(h, CURLOPT_PROXY, argv[3]));
    perform(h);
  }
  else if(!strcmp(mode, "redirect")) {
    OK(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
    perform(h);
  }
  else if(!strcmp(mode, "fail")) {
    OK(curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L));
    perform(h);
  }
  else if(!strcmp(mode, "https") || !strcmp(mode, "insecure")) {
    CHECK(argc == 5);
    if(!strcmp(mode, "insecure")) {
      OK(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L));
      OK(curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L));
    }
    OK(curl_easy_setopt(h, CURLOPT_CAINFO, argv[3]));
    OK(curl_easy_setopt(h, CURLOPT_CAPATH, argv[4]));
    /* Debian's libcurl also offers h2 by default; this library has no HTTP/2. */
    OK(curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1));
    perform(h);
  }
  else {
    fprintf(stderr, "unknown mode %s\n", mode);
    return 1;
  }
  curl_easy_cleanup(h);
  printf("cleaned up\n");
  curl_global_cleanup();
  fprintf(stderr, "ssl data calls: %ld\nopenssl trace lines: %ld\nstale session lines: %ld\n",
          s.ssl_data, s.tls_trace, s.stale_session);
  return 0;
}
