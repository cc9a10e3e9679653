#ifndef CURLINC_MPRINTF_H
#define CURLINC_MPRINTF_H
/*
 * curl/mprintf.h - libcurl's printf family.
 *
 * These format like the C library's printf functions; curl_maprintf and curl_mvaprintf
 * return a new string that the caller releases with curl_free().
 */
#include <stdarg.h>
#include <stdio.h>
#include "curl.h"

#ifdef __cplusplus
extern "C" {
#endif

int curl_mprintf(const char *format, ...);
int curl_mfprintf(FILE *fd, const char *format, ...);
int curl_msprintf(char *buffer, const char *format, ...);
int curl_msnprintf(char *buffer, size_t maxlength, const char *format, ...);
int curl_mvprintf(const char *format, va_list args);
int curl_mvfprintf(FILE *fd, const char *format, va_list args);
int curl_mvsprintf(char *buffer, const char *format, va_list args);
int curl_mvsnprintf(char *buffer, size_t maxlength, const char *format, va_list args);
char *curl_maprintf(const char *format, ...);
char *curl_mvaprintf(const char *format, va_list args);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CURLINC_MPRINTF_H */
