/* libcurl's printf family (curl_mprintf and friends), formatting by libcurl 7.88.1's rules,
 * which differ from the C library's printf in many details. The ones applications can see:
 *
 *  - A run is two passes. The first walks the whole format, gives every argument position
 *    (1..128) a descriptor (type, flags, width, precision) and then reads the arguments in
 *    position order; the second writes the output, taking each conversion's flags from the
 *    descriptor of the argument it prints. When two conversions name the same argument
 *    ("%1$d %1$x"), the later one's descriptor wins for both.
 *  - A format that needs an argument position above 128 (more than 128 conversions and
 *    '*'s without "N$") fails as a whole: nothing is written and the count is 0
 *    (curl_maprintf gives ""). "%129$d" is no position at all: width 129, unknown '$'.
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
 * Where libcurl has undefined behaviour this code stays safe instead: a position no
 * conversion describes ("%3$d" alone) reads a pointer and prints nothing, an infinite float
 * with a precision does not loop forever, a NULL %n target or format is ignored, and a
 * format whose second pass runs out of first-pass conversion ends ("%5%%s") stops there.
 *
 * Stack use stays small: descriptors for up to SMALL_ARGS positions live on the stack, a
 * format that needs more gets its table from the heap, and so does a float conversion longer
 * than FLOAT_SMALL bytes. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <curl/mprintf.h>

#define MAX_ARGS 128       /* argument positions a format may use */
#define SMALL_ARGS 6       /* positions kept on the stack */
#define WORK_SIZE 326      /* libcurl's conversion buffer: 325 characters and a NUL */
#define FLOAT_SMALL 64     /* float conversions up to this size are made on the stack */
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


/* One conversion as written in the format. */
struct spec {
  long pos;          /* N of "%N$", 0 when absent */
  long argno;        /* the 1-based argument it prints: pos, or the running count */
  unsigned int flags;
  long width;        /* digits, or the 1-based argument number of a '*' */
  long prec;
  char conv;         /* the conversion letter, '\0' at the end of the format */
  const char *end;   /* first byte after the conversion */
};

enum sink_kind { SINK_FILE, SINK_BOUNDED, SINK_UNBOUNDED, SINK_GROW };

/* Where output goes, and how much went there. */
struct sink {
  enum sink_kind kind;
  FILE *fp;
  char *buf;
  size_t len;
  size_t max;   /* SINK_BOUNDED: the buffer size; SINK_GROW: the allocation size */
  int failed;   /* SINK_GROW: an allocation failed or the limit was reached */
  unsigned int count; /* bytes written: the functions' return value */
};

/* Writes one byte; -1 when it could not be written, and formatting then stops. */
static int put(struct sink *o, unsigned char c)
{
  switch(o->kind) {
  case SINK_FILE:
    if(fputc(c, o->fp) == EOF)
      return -1;
    break;
  case SINK_BOUNDED:
    if(o->len >= o->max)
      return -1;
    o->buf[o->len++] = (char)c;
    break;
  case SINK_UNBOUNDED:
    o->buf[o->len++] = (char)c;
    break;
  case SINK_GROW:
    /* the string and its NUL must stay within the limit */
    if(o->len + 2 > APRINTF_LIMIT) {
      o->failed = 1;
      return -1;
    }
    if(o->len + 2 > o->max) {
      size_t size = o->max ? o->max * 2 : 32;
      char *p;
      if(size > APRINTF_LIMIT)
        size = APRINTF_LIMIT;
      p = realloc(o->buf, size);
      if(!p) {
        o->failed = 1;
        return -1;
      }
      o->buf = p;
      o->max = size;
    }
    o->buf[o->len++] = (char)c;
    break;
  }
  o->count++;
  return 0;
}

/* Writes c n times (nothing for n <= 0). */
static int fill(struct sink *o, unsigned char c, long n)
{
  for(; n > 0; n--)
    if(put(o, c))
      return -1;
  return 0;
}

