#ifndef CURLINC_URLAPI_H
#define CURLINC_URLAPI_H
/*
 * curl/urlapi.h - the URL API.
 *
 * Every declaration of libcurl's interface is in curl.h; this header exists so that
 * programs including it directly keep compiling.
 */
#include "curl.h"

#endif /* CURLINC_URLAPI_H */
