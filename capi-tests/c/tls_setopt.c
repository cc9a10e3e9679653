/* curl_easy_setopt's answers for the TLS options: each call is printed as
 * "OPTION VALUE -> CODE". No transfer.
 * usage: tls_setopt shared   the answers both libraries give: out-of-range values, strings,
 *                            blobs (copied or not, NULL, empty, too long)
 *        tls_setopt differs  the answers that differ on purpose: options our TLS backend
 *                            (rustls) has no counterpart for, which 7.88.1 built with such a
 *                            backend refuses as not built in, and a blob we refuse where
 *                            7.88.1 would read through a NULL pointer */
#include "testutil.h"

#define LONG_CASE(h, opt, v)                                                    \
  printf("%s %s -> %d\n", #opt, #v, (int)curl_easy_setopt(h, opt, (long)(v)))
#define PTR_CASE(h, opt, v)                                                     \
  printf("%s %s -> %d\n", #opt, #v, (int)curl_easy_setopt(h, opt, v))

/* CURL_MAX_INPUT_LENGTH in 7.88.1. */
#define MAX_INPUT_LENGTH 8000000

static int ctx_callback(CURL *h, void *ssl_ctx, void *userptr)
{
  (void)h;
  (void)ssl_ctx;
  (void)userptr;
  return CURLE_OK;
}

static void blob_case(CURL *h, CURLoption opt, const char *name, const char *what,
                      void *data, size_t len, unsigned int flags)
{
  struct curl_blob b;
  b.data = data;
  b.len = len;
  b.flags = flags;
  printf("%s %s -> %d\n", name, what, (int)curl_easy_setopt(h, opt, &b));
}

static void blobs(CURL *h, CURLoption opt, const char *name)
{
  char pem[] = "-----BEGIN CERTIFICATE-----\n";
  blob_case(h, opt, name, "copy", pem, sizeof(pem) - 1, CURL_BLOB_COPY);
  blob_case(h, opt, name, "nocopy", pem, sizeof(pem) - 1, CURL_BLOB_NOCOPY);
  blob_case(h, opt, name, "empty", NULL, 0, CURL_BLOB_COPY);
  /* Refused by its length before a byte is read. */
  blob_case(h, opt, name, "over CURL_MAX_INPUT_LENGTH", pem, (size_t)MAX_INPUT_LENGTH + 1,
            CURL_BLOB_NOCOPY);
  printf("%s NULL -> %d\n", name, (int)curl_easy_setopt(h, opt, (struct curl_blob *)NULL));
}

static void shared(CURL *h)
{
  char *huge;

  LONG_CASE(h, CURLOPT_SSL_VERIFYPEER, 0);
  LONG_CASE(h, CURLOPT_SSL_VERIFYPEER, 1);
  LONG_CASE(h, CURLOPT_SSL_VERIFYPEER, 5);
  LONG_CASE(h, CURLOPT_SSL_VERIFYHOST, -1);
  LONG_CASE(h, CURLOPT_SSL_VERIFYHOST, 0);
  LONG_CASE(h, CURLOPT_SSL_VERIFYHOST, 1);
  LONG_CASE(h, CURLOPT_SSL_VERIFYHOST, 2);
  LONG_CASE(h, CURLOPT_SSL_VERIFYHOST, 3);
  LONG_CASE(h, CURLOPT_SSL_VERIFYHOST, 4);

  LONG_CASE(h, CURLOPT_SSLVERSION, -1);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_DEFAULT);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_SSLv2);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_SSLv3);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_0);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_1);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_3);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_LAST);
  LONG_CASE(h, CURLOPT_SSLVERSION, 0xffff);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_MAX_DEFAULT);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_3);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_3 | CURL_SSLVERSION_MAX_TLSv1_2);
  LONG_CASE(h, CURLOPT_SSLVERSION, 2L << 16);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_MAX_LAST);
  LONG_CASE(h, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_LAST);
  LONG_CASE(h, CURLOPT_SSLVERSION, 0xffff0000L);
  /* A 64-bit long's high half is not looked at. */
  LONG_CASE(h, CURLOPT_SSLVERSION, (1L << 32) | CURL_SSLVERSION_TLSv1_2);
  LONG_CASE(h, CURLOPT_PROXY_SSLVERSION, CURL_SSLVERSION_SSLv3);
  LONG_CASE(h, CURLOPT_PROXY_SSLVERSION, CURL_SSLVERSION_MAX_LAST);
  LONG_CASE(h, CURLOPT_PROXY_SSLVERSION, CURL_SSLVERSION_TLSv1_2);

  LONG_CASE(h, CURLOPT_SSL_OPTIONS, 0);
  LONG_CASE(h, CURLOPT_SSL_OPTIONS, CURLSSLOPT_NO_REVOKE | CURLSSLOPT_AUTO_CLIENT_CERT);
  LONG_CASE(h, CURLOPT_SSL_OPTIONS, -1);
  LONG_CASE(h, CURLOPT_PROXY_SSL_OPTIONS, CURLSSLOPT_ALLOW_BEAST);
  LONG_CASE(h, CURLOPT_SSL_ENABLE_ALPN, 0);
  LONG_CASE(h, CURLOPT_SSL_ENABLE_ALPN, 1);
  LONG_CASE(h, CURLOPT_SSL_ENABLE_NPN, 0);
  LONG_CASE(h, CURLOPT_SSL_SESSIONID_CACHE, 0);
  LONG_CASE(h, CURLOPT_SSL_SESSIONID_CACHE, 1);
  LONG_CASE(h, CURLOPT_CA_CACHE_TIMEOUT, -2);
  LONG_CASE(h, CURLOPT_CA_CACHE_TIMEOUT, -1);
  LONG_CASE(h, CURLOPT_CA_CACHE_TIMEOUT, 3600);
  LONG_CASE(h, CURLOPT_CERTINFO, 1);
  LONG_CASE(h, CURLOPT_CERTINFO, 0);
  LONG_CASE(h, CURLOPT_PROXY_SSL_VERIFYPEER, 0);
  LONG_CASE(h, CURLOPT_PROXY_SSL_VERIFYHOST, 0);
  LONG_CASE(h, CURLOPT_SSL_VERIFYSTATUS, 0);
  LONG_CASE(h, CURLOPT_SSL_VERIFYSTATUS, 1);
  LONG_CASE(h, CURLOPT_SSL_VERIFYSTATUS, 0);
  /* DoH's check off: the default, accepted by both. */
  LONG_CASE(h, CURLOPT_DOH_SSL_VERIFYSTATUS, 0);
  /* No false start in either library's backend. */
  LONG_CASE(h, CURLOPT_SSL_FALSESTART, 0);
  LONG_CASE(h, CURLOPT_SSL_FALSESTART, 1);

  PTR_CASE(h, CURLOPT_CAINFO, "/etc/ssl/certs/ca-certificates.crt");
  PTR_CASE(h, CURLOPT_CAINFO, (char *)NULL);
  PTR_CASE(h, CURLOPT_CAPATH, "/etc/ssl/certs");
  PTR_CASE(h, CURLOPT_CAPATH, (char *)NULL);
  PTR_CASE(h, CURLOPT_CRLFILE, "/nonexistent/crl.pem");
  PTR_CASE(h, CURLOPT_CRLFILE, (char *)NULL);
  PTR_CASE(h, CURLOPT_PINNEDPUBLICKEY,
           "sha256//YhKJKSzoTt2b5FP18fvpHo7fJYqQCjAa3HWY3tvRMwE=");
  PTR_CASE(h, CURLOPT_PINNEDPUBLICKEY, (char *)NULL);
  PTR_CASE(h, CURLOPT_SSLCERT, "/nonexistent/client.pem");
  PTR_CASE(h, CURLOPT_SSLCERT, (char *)NULL);
  PTR_CASE(h, CURLOPT_SSLCERTTYPE, "DER");
  PTR_CASE(h, CURLOPT_SSLCERTTYPE, (char *)NULL);
  PTR_CASE(h, CURLOPT_SSLKEY, "/nonexistent/client.key");
  PTR_CASE(h, CURLOPT_SSLKEY, (char *)NULL);
  PTR_CASE(h, CURLOPT_SSLKEYTYPE, "PEM");
  PTR_CASE(h, CURLOPT_SSLKEYTYPE, (char *)NULL);
  PTR_CASE(h, CURLOPT_KEYPASSWD, "secret");
  PTR_CASE(h, CURLOPT_KEYPASSWD, (char *)NULL);
  PTR_CASE(h, CURLOPT_SSL_CIPHER_LIST, "ECDHE-RSA-AES128-GCM-SHA256");
  PTR_CASE(h, CURLOPT_SSL_CIPHER_LIST, (char *)NULL);
  PTR_CASE(h, CURLOPT_TLS13_CIPHERS, "TLS_AES_128_GCM_SHA256");
  PTR_CASE(h, CURLOPT_TLS13_CIPHERS, (char *)NULL);
  PTR_CASE(h, CURLOPT_SSL_EC_CURVES, "X25519:P-256");
  PTR_CASE(h, CURLOPT_SSL_EC_CURVES, (char *)NULL);
  PTR_CASE(h, CURLOPT_ISSUERCERT, "/nonexistent/issuer.pem");
  PTR_CASE(h, CURLOPT_ISSUERCERT, (char *)NULL);
  PTR_CASE(h, CURLOPT_PROXY_CAINFO, "/nonexistent/proxy-ca.pem");
  PTR_CASE(h, CURLOPT_SSLENGINE, (char *)NULL);
  PTR_CASE(h, CURLOPT_SSLENGINE, "");

  huge = malloc((size_t)MAX_INPUT_LENGTH + 2);
  CHECK(huge);
  memset(huge, 'x', (size_t)MAX_INPUT_LENGTH + 1);
  huge[MAX_INPUT_LENGTH + 1] = '\0';
  printf("CURLOPT_CAINFO (over CURL_MAX_INPUT_LENGTH) -> %d\n",
         (int)curl_easy_setopt(h, CURLOPT_CAINFO, huge));
  huge[MAX_INPUT_LENGTH] = '\0';
  printf("CURLOPT_CAINFO (CURL_MAX_INPUT_LENGTH) -> %d\n",
         (int)curl_easy_setopt(h, CURLOPT_CAINFO, huge));
  free(huge);

  blobs(h, CURLOPT_CAINFO_BLOB, "CURLOPT_CAINFO_BLOB");
  blobs(h, CURLOPT_SSLCERT_BLOB, "CURLOPT_SSLCERT_BLOB");
  blobs(h, CURLOPT_SSLKEY_BLOB, "CURLOPT_SSLKEY_BLOB");
  blobs(h, CURLOPT_ISSUERCERT_BLOB, "CURLOPT_ISSUERCERT_BLOB");
  blobs(h, CURLOPT_PROXY_CAINFO_BLOB, "CURLOPT_PROXY_CAINFO_BLOB");
}

