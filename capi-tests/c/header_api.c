/* The header API: curl_easy_header and curl_easy_nextheader after a transfer with a 1xx
 * response, repeated headers, a redirect (two requests) and chunked trailers; bad arguments.
 * Also asked from inside the header callback (headers so far). */
#include "testutil.h"

static CURL *handle;
static int asked_in_callback;

/* Call as show(what, curl_easy_header(..., &h), &h): the header is read after the call. */
static void show(const char *what, CURLHcode rc, struct curl_header **hp)
{
  struct curl_header *h = hp ? *hp : NULL;
  printf("%s: %d", what, (int)rc);
  if(rc == CURLHE_OK && h)
    printf(" name \"%s\" value \"%s\" amount %lu index %lu origin %u", h->name, h->value,
           (unsigned long)h->amount, (unsigned long)h->index, h->origin);
  printf("\n");
}

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *userp)
{
  size_t n = size * nmemb;
  (void)userp;
  if(n > 8 && !strncmp(ptr, "X-Multi:", 8) && !asked_in_callback) {
    struct curl_header *h = NULL;
    asked_in_callback = 1;
    show("  in callback X-Multi", curl_easy_header(handle, "X-Multi", 0, CURLH_HEADER, -1, &h), &h);
  }
  return n;
}

static void walk(unsigned int origin, int request)
{
  struct curl_header *h = NULL;
  printf("walk origin %u request %d:\n", origin, request);
  while((h = curl_easy_nextheader(handle, origin, request, h)))
    printf("  \"%s\": \"%s\" amount %lu index %lu origin %u\n", h->name, h->value,
           (unsigned long)h->amount, (unsigned long)h->index, h->origin);
}

/* The curl tool's `-w %{header_json}` walk: at the first of several headers of one name it
 * pulls the others in with curl_easy_header, passing the returned name back, and goes on
 * from the struct that call filled (the API returns one struct per handle). */
static void walk_like_the_tool(void)
{
  struct curl_header *hdr, *prev = NULL;
  printf("tool walk:");
  while((hdr = curl_easy_nextheader(handle, CURLH_HEADER, -1, prev))) {
    if(hdr->amount > 1) {
      if(!hdr->index) {
        size_t i = 0;
        const char *name = hdr->name;
        printf(" %s=[", name);
        do {
          printf("%s%s", i ? "," : "", hdr->value);
          if(++i >= hdr->amount)
            break;
          if(curl_easy_header(handle, name, i, CURLH_HEADER, -1, &hdr))
            break;
        } while(1);
        printf("]");
      }
      else
        continue;
    }
    else
      printf(" %s=%s", hdr->name, hdr->value);
    prev = hdr;
  }
  printf("\n");
}

int main(int argc, char **argv)
{
  struct buf body = {NULL, 0};
  struct curl_header *h = NULL;
  CURLcode rc;
  const char *names[] = {"X-Multi", "x-multi", "Content-Type", "Missing", "Date", "X-Trailer",
                         "Location", "X-Empty", "X-Spaces", NULL};
  int i;

  CHECK(argc == 2);
  handle = curl_easy_init();
  CHECK(handle);
  show("before any transfer", curl_easy_header(handle, "Date", 0, CURLH_HEADER, -1, &h), &h);
  OK(curl_easy_setopt(handle, CURLOPT_URL, argv[1]));
  OK(curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L));
  OK(curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(handle, CURLOPT_WRITEDATA, &body));
  OK(curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header));
  rc = curl_easy_perform(handle);
  printf("perform %d\n", (int)rc);
  for(i = 0; names[i]; i++) {
    char what[64];
    snprintf(what, sizeof(what), "%s last request", names[i]);
    show(what, curl_easy_header(handle, names[i], 0, CURLH_HEADER, -1, &h), &h);
    snprintf(what, sizeof(what), "%s first request", names[i]);
    show(what, curl_easy_header(handle, names[i], 0, CURLH_HEADER, 0, &h), &h);
    snprintf(what, sizeof(what), "%s any origin", names[i]);
    show(what, curl_easy_header(handle, names[i], 0, 0x1f, -1, &h), &h);
  }
  show("X-Multi index 1", curl_easy_header(handle, "X-Multi", 1, CURLH_HEADER, -1, &h), &h);
  show("X-Multi index 2", curl_easy_header(handle, "X-Multi", 2, CURLH_HEADER, -1, &h), &h);
  show("X-Multi index 9", curl_easy_header(handle, "X-Multi", 9, CURLH_HEADER, -1, &h), &h);
  show("X-Trailer as trailer", curl_easy_header(handle, "X-Trailer", 0, CURLH_TRAILER, -1, &h), &h);
  show("X-Hint as 1xx", curl_easy_header(handle, "X-Hint", 0, CURLH_1XX, -1, &h), &h);
  show("request 1", curl_easy_header(handle, "Date", 0, CURLH_HEADER, 1, &h), &h);
  show("request 2", curl_easy_header(handle, "Date", 0, CURLH_HEADER, 2, &h), &h);
  show("request 5", curl_easy_header(handle, "Date", 0, CURLH_HEADER, 5, &h), &h);
  show("origin 0", curl_easy_header(handle, "Date", 0, 0, -1, &h), &h);
  show("origin 0x100", curl_easy_header(handle, "Date", 0, 0x100, -1, &h), &h);
  show("NULL name", curl_easy_header(handle, NULL, 0, CURLH_HEADER, -1, &h), &h);
  show("NULL out", curl_easy_header(handle, "Date", 0, CURLH_HEADER, -1, NULL), NULL);
  show("NULL handle", curl_easy_header(NULL, "Date", 0, CURLH_HEADER, -1, &h), &h);
  walk(CURLH_HEADER, -1);
  walk(CURLH_HEADER, 0);
  walk(CURLH_1XX | CURLH_HEADER | CURLH_TRAILER, -1);
  walk(CURLH_TRAILER, -1);
  walk(CURLH_HEADER, 7);
  walk_like_the_tool();
  /* curl_easy_nextheader(NULL, ...) crashes libcurl 7.88.1: not asked. */
  buf_reset(&body);
  curl_easy_cleanup(handle);
  return 0;
}
