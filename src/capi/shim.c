/* The variadic half of the C API. Stable Rust cannot define C-variadic functions, so each
 * one here reads its argument with va_arg by the option's type class and calls a typed
 * Rust function. Those Rust functions are declared hidden: the ELF rule that the most
 * restrictive visibility wins keeps them out of the library's exported symbols. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <curl/curl.h>

#define HIDDEN __attribute__((visibility("hidden")))

HIDDEN CURLcode rcurl_easy_setopt_long(CURL *h, int opt, long v);
HIDDEN CURLcode rcurl_easy_setopt_ptr(CURL *h, int opt, void *v);
HIDDEN CURLcode rcurl_easy_setopt_func(CURL *h, int opt, void (*v)(void));
HIDDEN CURLcode rcurl_easy_setopt_off(CURL *h, int opt, curl_off_t v);
HIDDEN CURLcode rcurl_easy_setopt_blob(CURL *h, int opt, void *v);
HIDDEN CURLcode rcurl_easy_getinfo(CURL *h, int info, void *out);
HIDDEN CURLMcode rcurl_multi_setopt(CURLM *m, int opt, long l, void *p, curl_off_t o);
HIDDEN CURLSHcode rcurl_share_setopt(CURLSH *s, int opt, long l, void *p);

/* The C library's standard streams, for libcurl's default callbacks. */
HIDDEN FILE *rcurl_stdout(void) { return stdout; }
HIDDEN FILE *rcurl_stdin(void) { return stdin; }
HIDDEN FILE *rcurl_stderr(void) { return stderr; }

/* Option numbers carry their argument type: the base (a multiple of 10000) tells long,
 * object pointer, function pointer, curl_off_t or blob. */
CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...)
{
  va_list ap;
  CURLcode rc;
  int opt = (int)option;
  va_start(ap, option);
  if(opt < CURLOPTTYPE_OBJECTPOINT)
    rc = rcurl_easy_setopt_long(curl, opt, va_arg(ap, long));
  else if(opt < CURLOPTTYPE_FUNCTIONPOINT)
    rc = rcurl_easy_setopt_ptr(curl, opt, va_arg(ap, void *));
  else if(opt < CURLOPTTYPE_OFF_T)
    rc = rcurl_easy_setopt_func(curl, opt, va_arg(ap, void (*)(void)));
  else if(opt < CURLOPTTYPE_BLOB)
    rc = rcurl_easy_setopt_off(curl, opt, va_arg(ap, curl_off_t));
  else if(opt < CURLOPTTYPE_BLOB + 10000)
    rc = rcurl_easy_setopt_blob(curl, opt, va_arg(ap, void *));
  else
    rc = CURLE_UNKNOWN_OPTION;
  va_end(ap);
  return rc;
}

/* Every info item takes one pointer to where the answer goes. */
CURLcode curl_easy_getinfo(CURL *curl, CURLINFO info, ...)
{
  va_list ap;
  CURLcode rc;
  va_start(ap, info);
  rc = rcurl_easy_getinfo(curl, (int)info, va_arg(ap, void *));
  va_end(ap);
  return rc;
}

CURLMcode curl_multi_setopt(CURLM *multi, CURLMoption option, ...)
{
  va_list ap;
  CURLMcode rc;
  int opt = (int)option;
  long l = 0;
  void *p = NULL;
  curl_off_t o = 0;
  va_start(ap, option);
  if(opt < CURLOPTTYPE_OBJECTPOINT)
    l = va_arg(ap, long);
  else if(opt < CURLOPTTYPE_OFF_T)
    p = va_arg(ap, void *); /* object and function pointers alike */
  else
    o = va_arg(ap, curl_off_t);
  va_end(ap);
  rc = rcurl_multi_setopt(multi, opt, l, p, o);
  return rc;
}

/* SHARE/UNSHARE take an int (a curl_lock_data), the callbacks and USERDATA pointers. */
CURLSHcode curl_share_setopt(CURLSH *share, CURLSHoption option, ...)
{
  va_list ap;
  long l = 0;
  void *p = NULL;
  va_start(ap, option);
  if(option == CURLSHOPT_SHARE || option == CURLSHOPT_UNSHARE)
    l = va_arg(ap, int);
  else
    p = va_arg(ap, void *);
  va_end(ap);
  return rcurl_share_setopt(share, (int)option, l, p);
}

/* Form posts (curl_formadd) are not built in: libcurl's answer for that is
 * CURL_FORMADD_DISABLED. */
CURLFORMcode curl_formadd(struct curl_httppost **httppost,
                          struct curl_httppost **last_post, ...)
{
  (void)httppost;
  (void)last_post;
  return CURL_FORMADD_DISABLED;
}
