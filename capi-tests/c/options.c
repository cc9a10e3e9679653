/* The option table: walking curl_easy_option_next from NULL to the end (R's curl package
 * does this at load), curl_easy_option_by_name (case-insensitive) and curl_easy_option_by_id
 * (which returns the non-alias entry of an id). */
#include "testutil.h"

static void show(const char *label, const struct curl_easyoption *o)
{
  if(!o) {
    printf("%s -> NULL\n", label);
    return;
  }
  printf("%s -> %s id %d type %d flags %u\n", label, o->name, (int)o->id, (int)o->type,
         o->flags);
}

int main(void)
{
  const struct curl_easyoption *o, *prev = NULL;
  int count = 0, aliases = 0, byid_ok = 1, byname_ok = 1;

  /* The whole table in order. */
  while((o = curl_easy_option_next(prev)) != NULL) {
    const struct curl_easyoption *by_id, *by_name;
    CHECK(o->name && o->name[0]);
    printf("option %s id %d type %d flags %u\n", o->name, (int)o->id, (int)o->type,
           o->flags);
    count++;
    if(o->flags & CURLOT_FLAG_ALIAS)
      aliases++;

    /* by_id gives an entry with that id that is not an alias. */
    by_id = curl_easy_option_by_id(o->id);
    if(!by_id || by_id->id != o->id || (by_id->flags & CURLOT_FLAG_ALIAS)) {
      printf("by_id(%d) for %s is wrong\n", (int)o->id, o->name);
      byid_ok = 0;
    }
    /* by_name finds the entry itself, aliases included. */
    by_name = curl_easy_option_by_name(o->name);
    if(by_name != o) {
      printf("by_name(%s) is not that entry\n", o->name);
      byname_ok = 0;
    }
    prev = o;
  }
  printf("%d options, %d aliases\n", count, aliases);
  printf("by_id consistent: %s\n", byid_ok ? "yes" : "no");
  printf("by_name consistent: %s\n", byname_ok ? "yes" : "no");
  CHECK(curl_easy_option_next(prev) == NULL);

  show("by_name URL", curl_easy_option_by_name("URL"));
  show("by_name url", curl_easy_option_by_name("url"));
  show("by_name Url", curl_easy_option_by_name("Url"));
  show("by_name CURLOPT_URL", curl_easy_option_by_name("CURLOPT_URL"));
  show("by_name nonexistent", curl_easy_option_by_name("nonexistent"));
  show("by_name empty", curl_easy_option_by_name(""));
  show("by_name ENCODING", curl_easy_option_by_name("ENCODING"));
  show("by_name accept_encoding", curl_easy_option_by_name("accept_encoding"));
  show("by_name FILE", curl_easy_option_by_name("FILE"));
  show("by_name WRITEDATA", curl_easy_option_by_name("WRITEDATA"));

  show("by_id CURLOPT_URL", curl_easy_option_by_id(CURLOPT_URL));
  show("by_id CURLOPT_ACCEPT_ENCODING", curl_easy_option_by_id(CURLOPT_ACCEPT_ENCODING));
  show("by_id CURLOPT_WRITEDATA", curl_easy_option_by_id(CURLOPT_WRITEDATA));
  show("by_id CURLOPT_HEADERDATA", curl_easy_option_by_id(CURLOPT_HEADERDATA));
  show("by_id CURLOPT_POSTREDIR", curl_easy_option_by_id(CURLOPT_POSTREDIR));
  show("by_id CURLOPT_XFERINFODATA", curl_easy_option_by_id(CURLOPT_XFERINFODATA));
  show("by_id 0", curl_easy_option_by_id((CURLoption)0));
  show("by_id 9999", curl_easy_option_by_id((CURLoption)9999));
  show("by_id -1", curl_easy_option_by_id((CURLoption)-1));
  return 0;
}
