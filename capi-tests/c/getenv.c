/* curl_getenv: a set variable comes back as a copy the caller frees with curl_free; an unset
 * one is NULL. The harness also uses it to see the environment a test program gets.
 * usage: getenv NAME... */
#include "testutil.h"

int main(int argc, char **argv)
{
  int i;
  for(i = 1; i < argc; i++) {
    char *v = curl_getenv(argv[i]);
    if(v) {
      printf("%s=\"%s\"\n", argv[i], v);
      curl_free(v);
    }
    else
      printf("%s unset\n", argv[i]);
  }
  return 0;
}
