/* fork() between transfers, as pre-forking servers and shells do: the parent performs a GET,
 * forks; the child performs with the inherited handle (whose idle connection it shares with
 * the parent) and with a handle of its own, and exits with a status that says which worked;
 * the parent waits for it, then performs again with its handle. Only the parent prints.
 * Whatever threads the library ran before the fork do not exist in the child, so a library
 * that depends on them must still manage there (or at least not hang).
 * usage: fork URL */
#include "testutil.h"

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* One GET of URL/path on h; true when it returned CURLE_OK, 200 and the expected body. */
static int get(CURL *h, const char *base, const char *path, long *connects)
{
  char url[512], want[128];
  struct buf body = {NULL, 0};
  long code = -1;
  int good;
  CURLcode rc;
  snprintf(url, sizeof(url), "%s%s", base, path);
  snprintf(want, sizeof(want), "body of %s\n", path);
  if(curl_easy_setopt(h, CURLOPT_URL, url) != CURLE_OK ||
     curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, buf_write) != CURLE_OK ||
     curl_easy_setopt(h, CURLOPT_WRITEDATA, &body) != CURLE_OK ||
     curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L) != CURLE_OK)
    return 0;
  rc = curl_easy_perform(h);
  if(curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code) != CURLE_OK ||
     curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, connects) != CURLE_OK)
    return 0;
  good = rc == CURLE_OK && code == 200 && body.data && !strcmp(body.data, want);
  buf_reset(&body);
  return good;
}

static int child(CURL *h, const char *base)
{
  int status = 0;
  long connects = -1;
  CURL *fresh;
  if(!get(h, base, "/child-same", &connects))
    status |= 1;
  fresh = curl_easy_init();
  if(!fresh || !get(fresh, base, "/child-new", &connects))
    status |= 2;
  if(connects != 1)
    status |= 4;
  curl_easy_cleanup(fresh);
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return status;
}

int main(int argc, char **argv)
{
  CURL *h;
  pid_t pid;
  int status, waited_ms = 0;
  long connects = -1;

  CHECK(argc == 2);
  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);
  printf("parent before fork: %s\n", get(h, argv[1], "/parent-1", &connects) ? "ok" : "FAILED");
  printf("  connects %ld\n", connects);

  /* Anything still buffered would be written twice, once by each process. */
  fflush(stdout);
  fflush(stderr);
  pid = fork();
  CHECK(pid >= 0);
  if(pid == 0)
    exit(child(h, argv[1]));

  /* A child stuck on a lock some vanished thread held must not hang the test: give it
   * 30 s (ample even under valgrind), then say so. */
  for(;;) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    struct timespec tick = {0, 10 * 1000 * 1000};
    CHECK(w >= 0);
    if(w == pid)
      break;
    if(waited_ms >= 30000) {
      kill(pid, SIGKILL);
      CHECK(waitpid(pid, &status, 0) == pid);
      printf("child hung and was killed\n");
      break;
    }
    nanosleep(&tick, NULL);
    waited_ms += 10;
  }
  if(WIFEXITED(status)) {
    int s = WEXITSTATUS(status);
    printf("child: inherited handle %s, new handle %s, new handle connected %s%s\n",
           s & 1 ? "FAILED" : "ok", s & 2 ? "FAILED" : "ok", s & 4 ? "NO" : "once",
           s & ~7 ? " (and other failures)" : "");
  }
  else if(WIFSIGNALED(status))
    printf("child: killed by signal %d\n", WTERMSIG(status));

  printf("parent after child: %s\n", get(h, argv[1], "/parent-2", &connects) ? "ok" : "FAILED");
  printf("  connects %ld\n", connects);
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
