/* A program built against the system libcurl (system headers, linked with -z now like
 * Debian's curl tool) that the harness runs with LD_LIBRARY_PATH pointing at our library.
 * With -z now every function it references must resolve when it loads, so it references
 * all 91 functions Debian's libcurl.so.4 exports; it then calls a few that need no
 * server. The loader must stay silent (no "no version information available").
 *
 * capi-tests-ldflags: -Wl,-z,now
 */
#include "testutil.h"

#include <curl/mprintf.h>

/* void (*)(void) is the one function pointer type every other one may be cast to. */
typedef void (*anyfn)(void);
#define F(name) (anyfn)name

static const anyfn exported[] = {
  F(curl_easy_cleanup),
  F(curl_easy_duphandle),
  F(curl_easy_escape),
  F(curl_easy_getinfo),
  F(curl_easy_header),
  F(curl_easy_init),
  F(curl_easy_nextheader),
  F(curl_easy_option_by_id),
  F(curl_easy_option_by_name),
  F(curl_easy_option_next),
  F(curl_easy_pause),
  F(curl_easy_perform),
  F(curl_easy_recv),
  F(curl_easy_reset),
  F(curl_easy_send),
  F(curl_easy_setopt),
  F(curl_easy_strerror),
  F(curl_easy_unescape),
  F(curl_easy_upkeep),
  F(curl_escape),
  F(curl_formadd),
  F(curl_formfree),
  F(curl_formget),
  F(curl_free),
  F(curl_getdate),
  F(curl_getenv),
  F(curl_global_cleanup),
  F(curl_global_init),
  F(curl_global_init_mem),
  F(curl_global_sslset),
  F(curl_maprintf),
  F(curl_mfprintf),
  F(curl_mime_addpart),
  F(curl_mime_data),
  F(curl_mime_data_cb),
  F(curl_mime_encoder),
  F(curl_mime_filedata),
  F(curl_mime_filename),
  F(curl_mime_free),
  F(curl_mime_headers),
  F(curl_mime_init),
  F(curl_mime_name),
  F(curl_mime_subparts),
  F(curl_mime_type),
  F(curl_mprintf),
  F(curl_msnprintf),
  F(curl_msprintf),
  F(curl_multi_add_handle),
  F(curl_multi_assign),
  F(curl_multi_cleanup),
  F(curl_multi_fdset),
  F(curl_multi_info_read),
  F(curl_multi_init),
  F(curl_multi_perform),
  F(curl_multi_poll),
  F(curl_multi_remove_handle),
  F(curl_multi_setopt),
  F(curl_multi_socket),
  F(curl_multi_socket_action),
  F(curl_multi_socket_all),
  F(curl_multi_strerror),
  F(curl_multi_timeout),
  F(curl_multi_wait),
  F(curl_multi_wakeup),
  F(curl_mvaprintf),
  F(curl_mvfprintf),
  F(curl_mvprintf),
  F(curl_mvsnprintf),
  F(curl_mvsprintf),
  F(curl_pushheader_byname),
  F(curl_pushheader_bynum),
  F(curl_share_cleanup),
  F(curl_share_init),
  F(curl_share_setopt),
  F(curl_share_strerror),
  F(curl_slist_append),
  F(curl_slist_free_all),
  F(curl_strequal),
  F(curl_strnequal),
  F(curl_unescape),
  F(curl_url),
  F(curl_url_cleanup),
  F(curl_url_dup),
  F(curl_url_get),
  F(curl_url_set),
  F(curl_url_strerror),
  F(curl_version),
  F(curl_version_info),
  F(curl_ws_meta),
  F(curl_ws_recv),
  F(curl_ws_send),
};

int main(void)
{
  size_t i, present = 0;
  const curl_version_info_data *d;
  struct curl_slist *l;
  char *e;
  CURL *h;

  for(i = 0; i < sizeof(exported) / sizeof(exported[0]); i++)
    if(exported[i])
      present++;
  printf("%lu functions resolved\n", (unsigned long)present);

  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  d = curl_version_info(CURLVERSION_NOW);
  CHECK(d);
  printf("version %s\n", d->version);
  h = curl_easy_init();
  CHECK(h);
  e = curl_easy_escape(h, "a b", 0);
  CHECK(e);
  printf("escape %s\n", e);
  curl_free(e);
  l = curl_slist_append(NULL, "X: y");
  CHECK(l);
  printf("slist %s\n", l->data);
  curl_slist_free_all(l);
  printf("strerror %s\n", curl_easy_strerror(CURLE_COULDNT_CONNECT));
  printf("unknown option %d\n", (int)curl_easy_setopt(h, (CURLoption)9999, 0L));
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
