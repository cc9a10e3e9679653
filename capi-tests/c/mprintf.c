/* libcurl's printf family: curl_mprintf, curl_mfprintf, curl_msprintf, curl_msnprintf,
 * curl_maprintf and their va_list forms, over a large table of formats. libcurl formats by
 * its own rules (not the C library's), quirks included, and applications see those quirks,
 * so every case must come out the same as on libcurl 7.88.1.
 *
 * Each case prints one line with curl_msnprintf's result and return value, then the raw
 * output and return value of curl_mprintf and of curl_mfprintf(stdout). The other functions
 * (curl_msprintf, curl_maprintf and all the va_list forms) are compared with curl_msnprintf
 * inside the program, and a line is printed only when one disagrees.
 *
 * Left out on purpose, because libcurl 7.88.1 itself misbehaves there (undefined behaviour,
 * a crash or a hang): argument positions that no conversion describes ("%3$d" alone, "%**d"),
 * a precision on an infinite float (it loops forever), and more conversions than the format
 * has ends for ("%5%%s"). */
#include "testutil.h"

#include <curl/mprintf.h>

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>

#define BUFSIZE 4096

static int case_no;

static int v_snprintf(char *buf, size_t len, const char *fmt, ...)
{
  va_list ap;
  int rc;
  va_start(ap, fmt);
  rc = curl_mvsnprintf(buf, len, fmt, ap);
  va_end(ap);
  return rc;
}

static int v_sprintf(char *buf, const char *fmt, ...)
{
  va_list ap;
  int rc;
  va_start(ap, fmt);
  rc = curl_mvsprintf(buf, fmt, ap);
  va_end(ap);
  return rc;
}

static char *v_aprintf(const char *fmt, ...)
{
  va_list ap;
  char *s;
  va_start(ap, fmt);
  s = curl_mvaprintf(fmt, ap);
  va_end(ap);
  return s;
}

static int v_printf(const char *fmt, ...)
{
  va_list ap;
  int rc;
  va_start(ap, fmt);
  rc = curl_mvprintf(fmt, ap);
  va_end(ap);
  return rc;
}

static int v_fprintf(FILE *fp, const char *fmt, ...)
{
  va_list ap;
  int rc;
  va_start(ap, fmt);
  rc = curl_mvfprintf(fp, fmt, ap);
  va_end(ap);
  return rc;
}

/* The bytes curl_msnprintf stored: rc of them (clamped to the buffer). */
static void show_snprintf(const char *fmt, const char *buf, int rc)
{
  char label[256];
  size_t n = (rc < 0) ? 0 : (rc >= BUFSIZE ? BUFSIZE - 1 : (size_t)rc);
  snprintf(label, sizeof(label), "#%d snprintf", case_no);
  print_quoted(label, fmt, strlen(fmt));
  printf("  rc=%d", rc);
  print_quoted("", buf, n);
}

/* A string result compared with the reference curl_msnprintf result. */
static void compare(const char *what, const char *ref, int ref_rc, const char *got,
                    int got_rc)
{
  if(!got) {
    printf("  %s: NULL (rc %d)\n", what, got_rc);
    return;
  }
  if(got_rc != ref_rc || strcmp(got, ref)) {
    printf("  %s differs: rc=%d", what, got_rc);
    print_quoted("", got, strlen(got));
  }
}

/* curl_maprintf has no return value: its string's length stands in, and the reference's
 * length is strlen of its text too, so that formats producing NUL bytes compare alike. */
