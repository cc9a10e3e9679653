//! The core's result codes as libcurl's numbers.

use super::abi::{CURLcode, CURLproxycode};
use crate::error::Code;
use crate::net::socks::ProxyCode;

pub(crate) fn to_curlcode(code: Code) -> CURLcode {
    use CURLcode::*;
    match code {
        Code::UnsupportedProtocol => CURLE_UNSUPPORTED_PROTOCOL,
        Code::FailedInit => CURLE_FAILED_INIT,
        Code::UrlMalformat => CURLE_URL_MALFORMAT,
        Code::NotBuiltIn => CURLE_NOT_BUILT_IN,
        Code::CouldntResolveProxy => CURLE_COULDNT_RESOLVE_PROXY,
        Code::CouldntResolveHost => CURLE_COULDNT_RESOLVE_HOST,
        Code::CouldntConnect => CURLE_COULDNT_CONNECT,
        Code::WeirdServerReply => CURLE_WEIRD_SERVER_REPLY,
        Code::HttpReturnedError => CURLE_HTTP_RETURNED_ERROR,
        Code::WriteError => CURLE_WRITE_ERROR,
        Code::UploadFailed => CURLE_UPLOAD_FAILED,
        Code::ReadError => CURLE_READ_ERROR,
        Code::OutOfMemory => CURLE_OUT_OF_MEMORY,
        Code::OperationTimedOut => CURLE_OPERATION_TIMEDOUT,
        Code::RangeError => CURLE_RANGE_ERROR,
        Code::BadDownloadResume => CURLE_BAD_DOWNLOAD_RESUME,
        Code::AbortedByCallback => CURLE_ABORTED_BY_CALLBACK,
        Code::BadFunctionArgument => CURLE_BAD_FUNCTION_ARGUMENT,
        Code::InterfaceFailed => CURLE_INTERFACE_FAILED,
        Code::TooManyRedirects => CURLE_TOO_MANY_REDIRECTS,
        Code::UnknownOption => CURLE_UNKNOWN_OPTION,
        Code::SetoptOptionSyntax => CURLE_SETOPT_OPTION_SYNTAX,
        Code::GotNothing => CURLE_GOT_NOTHING,
        Code::SendError => CURLE_SEND_ERROR,
        Code::RecvError => CURLE_RECV_ERROR,
        Code::BadContentEncoding => CURLE_BAD_CONTENT_ENCODING,
        Code::FilesizeExceeded => CURLE_FILESIZE_EXCEEDED,
        Code::SendFailRewind => CURLE_SEND_FAIL_REWIND,
        Code::PartialFile => CURLE_PARTIAL_FILE,
        Code::FileCouldntReadFile => CURLE_FILE_COULDNT_READ_FILE,
        Code::RecursiveApiCall => CURLE_RECURSIVE_API_CALL,
        Code::LoginDenied => CURLE_LOGIN_DENIED,
        Code::Again => CURLE_AGAIN,
        Code::Proxy => CURLE_PROXY,
        Code::SslConnectError => CURLE_SSL_CONNECT_ERROR,
        Code::PeerFailedVerification => CURLE_PEER_FAILED_VERIFICATION,
        Code::SslCacertBadfile => CURLE_SSL_CACERT_BADFILE,
        Code::SslCertproblem => CURLE_SSL_CERTPROBLEM,
        Code::SslPinnedPubkeyNotMatch => CURLE_SSL_PINNEDPUBKEYNOTMATCH,
        Code::SslCipher => CURLE_SSL_CIPHER,
        Code::SslCrlBadfile => CURLE_SSL_CRL_BADFILE,
        Code::SslIssuerError => CURLE_SSL_ISSUER_ERROR,
        Code::SslInvalidCertStatus => CURLE_SSL_INVALIDCERTSTATUS,
    }
}

/// Why a SOCKS handshake failed, as libcurl's `CURLproxycode` number.
pub(crate) fn proxy_code(code: ProxyCode) -> i32 {
    use CURLproxycode::*;
    let c = match code {
        ProxyCode::BadAddressType => CURLPX_BAD_ADDRESS_TYPE,
        ProxyCode::BadVersion => CURLPX_BAD_VERSION,
        ProxyCode::Closed => CURLPX_CLOSED,
        ProxyCode::GssapiPermsg => CURLPX_GSSAPI_PERMSG,
        ProxyCode::Identd => CURLPX_IDENTD,
        ProxyCode::IdentdDiffer => CURLPX_IDENTD_DIFFER,
        ProxyCode::LongHostname => CURLPX_LONG_HOSTNAME,
        ProxyCode::LongPasswd => CURLPX_LONG_PASSWD,
        ProxyCode::LongUser => CURLPX_LONG_USER,
        ProxyCode::NoAuth => CURLPX_NO_AUTH,
        ProxyCode::RecvAddress => CURLPX_RECV_ADDRESS,
        ProxyCode::RecvAuth => CURLPX_RECV_AUTH,
        ProxyCode::RecvConnect => CURLPX_RECV_CONNECT,
        ProxyCode::RecvReqack => CURLPX_RECV_REQACK,
        ProxyCode::ReplyAddressTypeNotSupported => CURLPX_REPLY_ADDRESS_TYPE_NOT_SUPPORTED,
        ProxyCode::ReplyCommandNotSupported => CURLPX_REPLY_COMMAND_NOT_SUPPORTED,
        ProxyCode::ReplyConnectionRefused => CURLPX_REPLY_CONNECTION_REFUSED,
        ProxyCode::ReplyGeneralServerFailure => CURLPX_REPLY_GENERAL_SERVER_FAILURE,
        ProxyCode::ReplyHostUnreachable => CURLPX_REPLY_HOST_UNREACHABLE,
        ProxyCode::ReplyNetworkUnreachable => CURLPX_REPLY_NETWORK_UNREACHABLE,
        ProxyCode::ReplyNotAllowed => CURLPX_REPLY_NOT_ALLOWED,
        ProxyCode::ReplyTtlExpired => CURLPX_REPLY_TTL_EXPIRED,
        ProxyCode::ReplyUnassigned => CURLPX_REPLY_UNASSIGNED,
        ProxyCode::RequestFailed => CURLPX_REQUEST_FAILED,
        ProxyCode::ResolveHost => CURLPX_RESOLVE_HOST,
        ProxyCode::SendAuth => CURLPX_SEND_AUTH,
        ProxyCode::SendConnect => CURLPX_SEND_CONNECT,
        ProxyCode::SendRequest => CURLPX_SEND_REQUEST,
        ProxyCode::UnknownFail => CURLPX_UNKNOWN_FAIL,
        ProxyCode::UnknownMode => CURLPX_UNKNOWN_MODE,
        ProxyCode::UserRejected => CURLPX_USER_REJECTED,
    };
    c as i32
}