static int put_text(struct sink *o, const char *s, size_t n)
{
  for(; n; n--)
    if(put(o, (unsigned char)*s++))
      return -1;
  return 0;
}

/* Keeps absurd widths and precisions far from overflowing in the arithmetic below. */
static long clamp(long v)
{
  if(v > NUM_LIMIT)
    return NUM_LIMIT;
  if(v < -NUM_LIMIT)
    return -NUM_LIMIT;
  return v;
}

/* "N$" right after '%' or '*': gives N when 0 < N <= 128 (digits past 128 are skipped
 * without counting). "0$" is consumed but gives 0; without '$' nothing is consumed. */
static long arg_number(const char *s, const char **end)
{
  const char *p = s;
  long n = 0;
  while(*p >= '0' && *p <= '9') {
    if(n < MAX_ARGS)
      n = n * 10 + (*p - '0');
    p++;
  }
  if(n <= MAX_ARGS && *p == '$') {
    *end = p + 1;
    return n;
  }
  return 0;
}

static int is_modifier(char c)
{
  return c != '\0' && strchr("-+ #.0123456789hlLzq*O", c) != NULL;
}

/* Parses the conversion that starts right after its '%'. *counter is the running argument
 * count: the conversion and each of its '*'s take the next number unless they say "N$".
 * *highest tracks the largest argument number referenced. */
static void parse_spec(const char *f, long *counter, long *highest, struct spec *sp)
{
  char *e;
  long n;

  sp->flags = 0;
  sp->width = 0;
  sp->prec = 0;

  ++*counter;
  sp->pos = arg_number(f, &f);
  sp->argno = sp->pos ? sp->pos : *counter;
  if(sp->argno > *highest)
    *highest = sp->argno;

  while(is_modifier(*f)) {
    char c = *f++;
    switch(c) {
    case ' ':
      sp->flags |= F_SPACE;
      break;
    case '+':
      sp->flags |= F_PLUS;
      break;
    case '-':
      sp->flags |= F_LEFT;
      sp->flags &= ~F_ZERO;
      break;
    case '#':
      sp->flags |= F_ALT;
      break;
    case '.':
      if(*f == '*') {
        f++;
        sp->flags |= F_PRECARG;
        ++*counter;
        n = arg_number(f, &f);
        sp->prec = n ? n : *counter;
        if(sp->prec > *highest)
          *highest = sp->prec;
      }
      else {
        /* strtol, like libcurl: blanks and a sign are accepted ("%.-2d") */
        sp->flags |= F_PREC;
        sp->prec = clamp(strtol(f, &e, 10));
        f = e;
      }
      break;
    case 'h':
      sp->flags |= F_SHORT;
      break;
    case 'l':
      sp->flags |= (sp->flags & F_LONG) ? F_LLONG : F_LONG;
      break;
    case 'L':
      /* no long double: a double is read */
      break;
    case 'q':
      sp->flags |= F_LLONG;
      break;
    case 'z':
      sp->flags |= (sizeof(size_t) > sizeof(long)) ? F_LLONG : F_LONG;
      break;
    case 'O':
      sp->flags |= (sizeof(curl_off_t) > sizeof(long)) ? F_LLONG : F_LONG;
      break;
    case '*':
      sp->flags |= F_WIDTHARG;
      ++*counter;
      n = arg_number(f, &f);
      sp->width = n ? n : *counter;
      if(sp->width > *highest)
        *highest = sp->width;
      break;
    default: /* '0'..'9' */
      if(c == '0' && !(sp->flags & F_LEFT))
        sp->flags |= F_ZERO;
      sp->flags |= F_WIDTH;
      sp->width = clamp(strtol(f - 1, &e, 10));
      f = e;
      break;
    }
  }
  sp->conv = *f;
  sp->end = *f ? f + 1 : f;
}

/* Finds the next conversion the way libcurl's first pass does. That pass resumes scanning
 * at the conversion letter itself, so in "%5%d" the second '%' starts a conversion of its
 * own. Returns 0 at the end of the format. */