static void differs(CURL *h)
{
  LONG_CASE(h, CURLOPT_DOH_SSL_VERIFYSTATUS, 1);
  PTR_CASE(h, CURLOPT_SSL_CTX_FUNCTION, (curl_ssl_ctx_callback)NULL);
  PTR_CASE(h, CURLOPT_SSL_CTX_FUNCTION, ctx_callback);
  PTR_CASE(h, CURLOPT_SSL_CTX_DATA, (void *)NULL);
  PTR_CASE(h, CURLOPT_SSL_CTX_DATA, (void *)h);
  PTR_CASE(h, CURLOPT_SSLENGINE, "nosuchengine");
  LONG_CASE(h, CURLOPT_SSLENGINE_DEFAULT, 1);
  /* 7.88.1 would copy 3 bytes from NULL. */
  blob_case(h, CURLOPT_CAINFO_BLOB, "CURLOPT_CAINFO_BLOB", "NULL data, length 3", NULL, 3,
            CURL_BLOB_COPY);
}

int main(int argc, char **argv)
{
  CURL *h;
  CHECK(argc == 2);
  h = curl_easy_init();
  CHECK(h);
  if(!strcmp(argv[1], "shared"))
    shared(h);
  else if(!strcmp(argv[1], "differs"))
    differs(h);
  else
    CHECK(!"unknown mode");
  curl_easy_cleanup(h);
  return 0;
}
