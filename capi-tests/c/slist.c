/* curl_slist_append / curl_slist_free_all as header lists are built: the head is returned,
 * strings are copied, empty and long strings are kept exactly. (Appending a NULL string
 * crashes libcurl 7.88.1, so no program can rely on it and it is not tested.) */
#include "testutil.h"

static void print_list(const char *label, const struct curl_slist *l)
{
  int i = 0;
  for(; l; l = l->next, i++)
    printf("%s[%d] \"%s\"\n", label, i, l->data);
  printf("%s has %d entries\n", label, i);
}

int main(void)
{
  struct curl_slist *l, *r, *big = NULL;
  char mutable_text[] = "mutable";
  char *longtext;
  const struct curl_slist *it;
  int i, count;

  l = curl_slist_append(NULL, "first");
  CHECK(l);
  printf("new list next is NULL: %s\n", l->next ? "no" : "yes");

  r = curl_slist_append(l, "second");
  printf("append returns the head: %s\n", r == l ? "yes" : "no");
  CHECK(r);

  r = curl_slist_append(l, mutable_text);
  CHECK(r == l);
  mutable_text[0] = 'X';
  for(it = l; it->next; it = it->next)
    ;
  printf("string copied: %s\n",
         (it->data != mutable_text && !strcmp(it->data, "mutable")) ? "yes" : "no");

  CHECK(curl_slist_append(l, "") == l);
  CHECK(curl_slist_append(l, "X-Header: with spaces \t and tab") == l);
  print_list("list", l);
  curl_slist_free_all(l);

  /* A long string is copied whole. */
  longtext = malloc(10001);
  CHECK(longtext);
  memset(longtext, 'a', 10000);
  longtext[10000] = '\0';
  l = curl_slist_append(NULL, longtext);
  CHECK(l);
  free(longtext);
  printf("long entry length %lu\n", (unsigned long)strlen(l->data));
  curl_slist_free_all(l);

  /* Many entries keep their order. */
  for(i = 0; i < 1000; i++) {
    char text[32];
    snprintf(text, sizeof(text), "entry %d", i);
    r = curl_slist_append(big, text);
    CHECK(r);
    CHECK(!big || r == big);
    big = r;
  }
  count = 0;
  for(it = big; it; it = it->next, count++) {
    char text[32];
    snprintf(text, sizeof(text), "entry %d", count);
    CHECK(!strcmp(it->data, text));
  }
  printf("1000 appends give %d entries in order\n", count);
  curl_slist_free_all(big);

  curl_slist_free_all(NULL);
  printf("free_all(NULL) returns\n");
  return 0;
}
