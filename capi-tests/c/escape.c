/* URL escaping: curl_easy_escape / curl_easy_unescape (with and without a handle), the old
 * curl_escape / curl_unescape, lengths (0 means strlen), NULs inside, outlength, curl_free. */
#include "testutil.h"

static void show_escape(CURL *h, const char *label, const char *in, int len)
{
  char *out = curl_easy_escape(h, in, len);
  printf("escape%s ", h ? "" : " (no handle)");
  print_quoted(label, in, strlen(in));
  if(!out) {
    printf("  -> NULL\n");
    return;
  }
  printf("  -> %s\n", out);
  curl_free(out);
}

static void show_unescape(CURL *h, const char *in, int len)
{
  int outlen = -1;
  char label[256];
  char *out = curl_easy_unescape(h, in, len, &outlen);
  snprintf(label, sizeof(label), "unescape%s \"%s\" len %d ->", h ? "" : " (no handle)", in,
           len);
  if(!out) {
    printf("%s NULL\n", label);
    return;
  }
  CHECK(outlen >= 0);
  CHECK(out[outlen] == '\0');
  print_quoted(label, out, (size_t)outlen);
  curl_free(out);
}

int main(void)
{
  CURL *h;
  char all[257];
  char *out, *back;
  int i, outlen;
  static const char *const samples[] = {
    "", "abc", "a b", "a+b", "100%", "~-._", "!*'();:@&=+$,/?#[]", "\xc3\xa9t\xc3\xa9",
    "line\r\nbreak", "tab\there",
  };
  static const char *const encoded[] = {
    "", "abc", "a%20b", "a+b", "%41%42%43", "%4a%4B", "%", "%4", "%zz", "%%41", "100%25",
    "%00x", "%e9t%E9", "%2", "a%2g", "%C3%A9",
  };

  OK(curl_global_init(CURL_GLOBAL_DEFAULT));
  h = curl_easy_init();
  CHECK(h);

  for(i = 0; i < (int)(sizeof(samples) / sizeof(samples[0])); i++) {
    show_escape(h, "len 0", samples[i], 0);
    show_escape(NULL, "len 0", samples[i], 0);
  }
  show_escape(h, "len 3", "abcdef", 3);
  show_escape(h, "len -1", "abc", -1);

  /* Every byte, NUL included (so the length is explicit). */
  for(i = 0; i < 256; i++)
    all[i] = (char)i;
  all[256] = '\0';
  out = curl_easy_escape(h, all, 256);
  CHECK(out);
  printf("escape all bytes -> %s\n", out);
  back = curl_easy_unescape(h, out, 0, &outlen);
  CHECK(back);
  printf("round trip length %d equal %s\n", outlen,
         (outlen == 256 && !memcmp(back, all, 256)) ? "yes" : "no");
  curl_free(back);
  curl_free(out);

  /* Bytes 1..255 as a C string, length taken by strlen. */
  out = curl_easy_escape(NULL, all + 1, 0);
  CHECK(out);
  printf("escape bytes 1-255 strlen -> length %lu\n", (unsigned long)strlen(out));
  curl_free(out);

  for(i = 0; i < (int)(sizeof(encoded) / sizeof(encoded[0])); i++) {
    show_unescape(h, encoded[i], 0);
    show_unescape(NULL, encoded[i], 0);
  }
  show_unescape(h, "%41%42%43", 6);
  show_unescape(h, "abc", -1);

  /* outlength may be NULL. */
  back = curl_easy_unescape(h, "%41", 0, NULL);
  CHECK(back);
  printf("unescape without outlength -> %s\n", back);
  curl_free(back);

  /* The deprecated pair. */
  out = curl_escape("a b&c", 0);
  CHECK(out);
  printf("curl_escape -> %s\n", out);
  curl_free(out);
  out = curl_unescape("a%20b%26c", 0);
  CHECK(out);
  printf("curl_unescape -> %s\n", out);
  curl_free(out);
  out = curl_escape("abcdef", 2);
  CHECK(out);
  printf("curl_escape len 2 -> %s\n", out);
  curl_free(out);

  curl_free(NULL);
  printf("curl_free(NULL) returns\n");

  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
