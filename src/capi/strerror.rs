//! The `*_strerror` texts, exactly as libcurl 7.88.1 returns them (programs and test suites
//! compare them). Each table is indexed by the code; out-of-range codes get the fallback text.

/// `curl_easy_strerror`, codes 0 to 99.
pub(crate) const EASY: &[&str] = &[
    "No error\0",
    "Unsupported protocol\0",
    "Failed initialization\0",
    "URL using bad/illegal format or missing URL\0",
    "A requested feature, protocol or option was not found built-in in this libcurl due to a build-time decision.\0",
    "Couldn't resolve proxy name\0",
    "Couldn't resolve host name\0",
    "Couldn't connect to server\0",
    "Weird server reply\0",
    "Access denied to remote resource\0",
    "FTP: The server failed to connect to data port\0",
    "FTP: unknown PASS reply\0",
    "FTP: Accepting server connect has timed out\0",
    "FTP: unknown PASV reply\0",
    "FTP: unknown 227 response format\0",
    "FTP: can't figure out the host in the PASV response\0",
    "Error in the HTTP2 framing layer\0",
    "FTP: couldn't set file type\0",
    "Transferred a partial file\0",
    "FTP: couldn't retrieve (RETR failed) the specified file\0",
    "Unknown error\0",
    "Quote command returned error\0",
    "HTTP response code said error\0",
    "Failed writing received data to disk/application\0",
    "Unknown error\0",
    "Upload failed (at start/before it took off)\0",
    "Failed to open/read local data from file/application\0",
    "Out of memory\0",
    "Timeout was reached\0",
    "Unknown error\0",
    "FTP: command PORT failed\0",
    "FTP: command REST failed\0",
    "Unknown error\0",
    "Requested range was not delivered by the server\0",
    "Internal problem setting up the POST\0",
    "SSL connect error\0",
    "Couldn't resume download\0",
    "Couldn't read a file:// file\0",
    "LDAP: cannot bind\0",
    "LDAP: search failed\0",
    "Unknown error\0",
    "A required function in the library was not found\0",
    "Operation was aborted by an application callback\0",
    "A libcurl function was given a bad argument\0",
    "Unknown error\0",
    "Failed binding local connection end\0",
    "Unknown error\0",
    "Number of redirects hit maximum amount\0",
    "An unknown option was passed in to libcurl\0",
    "Malformed option provided in a setopt\0",
    "Unknown error\0",
    "Unknown error\0",
    "Server returned nothing (no headers, no data)\0",
    "SSL crypto engine not found\0",
    "Can not set SSL crypto engine as default\0",
    "Failed sending data to the peer\0",
    "Failure when receiving data from the peer\0",
    "Unknown error\0",
    "Problem with the local SSL certificate\0",
    "Couldn't use specified SSL cipher\0",
    "SSL peer certificate or SSH remote key was not OK\0",
    "Unrecognized or bad HTTP Content or Transfer-Encoding\0",
    "Unknown error\0",
    "Maximum file size exceeded\0",
    "Requested SSL level failed\0",
    "Send failed since rewinding of the data stream failed\0",
    "Failed to initialise SSL crypto engine\0",
    "Login denied\0",
    "TFTP: File Not Found\0",
    "TFTP: Access Violation\0",
    "Disk full or allocation exceeded\0",
    "TFTP: Illegal operation\0",
    "TFTP: Unknown transfer ID\0",
    "Remote file already exists\0",
    "TFTP: No such user\0",
    "Unknown error\0",
    "Unknown error\0",
    "Problem with the SSL CA cert (path? access rights?)\0",
    "Remote file not found\0",
    "Error in the SSH layer\0",
    "Failed to shut down the SSL connection\0",
    "Socket not ready for send/recv\0",
    "Failed to load CRL file (path? access rights?, format?)\0",
    "Issuer check against peer certificate failed\0",
    "FTP: The server did not accept the PRET command.\0",
    "RTSP CSeq mismatch or invalid CSeq\0",
    "RTSP session error\0",
    "Unable to parse FTP file list\0",
    "Chunk callback failed\0",
    "The max connection limit is reached\0",
    "SSL public key does not match pinned public key\0",
    "SSL server certificate status verification FAILED\0",
    "Stream error in the HTTP/2 framing layer\0",
    "API function called from within callback\0",
    "An authentication function returned an error\0",
    "HTTP/3 error\0",
    "QUIC connection error\0",
    "proxy handshake error\0",
    "SSL Client Certificate required\0",
    "Unrecoverable error in select/poll\0",
];