#define CASE(...)                                                              \
  do {                                                                         \
    char ref_[BUFSIZE], buf_[BUFSIZE];                                         \
    int ref_rc_, rc_;                                                          \
    char *s_;                                                                  \
    case_no++;                                                                 \
    memset(ref_, 'Z', sizeof(ref_));                                           \
    ref_rc_ = curl_msnprintf(ref_, sizeof(ref_), __VA_ARGS__);                 \
    show_snprintf(FIRST_(__VA_ARGS__, 0), ref_, ref_rc_);                      \
    memset(buf_, 'Z', sizeof(buf_));                                           \
    rc_ = v_snprintf(buf_, sizeof(buf_), __VA_ARGS__);                         \
    compare("vsnprintf", ref_, ref_rc_, buf_, rc_);                            \
    memset(buf_, 'Z', sizeof(buf_));                                           \
    rc_ = curl_msprintf(buf_, __VA_ARGS__);                                    \
    compare("sprintf", ref_, ref_rc_, buf_, rc_);                              \
    memset(buf_, 'Z', sizeof(buf_));                                           \
    rc_ = v_sprintf(buf_, __VA_ARGS__);                                        \
    compare("vsprintf", ref_, ref_rc_, buf_, rc_);                             \
    s_ = curl_maprintf(__VA_ARGS__);                                           \
    compare("aprintf", ref_, (int)strlen(ref_), s_, s_ ? (int)strlen(s_) : -1); \
    curl_free(s_);                                                             \
    s_ = v_aprintf(__VA_ARGS__);                                               \
    compare("vaprintf", ref_, (int)strlen(ref_), s_, s_ ? (int)strlen(s_) : -1); \
    curl_free(s_);                                                             \
    printf("  printf [");                                                      \
    rc_ = curl_mprintf(__VA_ARGS__);                                           \
    printf("] rc=%d\n", rc_);                                                  \
    printf("  vprintf [");                                                     \
    rc_ = v_printf(__VA_ARGS__);                                               \
    printf("] rc=%d\n", rc_);                                                  \
    printf("  fprintf [");                                                     \
    rc_ = curl_mfprintf(stdout, __VA_ARGS__);                                  \
    printf("] rc=%d\n", rc_);                                                  \
    printf("  vfprintf [");                                                    \
    rc_ = v_fprintf(stdout, __VA_ARGS__);                                      \
    printf("] rc=%d\n", rc_);                                                  \
  } while(0)
#define FIRST_(a, ...) a

static const char *const null_str = NULL;
static void *const null_ptr = NULL;
static void *const some_ptr = (void *)(uintptr_t)0x1234abcdUL;
static void *const unk = NULL; /* what an unknown conversion consumes */

static void strings(void)
{
  CASE("%s", "hello");
  CASE("plain text, no conversions");
  CASE("");
  CASE("%s|", "");
  CASE("%5s|", "");
  CASE("%s", null_str);
  CASE("%.3s|", null_str);
  CASE("%.4s|", null_str);
  CASE("%.5s|", null_str);
  CASE("%.6s|", null_str);
  CASE("%10s|", null_str);
  CASE("%-10s|", null_str);
  CASE("%3s|", null_str);
  CASE("%10.3s|", null_str);
  CASE("%5.3s|", "a");
  CASE("%5.3s|", "abcdef");
  CASE("%-5.3s|", "a");
  CASE("%-5.10s|", "ab");
  CASE("%.0s|", "abc");
  CASE("%.-2s|", "abc");
  CASE("%.*s|", 2, "abcdef");
  CASE("%.*s|", 0, "abcdef");
  CASE("%.*s|", -1, "abcdef");
  CASE("%.*s|", 100, "abcdef");
  CASE("%*s|", 6, "ab");
  CASE("%*s|", -6, "ab");
  CASE("%-*s|", 6, "ab");
  CASE("%-*s|", -6, "ab");
  CASE("%8s|%-8s|", "right", "left");
  CASE("%#s|", "ab");
  CASE("%S|", "ab");
  CASE("%S|", null_str);
  CASE("%.2S|", null_str);
  CASE("%10S|", "ab");
  CASE("%-10S|", "ab");
  CASE("%.1S|", "ab");
  CASE("%ls|%hs|%lls|", "l", "h", "ll");
  CASE("%s %s %s", "one", "two", "three");
}

static void chars(void)
{
  CASE("%c", 'a');
  CASE("%5c|", 'x');
  CASE("%-5c|", 'x');
  CASE("%05c|", 'x');
  CASE("%1c|%0c|", 'y', 'z');
  CASE("[%c%c]", 'a', 0);
  CASE("%c", 256 + 'A');
  CASE("%lc|", (long)'m');
  CASE("%.3c|", 'p');
  CASE("%+c|% c|%#c|", 'q', 'r', 's');
}