static int next_spec(const char **cursor, long *counter, long *highest, struct spec *sp)
{
  const char *f = *cursor;
  while(*f) {
    if(*f++ == '%') {
      if(*f == '%') {
        f++;
        continue;
      }
      parse_spec(f, counter, highest, sp);
      *cursor = sp->conv ? sp->end - 1 : sp->end;
      return 1;
    }
  }
  *cursor = f;
  return 0;
}

static void mark_star(struct slot *s)
{
  s->kind = K_STAR;
  s->flags = 0;
  s->width = 0;
  s->prec = 0;
}

/* Pass one, part one: the descriptors, written into slots[0..nslots). Returns -1 for a
 * format libcurl rejects (a position beyond 128: nothing is then formatted), otherwise the
 * number of positions the format needs; when that exceeds nslots, the caller provides a
 * bigger table and asks again. *highest is the number of arguments to read. */
static long describe(const char *format, struct slot *slots, long nslots, long *highest)
{
  long need = 0;
  const char *cursor = format;
  long counter = 0;
  struct spec sp;
  struct slot scratch; /* takes the writes beyond nslots */

  *highest = 0;
  while(next_spec(&cursor, &counter, highest, &sp)) {
    long i = sp.argno - 1;
    struct slot *s;
    unsigned int flags = sp.flags;
    unsigned char kind;

    if(i < 0 || i >= MAX_ARGS)
      return -1;
    if(i >= need)
      need = i + 1;

    switch(sp.conv) {
    case 'S':
      flags |= F_ALT;
      kind = K_STRING;
      break;
    case 's':
      kind = K_STRING;
      break;
    case 'n':
      kind = K_COUNT;
      break;
    case 'p':
      kind = K_PTR;
      break;
    case 'd':
    case 'i':
      kind = K_INT;
      break;
    case 'u':
      kind = K_INT;
      flags |= F_UNSIGNED;
      break;
    case 'o':
      kind = K_INT; /* read as signed */
      flags |= F_OCTAL;
      break;
    case 'x':
      kind = K_INT;
      flags |= F_HEX | F_UNSIGNED;
      break;
    case 'X':
      kind = K_INT;
      flags |= F_HEX | F_UPPER | F_UNSIGNED;
      break;
    case 'c':
      kind = K_INT;
      flags |= F_CHAR;
      break;
    case 'f':
      kind = K_DOUBLE;
      break;
    case 'e':
      kind = K_DOUBLE;
      flags |= F_EXP;
      break;
    case 'E':
      kind = K_DOUBLE;
      flags |= F_EXP | F_UPPER;
      break;
    case 'g':
      kind = K_DOUBLE;
      flags |= F_GEN;
      break;
    case 'G':
      kind = K_DOUBLE;
      flags |= F_GEN | F_UPPER;
      break;
    default:
      kind = K_UNKNOWN;
      break;
    }

    s = (i < nslots) ? &slots[i] : &scratch;
    s->kind = kind;
    s->flags = flags;
    s->width = sp.width;
    s->prec = sp.prec;
    if(flags & F_WIDTHARG) {
      long k = sp.width - 1;
      if(k < 0 || k >= MAX_ARGS)
        return -1;
      if(k >= need)
        need = k + 1;
      s->width = k;
      mark_star((k < nslots) ? &slots[k] : &scratch);
    }
    if(flags & F_PRECARG) {
      long k = sp.prec - 1;
      if(k < 0 || k >= MAX_ARGS)
        return -1;
      if(k >= need)
        need = k + 1;
      s->prec = k;
      mark_star((k < nslots) ? &slots[k] : &scratch);
    }
  }
  /* A '*' overridden by digits ("%*5d") still counts as read: its number can exceed what
   * any descriptor uses (libcurl then reads past its table; here nothing is formatted). */
  if(*highest > MAX_ARGS)
    return -1;
  return (*highest > need) ? *highest : need;
}

/* Pass one, part two: reads the arguments in position order. A position's '*' values are
 * read just before its own argument, whatever their numbers say, as libcurl does. */
