//! Where a transfer goes: its URL parsed with libcurl's flags, the credentials and Referer
//! taken from it, `CURLOPT_CONNECT_TO`, and the proxy it goes through.

use crate::error::{Code, Error, Result};
use crate::options::Options;
use crate::proxy::{Proxy, ProxyKind};
use crate::url::Url;

/// Parses a transfer's URL with the flags libcurl uses for `CURLOPT_URL` and redirects.
pub(super) fn parse_url(text: &str, path_as_is: bool, disallow_user: bool) -> Result<Url> {
    let flags = crate::url::ParseFlags {
        guess_scheme: true,
        non_support_scheme: true,
        path_as_is,
        disallow_user,
        ..Default::default()
    };
    Url::parse(text, flags).map_err(|e| {
        let code = match e {
            crate::url::UrlError::UnsupportedScheme => Code::UnsupportedProtocol,
            crate::url::UrlError::UserNotAllowed => Code::LoginDenied,
            _ => Code::UrlMalformat,
        };
        Error::bare(code)
    })
}

/// User name and password from the URL, percent-decoded as libcurl sends them.
pub(super) fn url_credentials(url: &Url) -> Option<(String, String)> {
    let user = url.user()?;
    let password = url
        .password()
        .map(|p| decode_userinfo(&p))
        .unwrap_or_default();
    Some((decode_userinfo(&user), password))
}

/// A URL's user name or password, percent-decoded (kept as is when it does not decode).
pub(super) fn decode_userinfo(s: &str) -> String {
    crate::escape::unescape(s.as_bytes(), false)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_else(|_| s.to_string())
}

/// The Referer libcurl sends with AUTOREFERER: the URL without credentials or fragment.
pub(super) fn referer_of(url: &Url) -> String {
    let mut u = url.clone();
    let flags = crate::url::ParseFlags::default();
    let _ = u.set_user(None, flags);
    let _ = u.set_password(None, flags);
    let _ = u.set(crate::url::Part::Fragment, None, flags);
    u.to_url_string()
}

/// The proxy for a request to `scheme://host`, from the options or the environment
/// (`crate::proxy::select_route`), with the lines libcurl's verbose output shows about the
/// choice. Proxies not built in fail the transfer rather than being bypassed.
pub(super) fn select_proxy(
    opts: &Options,
    scheme: &str,
    host: &str,
) -> Result<(Option<Proxy>, Vec<String>)> {
    let env = |name: &str| std::env::var(name).ok();
    let route = crate::proxy::select_route(&opts.proxy, scheme, host, &env)?;
    let not_built = |what: &str| {
        Err(Error::new(
            Code::NotBuiltIn,
            format!("{what} are not built in to this libcurl"),
        ))
    };
    if route.http.is_some() && route.socks.is_some() {
        return not_built("SOCKS proxies in front of HTTP proxies (CURLOPT_PRE_PROXY)");
    }
    let proxy = route.http.or(route.socks);
    if proxy.as_ref().is_some_and(|p| p.kind == ProxyKind::Https) {
        return not_built("HTTPS proxies");
    }
    Ok((proxy, route.notes))
}