static void integers(void)
{
  CASE("%d", 0);
  CASE("%d", 42);
  CASE("%d", -42);
  CASE("%d", INT_MAX);
  CASE("%d", INT_MIN);
  CASE("%i|%i", -7, 7);
  CASE("%u", UINT_MAX);
  CASE("%u", (unsigned int)-1);
  CASE("%x|%X", INT_MIN, INT_MIN);
  CASE("%x|%X", 0xabcdef, 0xabcdef);
  CASE("%o", 8);
  CASE("%o", -1);
  CASE("%o|%x|%u", INT_MIN, INT_MIN, INT_MIN);
  CASE("%#o|%#o|%#o", 0, 8, 01234);
  CASE("%#x|%#x|%#X", 0, 255, 255);
  CASE("%#.0o|%.0o|%#.5o", 0, 0, 8);
  CASE("%+d|%+d|%+d", 5, -5, 0);
  CASE("% d|% d|% d", 5, -5, 0);
  CASE("%+ d|% +d", 5, 5);
  CASE("%+u|% u|%+x|% x|%+o", 5, 5, 5, 5, 5);
  CASE("%+#x|% #X", 255, 255);
  CASE("%5d|%-5d|%05d|", -42, -42, -42);
  CASE("%-05d|%0-5d|", 42, 42);
  CASE("%08.3d|", 5);
  CASE("%08.3d|", -5);
  CASE("%8.3d|%-8.3d|", 5, 5);
  CASE("%.3d|%.3d", -5, 12345);
  CASE("%.0d|%.0d|%5.0d|", 0, 1, 0);
  CASE("%.-2d|%.-1d|%.-2d|", 0, 0, 7);
  CASE("%. 3d|%.+3d|", 7, 7);
  CASE("%#08x|%#-8x|%-#8X|", 255, 255, 255);
  CASE("%#08o|", 8);
  CASE("%0+6d|%0 6d|", 42, 42);
  CASE("%.500d|", 1);
  CASE("%600.500d|", 1);
  CASE("%.400x|", 0xfff);
  CASE("%0400d|", -1);
  CASE("%hd|%hd", 70000, -70000);
  CASE("%hhd|%hhu", 300, 300);
  CASE("%hu|%hx", -1, -1);
  CASE("%ld|%ld", LONG_MIN, LONG_MAX);
  CASE("%lu|%lx|%lo", ULONG_MAX, ULONG_MAX, ULONG_MAX);
  CASE("%lx|%lo", LONG_MIN, LONG_MIN);
  CASE("%lld|%lld", LLONG_MIN, LLONG_MAX);
  CASE("%llu|%llx|%llX", ULLONG_MAX, ULLONG_MAX, 0xDEADBEEFCAFEULL);
  CASE("%llo|%lli", -1LL, -1LL);
  CASE("%qd|%qu|%qx", LLONG_MIN, ULLONG_MAX, 0x1ULL << 40);
  CASE("%lld|%+lld|%25lld|%-25lld|%025lld|", LLONG_MIN, 1LL, LLONG_MIN, LLONG_MIN, LLONG_MIN);
  CASE("%zu|%zx|%zd", SIZE_MAX, SIZE_MAX, (size_t)-1);
  CASE("%zu|%zd", (size_t)0, (size_t)12345);
  CASE("%" CURL_FORMAT_CURL_OFF_T "|%" CURL_FORMAT_CURL_OFF_T,
       (curl_off_t)0x7fffffffffffffffLL, -(curl_off_t)0x7fffffffffffffffLL - 1);
  CASE("%" CURL_FORMAT_CURL_OFF_TU "|%" CURL_FORMAT_CURL_OFF_T,
       (curl_off_t)-1, (curl_off_t)-1);
  CASE("%Od|%Ou|%Ox", (curl_off_t)-5, (curl_off_t)-5, (curl_off_t)255);
  CASE("%d %i %u %o %x %X %c", 1, 2, 3u, 8, 10, 11, 'z');
}

static void pointers(void)
{
  CASE("%p|", null_ptr);
  CASE("%10p|", null_ptr);
  CASE("%-10p|", null_ptr);
  CASE("%3p|", null_ptr);
  CASE("%p|", some_ptr);
  CASE("%20p|", some_ptr);
  CASE("%-20p|", some_ptr);
  CASE("%020p|", some_ptr);
  CASE("%+p|% p|", some_ptr, some_ptr);
  CASE("%.12p|", some_ptr);
  CASE("%#p|", some_ptr);
}

