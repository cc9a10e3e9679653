#ifndef CURLINC_STDCHEADERS_H
#define CURLINC_STDCHEADERS_H
/*
 * curl/stdcheaders.h - standard C functions some old programs expect libcurl's headers
 * to declare: fread and fwrite (stdio.h), strcasecmp and strncasecmp (strings.h).
 */
#include <sys/types.h>
#include <stdio.h>
#include <strings.h>

#endif /* CURLINC_STDCHEADERS_H */
