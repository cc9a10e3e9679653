//! The core's result codes as libcurl's numbers.

use super::abi::CURLcode;
use crate::error::Code;

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
        Code::RecursiveApiCall => CURLE_RECURSIVE_API_CALL,
        Code::LoginDenied => CURLE_LOGIN_DENIED,
        Code::Again => CURLE_AGAIN,
    }
}
