/* Global initialisation, one scenario per run (the state is process-wide):
 *   noinit    - curl_easy_init works without curl_global_init
 *   refcount  - init twice, cleanup twice; handles work in between
 *   mem       - curl_global_init_mem: bad arguments, then callbacks that memory handed to the
 *               application (escape results) goes through, and curl_free gives back */
#include "testutil.h"

static int mallocs, frees, reallocs, strdups, callocs;

static void *my_malloc(size_t n)
{
  mallocs++;
  return malloc(n);
}
static void my_free(void *p)
{
  if(p)
    frees++;
  free(p);
}
static void *my_realloc(void *p, size_t n)
{
  reallocs++;
  return realloc(p, n);
}
static char *my_strdup(const char *s)
{
  strdups++;
  return strdup(s);
}
static void *my_calloc(size_t n, size_t size)
{
  callocs++;
  return calloc(n, size);
}

static void use_a_handle(const char *label)
{
  CURL *h = curl_easy_init();
  printf("%s: easy_init %s\n", label, h ? "ok" : "NULL");
  if(h) {
    printf("%s: setopt URL %d\n", label,
           (int)curl_easy_setopt(h, CURLOPT_URL, "http://127.0.0.1/"));
    curl_easy_cleanup(h);
  }
}

int main(int argc, char **argv)
{
  const char *scenario = argc > 1 ? argv[1] : "";

  if(!strcmp(scenario, "noinit")) {
    use_a_handle("without global init");
    /* A cleanup that matches no init is harmless. */
    curl_global_cleanup();
    use_a_handle("after unmatched cleanup");
  }
  else if(!strcmp(scenario, "refcount")) {
    printf("init 1: %d\n", (int)curl_global_init(CURL_GLOBAL_DEFAULT));
    printf("init 2: %d\n", (int)curl_global_init(CURL_GLOBAL_DEFAULT));
    use_a_handle("after two inits");
    curl_global_cleanup();
    use_a_handle("after one cleanup");
    curl_global_cleanup();
    printf("init 3 (all flags): %d\n", (int)curl_global_init(CURL_GLOBAL_ALL));
    use_a_handle("after re-init");
    curl_global_cleanup();
    printf("init nothing: %d\n", (int)curl_global_init(CURL_GLOBAL_NOTHING));
    curl_global_cleanup();
  }
  else if(!strcmp(scenario, "mem")) {
    char *e;
    int before;
    printf("init_mem with NULL malloc: %d\n",
           (int)curl_global_init_mem(CURL_GLOBAL_DEFAULT, NULL, my_free, my_realloc,
                                     my_strdup, my_calloc));
    printf("init_mem with NULL calloc: %d\n",
           (int)curl_global_init_mem(CURL_GLOBAL_DEFAULT, my_malloc, my_free, my_realloc,
                                     my_strdup, NULL));
    printf("init_mem: %d\n",
           (int)curl_global_init_mem(CURL_GLOBAL_DEFAULT, my_malloc, my_free, my_realloc,
                                     my_strdup, my_calloc));
    use_a_handle("after init_mem");

    before = mallocs + reallocs + strdups + callocs;
    e = curl_easy_escape(NULL, "a b", 0);
    CHECK(e);
    printf("escape result came from the callbacks: %s\n",
           mallocs + reallocs + strdups + callocs > before ? "yes" : "no");
    before = frees;
    curl_free(e);
    printf("curl_free used the free callback: %s\n", frees > before ? "yes" : "no");
    curl_global_cleanup();
  }
  else {
    fprintf(stderr, "usage: global noinit|refcount|mem\n");
    return 2;
  }
  return 0;
}