/// `curl_multi_strerror`, codes -1 to 12 (index = code + 1).
pub(crate) const MULTI: &[&str] = &[
    "Please call curl_multi_perform() soon\0",
    "No error\0",
    "Invalid multi handle\0",
    "Invalid easy handle\0",
    "Out of memory\0",
    "Internal error\0",
    "Invalid socket argument\0",
    "Unknown option\0",
    "The easy handle is already added to a multi handle\0",
    "API function called from within callback\0",
    "Wakeup is unavailable or failed\0",
    "A libcurl function was given a bad argument\0",
    "Operation was aborted by an application callback\0",
    "Unrecoverable error in select/poll\0",
];

/// `curl_share_strerror`, codes 0 to 5.
pub(crate) const SHARE: &[&str] = &[
    "No error\0",
    "Unknown share option\0",
    "Share currently in use\0",
    "Invalid share handle\0",
    "Out of memory\0",
    "Feature not enabled in this library\0",
];

/// `curl_url_strerror`, codes 0 to 30.
pub(crate) const URL: &[&str] = &[
    "No error\0",
    "An invalid CURLU pointer was passed as argument\0",
    "An invalid 'part' argument was passed as argument\0",
    "Malformed input to a URL function\0",
    "Port number was not a decimal number between 0 and 65535\0",
    "Unsupported URL scheme\0",
    "URL decode error, most likely because of rubbish in the input\0",
    "A memory function failed\0",
    "Credentials was passed in the URL when prohibited\0",
    "An unknown part ID was passed to a URL API function\0",
    "No scheme part in the URL\0",
    "No user part in the URL\0",
    "No password part in the URL\0",
    "No options part in the URL\0",
    "No host part in the URL\0",
    "No port part in the URL\0",
    "No query part in the URL\0",
    "No fragment part in the URL\0",
    "No zoneid part in the URL\0",
    "Bad file:// URL\0",
    "Bad fragment\0",
    "Bad hostname\0",
    "Bad IPv6 address\0",
    "Bad login part\0",
    "Bad password\0",
    "Bad path\0",
    "Bad query\0",
    "Bad scheme\0",
    "Unsupported number of slashes following scheme\0",
    "Bad user\0",
    "libcurl lacks IDN support\0",
];

pub(crate) const UNKNOWN: &str = "Unknown error\0";
pub(crate) const SHARE_UNKNOWN: &str = "CURLSHcode unknown\0";
pub(crate) const URL_UNKNOWN: &str = "CURLUcode unknown\0";

/// The text for `code` in `table`, whose first entry is for `first`.
pub(crate) fn lookup(
    table: &'static [&'static str],
    first: i64,
    code: i64,
    fallback: &'static str,
) -> &'static str {
    usize::try_from(code - first)
        .ok()
        .and_then(|i| table.get(i).copied())
        .unwrap_or(fallback)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_nul_terminated_and_indexed() {
        for t in [EASY, MULTI, SHARE, URL] {
            assert!(t
                .iter()
                .all(|s| s.ends_with('\0') && !s[..s.len() - 1].contains('\0')));
        }
        assert_eq!(EASY.len(), 100);
        assert_eq!(lookup(EASY, 0, 7, UNKNOWN), "Couldn't connect to server\0");
        assert_eq!(
            lookup(MULTI, -1, -1, UNKNOWN),
            "Please call curl_multi_perform() soon\0"
        );
        assert_eq!(lookup(EASY, 0, 100, UNKNOWN), UNKNOWN);
        assert_eq!(lookup(EASY, 0, -5, UNKNOWN), UNKNOWN);
    }
}
