#ifndef CURLINC_SYSTEM_H
#define CURLINC_SYSTEM_H
/*
 * curl/system.h - platform types of the libcurl interface.
 *
 * This library targets 64-bit Linux (LP64) only, where curl_off_t is a 64-bit `long` and
 * curl_socklen_t is the system's socklen_t.
 */

#define CURL_TYPEOF_CURL_OFF_T long
#define CURL_FORMAT_CURL_OFF_T "ld"
#define CURL_FORMAT_CURL_OFF_TU "lu"
#define CURL_SUFFIX_CURL_OFF_T L
#define CURL_SUFFIX_CURL_OFF_TU UL

#define CURL_TYPEOF_CURL_SOCKLEN_T socklen_t

/* The system headers the two types above come from. */
#define CURL_PULL_SYS_TYPES_H 1
#define CURL_PULL_SYS_SOCKET_H 1
#include <sys/types.h>
#include <sys/socket.h>

typedef CURL_TYPEOF_CURL_SOCKLEN_T curl_socklen_t;
typedef CURL_TYPEOF_CURL_OFF_T curl_off_t;

/* The preprocessor supports token pasting (ISO C and C++ both do). */
#define CURL_ISOCPP

/* Integer constants of type curl_off_t and its unsigned twin: CURL_OFF_T_C(42) is 42L.
   The extra level of macros lets a macro argument expand before it is pasted. */
#define CURLINC_OFF_T_PASTE2(value, suffix) value##suffix
#define CURLINC_OFF_T_PASTE1(value, suffix) CURLINC_OFF_T_PASTE2(value, suffix)
#define CURL_OFF_T_C(Val) CURLINC_OFF_T_PASTE1(Val, CURL_SUFFIX_CURL_OFF_T)
#define CURL_OFF_TU_C(Val) CURLINC_OFF_T_PASTE1(Val, CURL_SUFFIX_CURL_OFF_TU)

#endif /* CURLINC_SYSTEM_H */
