//! What every request passes before a handler sees it: a `Host` that is the
//! server's own (against DNS rebinding), an `Origin` on every request that
//! changes something (against cross-site requests), the access token when
//! the server listens beyond this machine; and the headers every answer
//! carries.

use super::Shared;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::IpAddr;
use std::sync::Arc;

/// The cookie that carries the access token once the page has been opened
/// with `?token=`.
const COOKIE: &str = "vanban_token";

pub async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let Some(host) = header_str(headers, header::HOST).filter(|h| host_allowed(&shared, h)) else {
        return refuse(
            StatusCode::FORBIDDEN,
            "Tên máy (Host) không phải của máy chủ này",
            "the Host is not this server's",
        );
    };
    let host = host.to_string();
    if let Some(token) = &shared.config.token {
        match token_given(&request, token) {
            Given::Header | Given::Cookie => {}
            Given::Query if request.method() == Method::GET => {
                // The link printed at start: keep the token in a cookie and
                // take it out of the address bar.
                let path = request.uri().path().to_string();
                let mut response = Redirect::to(&path).into_response();
                let cookie = format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/");
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().insert(header::SET_COOKIE, value);
                }
                return secure(response);
            }
            _ => {
                return refuse(
                    StatusCode::UNAUTHORIZED,
                    "Cần mã truy cập: mở đường dẫn có ?token= mà máy chủ in ra khi khởi động",
                    "an access token is needed: open the link with ?token= printed at start",
                );
            }
        }
    }
    let changes = !matches!(*request.method(), Method::GET | Method::HEAD);
    let origin = header_str(request.headers(), header::ORIGIN);
    if changes && origin != Some(format!("http://{host}").as_str()) {
        return refuse(
            StatusCode::FORBIDDEN,
            "Yêu cầu không đến từ trang của vanban (thiếu Origin hoặc Origin lạ)",
            "the request does not come from vanban's page (missing or foreign Origin)",
        );
    }
    secure(next.run(request).await)
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Whether `host` (the `Host` header) names this server: its port, and
/// `localhost` or an address. A name other than `localhost` is refused, as
/// a rebinding attack needs one; when listening on every address, any
/// address is the machine's own (and the token guards it).
fn host_allowed(shared: &Shared, host: &str) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') => (name, port.parse::<u16>().ok()),
        _ => (host, Some(80)),
    };
    if port != Some(shared.config.port) {
        return false;
    }
    let bound = shared.config.host;
    if name.eq_ignore_ascii_case("localhost") {
        return bound.is_loopback() || bound.is_unspecified();
    }
    let address = name.trim_start_matches('[').trim_end_matches(']');
    match address.parse::<IpAddr>() {
        Ok(ip) if bound.is_unspecified() => !ip.is_unspecified(),
        Ok(ip) if bound.is_loopback() => ip.is_loopback(),
        Ok(ip) => ip == bound,
        Err(_) => false,
    }
}

enum Given {
    Header,
    Cookie,
    Query,
    None,
}

fn token_given(request: &Request, token: &str) -> Given {
    let headers = request.headers();
    if header_str(headers, "x-vanban-token".parse().expect("a header name"))
        .is_some_and(|t| same(t, token))
    {
        return Given::Header;
    }
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .any(|t| same(t, token));
    if cookie {
        return Given::Cookie;
    }
    let query = request
        .uri()
        .query()
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter_map(|p| p.strip_prefix("token="))
        .any(|t| same(t, token));
    if query { Given::Query } else { Given::None }
}

/// Compares in time that does not depend on where the strings differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A refusal, in both languages (the page may not have loaded yet).
fn refuse(status: StatusCode, vi: &str, en: &str) -> Response {
    secure((status, format!("{vi}\n{en}\n")).into_response())
}

/// The headers of every answer: nothing loaded from elsewhere, no framing,
/// no sniffing, no referrer.
fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let set = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; \
             connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
             frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in set {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