static void floats(void)
{
  CASE("%f|%f|%f", 0.0, 1.5, -2.25);
  CASE("%f", 0.1);
  CASE("%e|%E", 0.0, 1.5);
  CASE("%g|%g|%g|%G", 0.0001, 100000.0, 1000000.0, 1e-10);
  CASE("%.0e|%.0f|%.0g", 12345.0, 2.5, 12345.0);
  CASE("%#g|%#.0f|%#e", 1.0, 3.0, 2.0);
  CASE("%+f|% f|%+e", 1.5, 1.5, -1.5);
  CASE("%08.2f|", 3.14159);
  CASE("%-8.2f|%8.2f|", 3.14159, -3.14159);
  CASE("%.*f|", 2, 3.14159);
  CASE("%.*f|", -2, 3.14159);
  CASE("%*.*f|", 10, 2, 3.14159);
  CASE("%*.*f|", -10, 2, 3.14159);
  CASE("%*f|", -10, 1.5);
  CASE("%-*f|", 12, 1.5);
  CASE("%.*e|%+.3e", 3, 31415.9, 31415.9);
  CASE("%lf|%Lf|%llf|%lg|%le", 1.5, 1.5, 1.5, 1.5, 1.5);
  CASE("%f|%e|%g", -0.0, -0.0, -0.0);
  CASE("%f|%F|", NAN, unk);
  CASE("%f|%e|%g|%E|%G", INFINITY, INFINITY, -INFINITY, INFINITY, -INFINITY);
  CASE("%5.1f|%-8.2e|", -INFINITY, -INFINITY);
  CASE("%400f|", 1.5);
  CASE("%-400f|", 1.5);
  CASE("%.400f|", 1.5);
  CASE("%.320f|", 1e10);
  CASE("%330.320f|", 1e10);
  CASE("%100.320f|", 1e10);
  CASE("%325.3f|%324.3f|%326.3f|", 1.0, 1.0, 1.0);
  CASE("%f", 1e300);
  CASE("%.2f", 1e300);
  CASE("%.300f", -1e300);
  CASE("%.322e", 1.0);
  CASE("%e|%.20g", 1e300, 1e300);
  CASE("%f", DBL_MAX);
  CASE("%f", -DBL_MAX);
  CASE("%e|%g|%.17g", DBL_MIN, DBL_MIN, DBL_MIN);
  CASE("%.3f %.3f %d", 0.0005, 0.0015, 7);
}

static void unknown_and_odd(void)
{
  CASE("%%");
  CASE("100%% sure, %d%%", 42);
  CASE("%jd|%d", unk, 2);
  CASE("%td|%d", unk, 2);
  CASE("%I64d|%d", unk, 2);
  CASE("%y|%d", unk, 2);
  CASE("%a|%A|%d", unk, unk, 3);
  CASE("%F|%d", unk, 4);
  CASE("%Lx|%d", 5, 6);
  CASE("%w%v%k end", unk, unk, unk);
  CASE("abc%", unk);
  CASE("%", unk);
  CASE("%5", unk);
  CASE("x%-", unk);
  CASE("%l", unk);
  CASE("%.*", 3, unk);
  CASE("%5%d", unk, 7);
  CASE("%5%d %s", unk, 7, "x");
  CASE("%5%|", unk, unk);
  CASE("%.%|", unk, unk);
}

static void positional(void)
{
  CASE("%2$s %1$s", "world", "hello");
  CASE("%1$s %1$s", "twice");
  CASE("%3$s-%1$d-%2$c", 5, 'x', "s");
  CASE("%2$s %1$s %s", "a", "b", "c");
  CASE("%1$d %1$x|", 255);
  CASE("%1$x %1$d|", 255);
  CASE("%1$5d|%1$-5d|", 42);
  CASE("%1$*2$d|", 42, 8);
  CASE("%2$*1$d|", 8, 42);
  CASE("%2$.*1$s|", 3, "abcdef");
  CASE("%2$*1$.*3$d|", 8, 42, 4);
  CASE("%0$d|", 5);
  CASE("%00$d|%d", 5, 6);
  CASE("%200$d|", unk);
  CASE("%129$d|", unk);
  CASE("%1$s%2$s%3$s%4$s%5$s%6$s%7$s%8$s%9$s%10$s", "a", "b", "c", "d", "e", "f", "g",
       "h", "i", "j");
  CASE("%10$s%9$s%8$s%7$s%6$s%5$s%4$s%3$s%2$s%1$s", "a", "b", "c", "d", "e", "f", "g",
       "h", "i", "j");
  CASE("%*d|", 6, 3);
  CASE("%*d|", -6, 3);
  CASE("%-*d|", 6, 3);
  CASE("%0*d|", 6, -3);
  CASE("%0*d|", -6, -3);
  CASE("%5*d|", 3, 4);
  CASE("%.*d|", -3, 0);
  CASE("%.*d|", 3, 7);
  CASE("%*.*d|", 8, 3, 5);
  CASE("%*c|%-*c|", 4, 'a', 4, 'b');
  CASE("%*p|%*p|", 8, null_ptr, -8, null_ptr);
}

