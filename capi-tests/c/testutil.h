/* Shared helpers for the C test programs.
 *
 * The programs print what they observe to stdout in a stable format so that the harness can
 * compare a run on the system libcurl with a run on ours; a failed precondition (something
 * both libraries must do for the test to make sense at all) goes to stderr with exit 1.
 * Nothing printed may depend on which library runs, the time, or addresses. */
#ifndef TESTUTIL_H
#define TESTUTIL_H

/* -std=c99 alone hides POSIX declarations such as strdup. */
#define _POSIX_C_SOURCE 200809L

#include <curl/curl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A precondition: stop with a message naming the failed expression. */
#define CHECK(cond)                                                              \
  do {                                                                           \
    if(!(cond)) {                                                                \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
      exit(1);                                                                   \
    }                                                                            \
  } while(0)

/* A call that must return CURLE_OK. */
#define OK(call)                                                                 \
  do {                                                                           \
    CURLcode ok_rc_ = (call);                                                    \
    if(ok_rc_ != CURLE_OK) {                                                     \
      fprintf(stderr, "%s:%d: %s returned %d (%s)\n", __FILE__, __LINE__, #call, \
              (int)ok_rc_, curl_easy_strerror(ok_rc_));                          \
      exit(1);                                                                   \
    }                                                                            \
  } while(0)

/* Collects a response body in memory. */
struct buf {
  char *data;
  size_t len;
};

static inline size_t buf_write(char *ptr, size_t size, size_t nmemb, void *userp)
{
  struct buf *b = (struct buf *)userp;
  size_t n = size * nmemb;
  char *p = (char *)realloc(b->data, b->len + n + 1);
  if(!p)
    return 0;
  memcpy(p + b->len, ptr, n);
  b->data = p;
  b->len += n;
  b->data[b->len] = '\0';
  return n;
}

static inline void buf_reset(struct buf *b)
{
  free(b->data);
  b->data = NULL;
  b->len = 0;
}

/* Print bytes as a quoted C-like string, so control bytes and NULs are visible. */
static inline void print_quoted(const char *label, const char *p, size_t n)
{
  size_t i;
  printf("%s \"", label);
  for(i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if(c == '\\' || c == '"')
      printf("\\%c", c);
    else if(c >= 0x20 && c < 0x7f)
      putchar(c);
    else if(c == '\r')
      printf("\\r");
    else if(c == '\n')
      printf("\\n");
    else
      printf("\\x%02x", c);
  }
  printf("\"\n");
}

#endif
