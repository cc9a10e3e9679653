/* The built-in progress meter: CURLOPT_NOPROGRESS 0 with no progress callback writes it to
 * CURLOPT_STDERR (here a temporary file), which this program then prints. Speeds and times
 * change from run to run, so those columns are masked with '#' (the layout kept); the
 * header, the percentages and the sizes are printed as they are. Lines that are the same
 * after masking, one after the other, are printed once (how many a second shows depends
 * on the clock).
 *
 * usage: meter MODE URL
 *   get       a download
 *   slow      a download, also showing the lines that have received 1000 bytes
 *   upload    a PUT of 200000 bytes from a read callback
 *   head      CURLOPT_NOBODY
 *   cbzero    an xferinfo callback that returns 0 (no meter)
 *   cbmeter   an xferinfo callback that returns CURL_PROGRESSFUNC_CONTINUE (the meter)
 *   twice     two downloads on one handle
 *   follow    CURLOPT_FOLLOWLOCATION
 *   resume    CURLOPT_RESUME_FROM_LARGE 1000
 */
#include "testutil.h"

#define UPLOAD_SIZE 200000L

static size_t sink(char *ptr, size_t size, size_t nmemb, void *userp)
{
  (void)ptr;
  *(long *)userp += (long)(size * nmemb);
  return size * nmemb;
}

static long upload_left = UPLOAD_SIZE;

static size_t source(char *ptr, size_t size, size_t nmemb, void *userp)
{
  size_t n = size * nmemb;
  (void)userp;
  if((long)n > upload_left)
    n = (size_t)upload_left;
  memset(ptr, 'u', n);
  upload_left -= (long)n;
  return n;
}

static int xferinfo(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                    curl_off_t ultotal, curl_off_t ulnow)
{
  (void)dltotal;
  (void)dlnow;
  (void)ultotal;
  (void)ulnow;
  return *(int *)clientp;
}

/* Columns of a meter line (after its '\r') that depend on the clock. */
static const int masked[][2] = {
  {33, 38}, {40, 45}, {46, 54}, {55, 63}, {64, 72}, {73, 78}
};

/* Whether the lines in the middle of a transfer's meter are shown: only those that
 * have received exactly 1000 bytes (the "slow" mode's stop); the others depend on where
 * the clock's seconds fall. */
static int show_stop;

static void masked_line(const char *s, size_t len, char *line)
{
  size_t i;
  memcpy(line, s, len);
  line[len] = '\0';
  for(i = 0; i < sizeof(masked) / sizeof(masked[0]); i++) {
    int c;
    for(c = masked[i][0]; c < masked[i][1] && (size_t)c < len; c++)
      line[c] = '#';
  }
}

/* Prints what the meter wrote: for each transfer the first line of the handle's output,
 * the last line of each transfer, and a newline where one came. */
static void show(FILE *f)
{
  static char text[1 << 16];
  char last[256] = "";
  char line[256];
  size_t len, pos, start;
  int first = 1;
  long size = ftell(f);
  CHECK(size >= 0 && (size_t)size < sizeof(text));
  rewind(f);
  len = fread(text, 1, (size_t)size, f);
  CHECK(len == (size_t)size);
  printf("stderr: %s\n", len ? "written" : "empty");
  pos = 0;
  /* Everything before the first '\r': the header (and any other text). */
  while(pos < len && text[pos] != '\r')
    pos++;
  printf("before the lines: [");
  fwrite(text, 1, pos, stdout);
  printf("]\n");
  while(pos < len) {
    int end, keep;
    start = ++pos;
    while(pos < len && text[pos] != '\r' && text[pos] != '\n')
      pos++;
    CHECK(pos - start < sizeof(line));
    masked_line(text + start, pos - start, line);
    end = pos == len || text[pos] == '\n';
    keep = first || end ||
      (show_stop && pos - start > 20 && !strncmp(line + 15, " 1000", 5));
    first = 0;
    if(pos - start != 78)
      printf("a line of %u columns: [%s]\n", (unsigned)(pos - start), line);
    if(keep && strcmp(line, last)) {
      printf("line: [%s]\n", line);
      strcpy(last, line);
    }
    if(pos < len && text[pos] == '\n') {
      printf("newline\n");
      pos++;
      if(pos < len && text[pos] != '\r') {
        start = pos;
        while(pos < len && text[pos] != '\r')
          pos++;
        printf("after: [");
        fwrite(text + start, 1, pos - start, stdout);
        printf("]\n");
      }
    }
  }
}

int main(int argc, char **argv)
{
  CURL *h;
  FILE *err;
  CURLcode rc;
  long got = 0;
  int answer = 0;
  const char *mode;
  CHECK(argc == 3);
  mode = argv[1];
  err = tmpfile();
  CHECK(err);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[2]));
  OK(curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L));
  OK(curl_easy_setopt(h, CURLOPT_STDERR, err));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &got));
  if(!strcmp(mode, "upload")) {
    OK(curl_easy_setopt(h, CURLOPT_UPLOAD, 1L));
    OK(curl_easy_setopt(h, CURLOPT_READFUNCTION, source));
    OK(curl_easy_setopt(h, CURLOPT_INFILESIZE, UPLOAD_SIZE));
  }
  else if(!strcmp(mode, "slow"))
    show_stop = 1;
  else if(!strcmp(mode, "follow"))
    OK(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
  else if(!strcmp(mode, "resume"))
    OK(curl_easy_setopt(h, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)1000));
  else if(!strcmp(mode, "head"))
    OK(curl_easy_setopt(h, CURLOPT_NOBODY, 1L));
  else if(!strcmp(mode, "cbzero") || !strcmp(mode, "cbmeter")) {
    answer = strcmp(mode, "cbzero") ? CURL_PROGRESSFUNC_CONTINUE : 0;
    OK(curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, xferinfo));
    OK(curl_easy_setopt(h, CURLOPT_XFERINFODATA, &answer));
  }
  rc = curl_easy_perform(h);
  printf("result: %d, body: %ld bytes\n", (int)rc, got);
  if(!strcmp(mode, "twice")) {
    got = 0;
    rc = curl_easy_perform(h);
    printf("again: %d, body: %ld bytes\n", (int)rc, got);
  }
  show(err);
  curl_easy_cleanup(h);
  fclose(err);
  curl_global_cleanup();
  return 0;
}