/* Many arguments: libcurl describes up to 128 of them; a format that needs more formats
 * nothing at all. */
#define A16(b) b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9, b + 10, \
    b + 11, b + 12, b + 13, b + 14, b + 15, b + 16
#define A128 A16(0), A16(16), A16(32), A16(48), A16(64), A16(80), A16(96), A16(112)

static void many_arguments(void)
{
  char fmt128[1024], fmt129[1024], rev128[2048];
  int i;
  fmt128[0] = fmt129[0] = rev128[0] = '\0';
  for(i = 0; i < 128; i++)
    strcat(fmt128, "%d,");
  strcpy(fmt129, fmt128);
  strcat(fmt129, "%d");
  for(i = 128; i >= 1; i--) {
    char one[16];
    snprintf(one, sizeof(one), "%%%d$d,", i);
    strcat(rev128, one);
  }
  CASE(fmt128, A128);
  CASE(fmt129, A128, 129);
  CASE(rev128, A128);
}

/* %n stores the count so far, in the size its modifiers say. */
static void counts(void)
{
  int n1 = -1, n2 = -1, n4 = -1;
  long n3 = -1;
  short sh = -1;
  long long ll = -1;
  char buf[64];
  int rc;

  rc = curl_msnprintf(buf, sizeof(buf), "ab%ncd%n|%ln", &n1, &n2, &n3);
  printf("%%n: rc=%d \"%s\" %d %d %ld\n", rc, buf, n1, n2, n3);
  rc = curl_msnprintf(buf, sizeof(buf), "abc%hn", &sh);
  printf("%%hn: rc=%d \"%s\" %d\n", rc, buf, sh);
  rc = curl_msnprintf(buf, sizeof(buf), "abcd%lln%5d", &ll, 1);
  printf("%%lln: rc=%d \"%s\" %lld\n", rc, buf, ll);
  n1 = -1;
  rc = curl_msnprintf(buf, 3, "abcdef%n", &n1);
  printf("%%n after truncation: rc=%d \"%s\" %d\n", rc, buf, n1);
  n1 = -1;
  fflush(stdout);
  rc = curl_mprintf("printed%n", &n1);
  printf(" rc=%d n=%d\n", rc, n1);
  n4 = -1;
  rc = curl_msnprintf(buf, sizeof(buf), "%2$s%1$n", &n4, "xyz");
  printf("positional %%n: rc=%d \"%s\" %d\n", rc, buf, n4);
}

/* curl_msnprintf returns what it stored, not what it would have written, always ends the
 * buffer with a NUL (when it has room for anything) and never writes past its size. */
static void truncation(void)
{
  const char *fmt = "%s|%5d|%-6x|%+.2f|%c|%p|%S";
  char buf[128];
  int full, n;
  full = curl_msnprintf(buf, sizeof(buf), fmt, "text", -42, 0xbeef, 2.5, 'Q', some_ptr,
                        "q");
  printf("truncation: full rc=%d \"%s\"\n", full, buf);
  for(n = 0; n <= full + 2; n++) {
    int rc, i, intact = 1;
    memset(buf, 'Z', sizeof(buf));
    rc = curl_msnprintf(buf, (size_t)n, fmt, "text", -42, 0xbeef, 2.5, 'Q', some_ptr, "q");
    for(i = n; i < (int)sizeof(buf); i++)
      if(buf[i] != 'Z')
        intact = 0;
    printf("  n=%d rc=%d", n, rc);
    if(n)
      print_quoted("", buf, strlen(buf));
    else
      printf(" (untouched: %s)\n", buf[0] == 'Z' ? "yes" : "no");
    printf("    beyond: %s\n", intact ? "intact" : "WRITTEN");
  }
  printf("NULL buffer, size 0: rc=%d\n", curl_msnprintf(NULL, 0, "abc %d", 5));
  memset(buf, 'Z', sizeof(buf));
  n = curl_msnprintf(buf, 1, "abc");
  printf("size 1: rc=%d first byte %d\n", n, buf[0]);
  memset(buf, 'Z', sizeof(buf));
  n = curl_msnprintf(buf, 4, "abc");
  printf("exact fit: rc=%d \"%s\"\n", n, buf);
  memset(buf, 'Z', sizeof(buf));
  n = curl_msnprintf(buf, 3, "abc");
  printf("one short: rc=%d \"%s\"\n", n, buf);
  memset(buf, 'Z', sizeof(buf));
  n = curl_msnprintf(buf, 5, "");
  printf("empty: rc=%d first byte %d next %c\n", n, buf[0], buf[1]);
}