static void read_args(struct slot *slots, long highest, va_list *ap)
{
  long i;
  for(i = 0; i < highest; i++) {
    struct slot *s = &slots[i];
    if(s->flags & F_WIDTHARG)
      slots[s->width].v.sval = va_arg(*ap, int);
    if(s->flags & F_PRECARG)
      slots[s->prec].v.sval = va_arg(*ap, int);
    switch(s->kind) {
    case K_STRING:
      s->v.str = va_arg(*ap, const char *);
      break;
    case K_COUNT:
    case K_UNKNOWN:
    case K_PTR:
      s->v.ptr = va_arg(*ap, void *);
      break;
    case K_INT:
      if((s->flags & F_LLONG) && (s->flags & F_UNSIGNED))
        s->v.uval = va_arg(*ap, unsigned long long);
      else if(s->flags & F_LLONG)
        s->v.sval = va_arg(*ap, long long);
      else if((s->flags & F_LONG) && (s->flags & F_UNSIGNED))
        s->v.uval = va_arg(*ap, unsigned long);
      else if(s->flags & F_LONG)
        s->v.sval = va_arg(*ap, long);
      else if(s->flags & F_UNSIGNED)
        s->v.uval = va_arg(*ap, unsigned int);
      else
        s->v.sval = va_arg(*ap, int);
      break;
    case K_DOUBLE:
      s->v.dval = va_arg(*ap, double);
      break;
    case K_STAR:
      /* its value came with the argument that uses it */
      s->kind = K_INT;
      break;
    default:
      break;
    }
  }
}