/// The request target for an HTTP proxy: the absolute URL on `port` (the URL's, or
/// `CURLOPT_PORT`) without fragment, credentials or default port, as libcurl sends it.
pub(super) fn proxy_request_target(url: &Url, port: u16) -> String {
    let mut u = url.clone();
    let flags = crate::url::ParseFlags::default();
    let _ = u.set_port(Some(&port.to_string()), flags);
    let _ = u.set_user(None, flags);
    let _ = u.set_password(None, flags);
    let _ = u.set(crate::url::Part::Fragment, None, flags);
    let get = crate::url::ParseFlags {
        no_default_port: true,
        ..Default::default()
    };
    u.get(crate::url::Part::Url, get)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// Splits `HOST:REST` where HOST may be an IPv6 literal in brackets; the host comes back
/// without brackets.
fn split_host(s: &str) -> Option<(&str, &str)> {
    if let Some(inner) = s.strip_prefix('[') {
        let (h, rest) = inner.split_once(']')?;
        let rest = rest
            .strip_prefix(':')
            .or(if rest.is_empty() { Some("") } else { None })?;
        Some((h, rest))
    } else {
        Some(s.split_once(':').unwrap_or((s, "")))
    }
}

/// `CURLOPT_CONNECT_TO`: `HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT`; an empty HOST or PORT
/// matches any, an empty target part keeps the original. IPv6 hosts go in brackets. A port
/// that is not a number is `CURLE_SETOPT_OPTION_SYNTAX`, as in libcurl.
pub(super) fn apply_connect_to(entries: &[String], host: &str, port: u16) -> Result<(String, u16)> {
    let syntax = |e: &str| {
        Error::new(
            Code::SetoptOptionSyntax,
            format!("Invalid CURLOPT_CONNECT_TO entry: {e}"),
        )
    };
    let bare_host = host.trim_start_matches('[').trim_end_matches(']');
    for e in entries {
        let Some((h, rest)) = split_host(e) else {
            return Err(syntax(e));
        };
        let Some((p, target)) = rest.split_once(':') else {
            continue;
        };
        let port_matches = p.is_empty() || p.parse() == Ok(port);
        if (!h.is_empty() && !h.eq_ignore_ascii_case(bare_host)) || !port_matches {
            continue;
        }
        let Some((th, tp)) = split_host(target) else {
            return Err(syntax(e));
        };
        let new_host = if th.is_empty() { bare_host } else { th }.to_string();
        let new_port = if tp.is_empty() {
            port
        } else {
            tp.parse().map_err(|_| syntax(e))?
        };
        return Ok((new_host, new_port));
    }
    Ok((bare_host.to_string(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_to_rules() {
        let e = vec!["example.com:80:127.0.0.1:8080".to_string()];
        assert_eq!(
            apply_connect_to(&e, "example.com", 80).unwrap(),
            ("127.0.0.1".into(), 8080)
        );
        assert_eq!(
            apply_connect_to(&e, "other", 80).unwrap(),
            ("other".into(), 80)
        );
        let v6 = vec!["[fc00::1]:8082:127.0.0.1:9".to_string()];
        assert_eq!(
            apply_connect_to(&v6, "fc00::1", 8082).unwrap(),
            ("127.0.0.1".into(), 9)
        );
        let to_v6 = vec!["h::[::1]:7".to_string()];
        assert_eq!(apply_connect_to(&to_v6, "h", 5).unwrap(), ("::1".into(), 7));
        let bad = vec!["::example.com:example.com".to_string()];
        assert_eq!(
            apply_connect_to(&bad, "example.com", 80).unwrap_err().code,
            Code::SetoptOptionSyntax
        );
        let any = vec!["::localhost:9".to_string()];
        assert_eq!(
            apply_connect_to(&any, "x", 1).unwrap(),
            ("localhost".into(), 9)
        );
    }

    #[test]
    fn proxy_targets_are_absolute_without_credentials() {
        let u = parse_url("http://u:p@Example.com:80/a/b?q=1#frag", false, false).unwrap();
        assert_eq!(proxy_request_target(&u, 80), "http://Example.com/a/b?q=1");
        let u = parse_url("http://[::1]:8080/", false, false).unwrap();
        assert_eq!(proxy_request_target(&u, 8080), "http://[::1]:8080/");
        assert_eq!(proxy_request_target(&u, 19999), "http://[::1]:19999/");
    }
}

#[cfg(test)]
mod url_tests {
    use super::*;

    #[test]
    fn redirects_on_the_same_host_keep_credentials_in_the_url() {
        let base = parse_url("http://user:secret@127.0.0.1:9/start", false, false).unwrap();
        assert_eq!(base.to_url_string(), "http://user:secret@127.0.0.1:9/start");
        let next = base.join("/landed").unwrap();
        assert_eq!(
            next.to_url_string(),
            "http://user:secret@127.0.0.1:9/landed"
        );
    }
}
