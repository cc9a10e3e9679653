#ifndef CURLINC_MULTI_H
#define CURLINC_MULTI_H
/*
 * curl/multi.h - the multi interface.
 *
 * Every declaration of libcurl's interface is in curl.h; this header exists so that
 * programs including it directly keep compiling.
 */
#include "curl.h"

#endif /* CURLINC_MULTI_H */