/* An integer (or a non-NULL %p, which is "%#x" of the address). */
static int put_number(struct sink *o, unsigned int flags, unsigned long long num,
                      int negative, unsigned int base, int alt, long width, long prec)
{
  const char *digits = (flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
  char tmp[24]; /* 64 bits in octal: 22 digits */
  size_t ndig = 0;
  long zeros = 0;
  int altzero = 0;

  if(prec == -1)
    prec = 1;
  while(num > 0) {
    tmp[sizeof(tmp) - 1 - ndig++] = digits[num % base];
    num /= base;
  }
  width -= (long)ndig;
  prec -= (long)ndig;
  if(alt && base == 8 && prec <= 0) {
    altzero = 1;
    --width;
  }
  if(prec > 0) {
    /* the padding is counted in full, but libcurl's buffer holds only so many zeros */
    long room = WORK_SIZE - 1 - (long)ndig;
    width -= prec;
    zeros = prec < room ? prec : room;
  }
  if(alt && base == 16)
    width -= 2;
  if(negative || (flags & (F_PLUS | F_SPACE)))
    --width;

  if(!(flags & F_LEFT) && !(flags & F_ZERO))
    if(fill(o, ' ', width))
      return -1;
  if(negative) {
    if(put(o, '-'))
      return -1;
  }
  else if(flags & F_PLUS) {
    if(put(o, '+'))
      return -1;
  }
  else if(flags & F_SPACE) {
    if(put(o, ' '))
      return -1;
  }
  if(alt && base == 16) {
    if(put(o, '0') || put(o, (flags & F_UPPER) ? 'X' : 'x'))
      return -1;
  }
  if(!(flags & F_LEFT) && (flags & F_ZERO))
    if(fill(o, '0', width))
      return -1;
  if(fill(o, '0', zeros + altzero) ||
     put_text(o, tmp + sizeof(tmp) - ndig, ndig))
    return -1;
  if(flags & F_LEFT)
    if(fill(o, ' ', width))
      return -1;
  return 0;
}

static int put_string(struct sink *o, struct slot *p, long width, long prec)
{
  const char *str = p->v.str;
  size_t len;

  if(!str) {
    if(prec == -1 || prec >= 5) {
      str = "(nil)";
      len = 5;
      p->flags &= ~F_ALT; /* no quotes around (nil) */
    }
    else {
      str = "";
      len = 0;
    }
  }
  else if(prec != -1)
    len = (size_t)prec; /* even when the string is shorter: it still counts in full */
  else
    len = strlen(str);

  width -= (len > LONG_MAX) ? LONG_MAX : (long)len;
  if((p->flags & F_ALT) && put(o, '"'))
    return -1;
  if(!(p->flags & F_LEFT) && fill(o, ' ', width))
    return -1;
  for(; len && *str; len--)
    if(put(o, (unsigned char)*str++))
      return -1;
  if((p->flags & F_LEFT) && fill(o, ' ', width))
    return -1;
  if((p->flags & F_ALT) && put(o, '"'))
    return -1;
  return 0;
}

/* A float, by the C library with libcurl's rebuilt format. Kept out of line so that its
 * buffer is on the stack only while a float is formatted. */
static __attribute__((noinline)) int put_double(struct sink *o, const struct slot *p,
                                                const struct slot *slots)
{
  char spec[32];
  char work[FLOAT_SMALL];
  char *out = work;
  size_t n = 0;
  int len;
  int rc;
  long width = -1;
  long prec = -1;
  const char *c;

  if(p->flags & F_WIDTH)
    width = p->width;
  else if(p->flags & F_WIDTHARG)
    width = (long)slots[p->width].v.sval;
  if(p->flags & F_PREC)
    prec = p->prec;
  else if(p->flags & F_PRECARG)
    prec = (long)slots[p->prec].v.sval;

  spec[n++] = '%';
  if(p->flags & F_LEFT)
    spec[n++] = '-';
  if(p->flags & F_PLUS)
    spec[n++] = '+';
  if(p->flags & F_SPACE)
    spec[n++] = ' ';
  if(p->flags & F_ALT)
    spec[n++] = '#';
  if(width >= 0) {
    /* a negative '*' width is dropped (its '-' was added above) */
    if(width >= WORK_SIZE)
      width = WORK_SIZE - 1;
    n += (size_t)snprintf(spec + n, sizeof(spec) - n, "%ld", width);
  }
  if(prec >= 0) {
    /* fewer decimals for each digit of the integer part, so that all fits the buffer */
    long maxprec = WORK_SIZE - 2;
    double val = p->v.dval;
    if(width > 0 && prec <= width)
      maxprec -= width;
    if(!isinf(val)) /* libcurl would loop forever here */
      while(val >= 10.0) {
        val /= 10;
        maxprec--;
      }
    if(prec > maxprec)
      prec = maxprec - 1;
    if(prec < 0)
      prec = 0;
    n += (size_t)snprintf(spec + n, sizeof(spec) - n, ".%ld", prec);
  }
  if(p->flags & F_LONG)
    spec[n++] = 'l';
  if(p->flags & F_EXP)
    spec[n++] = (p->flags & F_UPPER) ? 'E' : 'e';
  else if(p->flags & F_GEN)
    spec[n++] = (p->flags & F_UPPER) ? 'G' : 'g';
  else
    spec[n++] = 'f';
  spec[n] = '\0';

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
  len = snprintf(work, sizeof(work), spec, p->v.dval);
  if(len >= (int)sizeof(work)) {
    /* libcurl's buffer cuts the result at WORK_SIZE - 1 bytes */
    size_t size = (len < WORK_SIZE) ? (size_t)len + 1 : WORK_SIZE;
    out = malloc(size);
    if(!out)
      return -1;
    (void)snprintf(out, size, spec, p->v.dval);
  }
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
  rc = 0;
  for(c = out; *c; c++)
    if(put(o, (unsigned char)*c)) {
      rc = -1;
      break;
    }
  if(out != work)
    free(out);
  return rc;
}

static void store_count(const struct slot *p, unsigned int count)
{
  if(!p->v.ptr)
    return;
  if(p->flags & F_LLONG)
    *(long long *)p->v.ptr = (long long)count;
  else if(p->flags & F_LONG)
    *(long *)p->v.ptr = (long)count;
  else if(!(p->flags & F_SHORT))
    *(int *)p->v.ptr = (int)count;
  else
    *(short *)p->v.ptr = (short)count;
}

/* Pass two: the output. Each conversion takes its argument position from its own "N$" or
 * the running count, and everything else from that position's descriptor. */
static void emit(struct sink *o, const char *format, struct slot *slots, long nslots)
{
  const char *f = format;
  const char *ends = format; /* pass one's view of where each conversion ends */
  long counter = 0;
  long dummy_counter = 0, dummy_highest = 0;

  while(*f) {
    struct spec sp;
    struct slot *p;
    long param, width, prec, skip;

    if(*f != '%') {
      do {
        if(put(o, (unsigned char)*f))
          return;
      } while(*++f && *f != '%');
      continue;
    }
    ++f;
    if(*f == '%') {
      ++f;
      if(put(o, '%'))
        return;
      continue;
    }

    param = arg_number(f, &f);
    param = param ? param - 1 : counter;
    counter++;

    /* libcurl jumps to where its first pass saw the n-th conversion end; when that pass
     * saw fewer conversions, libcurl reads garbage: stop instead. */
    if(!next_spec(&ends, &dummy_counter, &dummy_highest, &sp))
      return;

    if(param < 0 || param >= nslots) {
      /* a position no conversion described (libcurl reads an uninitialised descriptor):
       * as an unknown conversion, nothing */
      f = sp.end;
      continue;
    }
    p = &slots[param];

    if(p->flags & F_WIDTHARG) {
      width = (long)slots[p->width].v.sval;
      counter++;
      if(width < 0) {
        /* a negative '*' width means '-' */
        width = -width;
        p->flags |= F_LEFT;
        p->flags &= ~F_ZERO;
      }
    }
    else
      width = p->width;

    if(p->flags & F_PRECARG) {
      prec = (long)slots[p->prec].v.sval;
      counter++;
      if(prec < 0)
        prec = -1;
    }
    else if(p->flags & F_PREC)
      prec = p->prec;
    else
      prec = -1;

    switch(p->kind) {
    case K_INT:
      if(p->flags & F_CHAR) {
        skip = width - 1;
        if(!(p->flags & F_LEFT) && fill(o, ' ', skip))
          return;
        if(put(o, (unsigned char)(char)p->v.uval))
          return;
        if((p->flags & F_LEFT) && fill(o, ' ', skip))
          return;
      }
      else if(p->flags & F_OCTAL) {
        if(put_number(o, p->flags, p->v.uval, 0, 8, !!(p->flags & F_ALT), width, prec))
          return;
      }
      else if(p->flags & F_HEX) {
        if(put_number(o, p->flags, p->v.uval, 0, 16, !!(p->flags & F_ALT), width, prec))
          return;
      }
      else if(p->flags & F_UNSIGNED) {
        if(put_number(o, p->flags, p->v.uval, 0, 10, !!(p->flags & F_ALT), width, prec))
          return;
      }
      else {
        int negative = p->v.sval < 0;
        unsigned long long mag = negative ? 0ULL - p->v.uval : p->v.uval;
        if(put_number(o, p->flags, mag, negative, 10, !!(p->flags & F_ALT), width, prec))
          return;
      }
      break;

    case K_STRING:
      if(put_string(o, p, width, prec))
        return;
      break;

    case K_PTR:
      if(p->v.ptr) {
        if(put_number(o, p->flags, (unsigned long long)(size_t)p->v.ptr, 0, 16, 1,
                      width, prec))
          return;
      }
      else {
        /* "(nil)", padded on the opposite side from what the flag asks */
        width -= 5;
        if((p->flags & F_LEFT) && fill(o, ' ', width))
          return;
        if(put_text(o, "(nil)", 5))
          return;
        if(!(p->flags & F_LEFT) && fill(o, ' ', width))
          return;
      }
      break;

    case K_DOUBLE:
      if(put_double(o, p, slots))
        return;
      break;

    case K_COUNT:
      store_count(p, o->count);
      break;

    default:
      /* unknown conversions print nothing */
      break;
    }
    f = sp.end;
  }
}

/* Formats into o; returns 0, or -1 when the descriptor table cannot be allocated. A format
 * libcurl rejects writes nothing. */
static int format_to(struct sink *o, const char *format, va_list ap)
{
  struct slot small[SMALL_ARGS];
  struct slot *slots = small;
  long highest = 0;
  long need;
  va_list copy;

  if(!format)
    return 0;
  memset(small, 0, sizeof(small));
  need = describe(format, small, SMALL_ARGS, &highest);
  if(need < 0)
    return 0;
  if(need > SMALL_ARGS) {
    slots = calloc((size_t)need, sizeof(*slots));
    if(!slots)
      return -1;
    (void)describe(format, slots, need, &highest);
  }
  va_copy(copy, ap);
  read_args(slots, highest, &copy);
  va_end(copy);
  emit(o, format, slots, need);
  if(slots != small)
    free(slots);
  return 0;
}

static int file_printf(FILE *fp, const char *format, va_list ap)
{
  struct sink o;
  memset(&o, 0, sizeof(o));
  o.kind = SINK_FILE;
  o.fp = fp;
  if(format_to(&o, format, ap))
    return -1;
  return (int)o.count;
}

int curl_mvsnprintf(char *buffer, size_t maxlength, const char *format, va_list args)
{
  struct sink o;
  int rc;
  memset(&o, 0, sizeof(o));
  o.kind = SINK_BOUNDED;
  o.buf = buffer;
  o.max = buffer ? maxlength : 0;
  if(format_to(&o, format, args))
    rc = -1;
  else
    rc = (int)o.count;
  if(o.max) {
    if(o.len == o.max) {
      /* full: the last byte gives way to the terminator and is not counted */
      o.buf[o.len - 1] = '\0';
      rc--;
    }
    else
      o.buf[o.len] = '\0';
  }
  return rc;
}

int curl_mvsprintf(char *buffer, const char *format, va_list args)
{
  struct sink o;
  int rc;
  memset(&o, 0, sizeof(o));
  o.kind = SINK_UNBOUNDED;
  o.buf = buffer;
  rc = format_to(&o, format, args) ? -1 : (int)o.count;
  buffer[o.len] = '\0';
  return rc;
}

char *curl_mvaprintf(const char *format, va_list args)
{
  struct sink o;
  memset(&o, 0, sizeof(o));
  o.kind = SINK_GROW;
  if(format_to(&o, format, args) || o.failed) {
    free(o.buf);
    return NULL;
  }
  if(!o.len) {
    /* an empty result is still a string */
    free(o.buf);
    o.buf = malloc(1);
    if(!o.buf)
      return NULL;
  }
  o.buf[o.len] = '\0';
  return o.buf;
}

int curl_mvprintf(const char *format, va_list args)
{
  return file_printf(stdout, format, args);
}

int curl_mvfprintf(FILE *fd, const char *format, va_list args)
{
  return file_printf(fd, format, args);
}

int curl_mprintf(const char *format, ...)
{
  va_list ap;
  int rc;
  va_start(ap, format);
  rc = curl_mvprintf(format, ap);
  va_end(ap);
  return rc;
}

int curl_mfprintf(FILE *fd, const char *format, ...)
{
  va_list ap;
  int rc;
  va_start(ap, format);
  rc = curl_mvfprintf(fd, format, ap);
  va_end(ap);
  return rc;
}

int curl_msprintf(char *buffer, const char *format, ...)
{
  va_list ap;
  int rc;
  va_start(ap, format);
  rc = curl_mvsprintf(buffer, format, ap);
  va_end(ap);
  return rc;
}

int curl_msnprintf(char *buffer, size_t maxlength, const char *format, ...)
{
  va_list ap;
  int rc;
  va_start(ap, format);
  rc = curl_mvsnprintf(buffer, maxlength, format, ap);
  va_end(ap);
  return rc;
}

char *curl_maprintf(const char *format, ...)
{
  va_list ap;
  char *s;
  va_start(ap, format);
  s = curl_mvaprintf(format, ap);
  va_end(ap);
  return s;
}
