#ifndef CURLINC_WEBSOCKETS_H
#define CURLINC_WEBSOCKETS_H
/*
 * curl/websockets.h - the WebSocket calls (curl_ws_*).
 *
 * Every declaration of libcurl's interface is in curl.h; this header exists so that
 * programs including it directly keep compiling.
 */
#include "curl.h"

#endif /* CURLINC_WEBSOCKETS_H */
