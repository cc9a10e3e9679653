#ifndef CURLINC_EASY_H
#define CURLINC_EASY_H
/*
 * curl/easy.h - the easy interface.
 *
 * Every declaration of libcurl's interface is in curl.h; this header exists so that
 * programs including it directly keep compiling.
 */
#include "curl.h"

#endif /* CURLINC_EASY_H */
