/* libcurl's printf family (curl_mprintf and friends), formatting by libcurl 7.88.1's rules,
 * which differ from the C library's printf in many details. The ones applications can see:
 *
 *  - A run is two passes. The first walks the whole format, gives every argument position
 *    (1..128) a descriptor (type, flags, width, precision) and then reads the arguments in
 *    position order; the second writes the output, taking each conversion's flags from the
 *    descriptor of the argument it prints. When two conversions name the same argument
 *    ("%1$d %1$x"), the later one's descriptor wins for both.
 *  - A format that needs an argument position above 128 (more than 128 conversions, or
 *    "%129$d"-like references through '*') fails as a whole: nothing is written and the
 *    count is 0 (curl_maprintf gives "").
 *  - Length modifiers: h, hh, l, ll, q, z, O (curl_off_t) and L. h and hh do not narrow the
 *    value; L reads a double. j, t, I64, F, a and any other letter are unknown conversions:
 *    they consume one pointer-sized argument and print nothing.
 *  - %s of NULL is "(nil)" (or "" when the precision is below 5); %p of NULL is "(nil)" with
 *    the padding on the "wrong" side (%-10p pads on the left); a precision on %s counts
 *    against the width even when the string is shorter; %S and %#s put quotes around.
 *  - '+' and ' ' apply to unsigned conversions too, '#' on %x of 0 still writes "0x", the
 *    '0' flag pads even when a precision is given, %o reads a signed int (so -1 prints 22
 *    octal digits), and precision zeros stop at libcurl's 325-byte work buffer.
 *  - Floats go to the C library's snprintf with a rebuilt format: flags "-+ #" (never '0'),
 *    the width capped at 325, the precision reduced so the result fits 325 bytes, and the
 *    result cut at 325 bytes.
 *  - curl_msnprintf returns the length it stored (never the would-be length) and always
 *    terminates a non-empty buffer; output stops at the first byte that does not fit.
 *  - curl_maprintf gives up (NULL) once the string would reach 8000000 bytes.
 *
 * Stack use stays small: descriptors for up to SMALL_ARGS positions live on the stack and a
 * format that needs more gets the full table from the heap. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <curl/mprintf.h>

#define MAX_ARGS 128       /* argument positions a format may use */
#define SMALL_ARGS 8       /* positions kept on the stack */
#define WORK_SIZE 326      /* libcurl's conversion buffer: 325 characters and a NUL */
#define APRINTF_LIMIT 8000000 /* curl_maprintf's buffer must stay below this size */
#define NUM_LIMIT (LONG_MAX / 4) /* widths and precisions are clamped to +-this */

/* What an argument position holds. */
enum kind {
  K_UNKNOWN = 0, /* unknown conversion (or unused position): a pointer is read */
  K_STRING,
  K_PTR,
  K_INT,
  K_COUNT,       /* %n */
  K_DOUBLE,
  K_STAR         /* a '*' width or precision; becomes K_INT once read */
};

/* Conversion flags. */
#define F_SPACE    (1u << 0)
#define F_PLUS     (1u << 1)
#define F_LEFT     (1u << 2)
#define F_ALT      (1u << 3)
#define F_SHORT    (1u << 4)
#define F_LONG     (1u << 5)
#define F_LLONG    (1u << 6)
#define F_ZERO     (1u << 7)
#define F_UNSIGNED (1u << 8)
#define F_OCTAL    (1u << 9)
#define F_HEX      (1u << 10)
#define F_UPPER    (1u << 11)
#define F_WIDTH    (1u << 12) /* a width in digits */
#define F_WIDTHARG (1u << 13) /* a '*' width */
#define F_PREC     (1u << 14) /* a precision in digits */
#define F_PRECARG  (1u << 15) /* a '*' precision */
#define F_CHAR     (1u << 16)
#define F_EXP      (1u << 17)
#define F_GEN      (1u << 18)

/* The descriptor of one argument position. For F_WIDTHARG / F_PRECARG, width / prec hold
 * the (0-based) position of the argument with the value. */
struct slot {
  unsigned char kind;
  unsigned int flags;
  long width;
  long prec;
  union {
    const char *str;
    void *ptr;
    long long sval;
    unsigned long long uval;
    double dval;
  } v;
};

