#ifndef CURLINC_OPTIONS_H
#define CURLINC_OPTIONS_H
/*
 * curl/options.h - option introspection (curl_easy_option_*).
 *
 * Every declaration of libcurl's interface is in curl.h; this header exists so that
 * programs including it directly keep compiling.
 */
#include "curl.h"

#endif /* CURLINC_OPTIONS_H */
