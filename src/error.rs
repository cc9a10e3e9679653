//! The core's result codes. Each variant is one of libcurl's `CURLcode`s by meaning; the C
//! layer owns the numbers. A failure carries the text libcurl would put in the error buffer.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    UnsupportedProtocol,
    FailedInit,
    UrlMalformat,
    NotBuiltIn,
    CouldntResolveProxy,
    CouldntResolveHost,
    CouldntConnect,
    WeirdServerReply,
    HttpReturnedError,
    WriteError,
    UploadFailed,
    ReadError,
    OutOfMemory,
    OperationTimedOut,
    RangeError,
    BadDownloadResume,
    AbortedByCallback,
    BadFunctionArgument,
    InterfaceFailed,
    TooManyRedirects,
    UnknownOption,
    SetoptOptionSyntax,
    GotNothing,
    SendError,
    RecvError,
    BadContentEncoding,
    FilesizeExceeded,
    SendFailRewind,
    PartialFile,
    FileCouldntReadFile,
    RecursiveApiCall,
    LoginDenied,
    Again,
    /// A proxy handshake failed (`CURLE_PROXY`); the detail is `CURLINFO_PROXY_ERROR`.
    Proxy,
    SslConnectError,
    PeerFailedVerification,
    SslCacertBadfile,
    SslCertproblem,
    SslPinnedPubkeyNotMatch,
    SslCipher,
    SslCrlBadfile,
    SslIssuerError,
    SslInvalidCertStatus,
}

/// A failed transfer or call: the code, and the error-buffer text (may be empty, in which
/// case the C layer uses the code's `strerror` text as libcurl does).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub code: Code,
    pub message: String,
}

impl Error {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
        }
    }

    /// An error whose error-buffer text is the code's generic text.
    pub fn bare(code: Code) -> Self {
        Error {
            code,
            message: String::new(),
        }
    }
}

impl From<Code> for Error {
    fn from(code: Code) -> Self {
        Error::bare(code)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
