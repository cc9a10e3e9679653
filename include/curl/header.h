#ifndef CURLINC_HEADER_H
#define CURLINC_HEADER_H
/*
 * curl/header.h - the header API (curl_easy_header, curl_easy_nextheader).
 *
 * Every declaration of libcurl's interface is in curl.h; this header exists so that
 * programs including it directly keep compiling.
 */
#include "curl.h"

#endif /* CURLINC_HEADER_H */