/* Widths far beyond any buffer. */
static void wide(void)
{
  char buf[64];
  char *s;
  FILE *fp;
  int rc;

  rc = curl_msnprintf(buf, sizeof(buf), "%100000d", 7);
  printf("snprintf %%100000d: rc=%d len=%zu\n", rc, strlen(buf));
  rc = curl_msnprintf(buf, 16, "%2000000000d", 7);
  printf("snprintf %%2000000000d: rc=%d \"%s\"\n", rc, buf);
  rc = curl_msnprintf(buf, 16, "%-2000000000s|", "left");
  printf("snprintf %%-2000000000s: rc=%d \"%s\"\n", rc, buf);
  rc = curl_msnprintf(buf, 16, "%*d", INT_MAX, 7);
  printf("snprintf %%*d INT_MAX: rc=%d \"%s\"\n", rc, buf);
  rc = curl_msnprintf(buf, 16, "%*d", INT_MIN + 1, 7);
  printf("snprintf %%*d -INT_MAX: rc=%d \"%s\"\n", rc, buf);
  rc = curl_msnprintf(buf, 16, "%.2000000000d", 7);
  printf("snprintf %%.2000000000d: rc=%d \"%s\"\n", rc, buf);
  rc = curl_msnprintf(buf, 16, "%99999999999999999999d", 7);
  printf("snprintf huge width: rc=%d \"%s\"\n", rc, buf);
  rc = curl_msnprintf(buf, 16, "%2000000000f", 1.5);
  printf("snprintf %%2000000000f: rc=%d \"%s\"\n", rc, buf);
  rc = curl_msnprintf(buf, 16, "%.2000000000f", 1.5);
  printf("snprintf %%.2000000000f: rc=%d \"%s\"\n", rc, buf);

  s = curl_maprintf("%100000d", 7);
  CHECK(s);
  printf("aprintf %%100000d: len=%zu first '%c' last '%c'\n", strlen(s), s[0],
         s[strlen(s) - 1]);
  curl_free(s);
  s = curl_maprintf("%7999999s", "");
  printf("aprintf 7999999 bytes: %s", s ? "ok" : "NULL");
  printf(" len=%zu\n", s ? strlen(s) : 0);
  curl_free(s);
  s = curl_maprintf("%8000000s", "");
  printf("aprintf 8000000 bytes: %s\n", s ? "ok" : "NULL");
  curl_free(s);
  s = curl_maprintf("%7999998s%s", "", "ab");
  printf("aprintf over the limit midway: %s\n", s ? "ok" : "NULL");
  curl_free(s);

  fp = tmpfile();
  CHECK(fp);
  rc = curl_mfprintf(fp, "%100000s|%-70000d|", "x", 5);
  printf("fprintf wide to a file: rc=%d size=%ld\n", rc, ftell(fp));
  fclose(fp);
}

static void empty_results(void)
{
  char buf[16];
  char *s = curl_maprintf("%s", "");
  CHECK(s);
  printf("aprintf empty: \"%s\"\n", s);
  curl_free(s);
  s = curl_maprintf("");
  CHECK(s);
  printf("aprintf empty format: \"%s\"\n", s);
  curl_free(s);
  memset(buf, 'Z', sizeof(buf));
  printf("sprintf empty: rc=%d", curl_msprintf(buf, "%s", ""));
  printf(" first byte %d\n", buf[0]);
  printf("printf empty: rc=%d\n", curl_mprintf("%s", ""));
}

/* Output to a stream that refuses it: the count is what got through. */
static void failing_stream(void)
{
  FILE *fp = fopen("/dev/null", "r");
  int rc;
  CHECK(fp);
  rc = curl_mfprintf(fp, "abc %d", 5);
  printf("fprintf to a read-only stream: rc=%d\n", rc);
  fclose(fp);
}

int main(void)
{
  strings();
  chars();
  integers();
  pointers();
  floats();
  unknown_and_odd();
  positional();
  many_arguments();
  counts();
  truncation();
  wide();
  empty_results();
  failing_stream();
  return 0;
}
