/* CURLOPT_RESOLVER_START_FUNCTION and CURLOPT_PREREQFUNCTION: when they are called, what
 * they are told, and what refusing does. */
#include "testutil.h"

static int resolver_calls;
static int resolver_answer;
static int prereq_answer;

static int on_resolver_start(void *state, void *reserved, void *userp)
{
  (void)state;
  (void)reserved;
  CHECK(userp == &resolver_calls);
  resolver_calls++;
  return resolver_answer;
}

static int on_prereq(void *userp, char *primary_ip, char *local_ip, int primary_port,
                     int local_port)
{
  CHECK(userp == &prereq_answer);
  printf("  prereq: primary %s port %d, local %s, local port %s\n", primary_ip, primary_port,
         local_ip, local_port > 0 ? "set" : "0");
  return prereq_answer;
}

static void run(CURL *h, const char *what)
{
  char errbuf[CURL_ERROR_SIZE];
  struct buf body = {NULL, 0};
  CURLcode rc;
  errbuf[0] = '\0';
  OK(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
  OK(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write));
  OK(curl_easy_setopt(h, CURLOPT_WRITEDATA, &body));
  resolver_calls = 0;
  rc = curl_easy_perform(h);
  printf("%s: %d (%s), error buffer \"%s\", resolver start called %d time(s), body \"%s\"\n",
         what, (int)rc, curl_easy_strerror(rc), errbuf, resolver_calls,
         body.data ? body.data : "");
  buf_reset(&body);
}

int main(int argc, char **argv)
{
  CURL *h;
  CHECK(argc == 2);
  h = curl_easy_init();
  CHECK(h);
  OK(curl_easy_setopt(h, CURLOPT_URL, argv[1]));
  OK(curl_easy_setopt(h, CURLOPT_RESOLVER_START_FUNCTION, on_resolver_start));
  OK(curl_easy_setopt(h, CURLOPT_RESOLVER_START_DATA, &resolver_calls));
  resolver_answer = 1;
  run(h, "resolver start refuses");
  resolver_answer = 0;
  run(h, "resolver start agrees");
  OK(curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, on_prereq));
  OK(curl_easy_setopt(h, CURLOPT_PREREQDATA, &prereq_answer));
  prereq_answer = CURL_PREREQFUNC_OK;
  run(h, "prereq agrees");
  prereq_answer = CURL_PREREQFUNC_ABORT;
  run(h, "prereq refuses");
  curl_easy_cleanup(h);
  return 0;
}
