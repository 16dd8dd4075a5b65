//! A bounded load test against a server on this machine: a few threads, each with one
//! keep-alive HTTP/1.1 connection, send GET requests and read the answers. It only
//! ever talks to the address it is given (the server's own loopback listener).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// What a load run measured.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    /// Requests sent.
    pub requests: usize,
    /// Answers other than 200, and transport failures.
    pub errors: usize,
    /// Wall time of the run.
    pub seconds: f64,
    /// Requests per second.
    pub rps: f64,
    /// Median latency in milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency in milliseconds.
    pub p99_ms: f64,
}

fn one(stream: &mut BufReader<TcpStream>, host: &str, path: &str) -> std::io::Result<u16> {
    write!(
        stream.get_mut(),
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n"
    )?;
    let mut status = String::new();
    stream.read_line(&mut status)?;
    let code: u16 = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let mut len = 0usize;
    loop {
        let mut line = String::new();
        stream.read_line(&mut line)?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; len];
    stream.read_exact(&mut body)?;
    Ok(code)
}

/// Send `requests` GETs of `path` to `addr` from `concurrency` connections.
pub fn run(addr: SocketAddr, path: &str, requests: usize, concurrency: usize) -> LoadReport {
    let concurrency = concurrency.max(1);
    let per = requests.div_ceil(concurrency);
    let host = addr.to_string();
    let start = Instant::now();
    let results: Vec<(usize, Vec<f64>)> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..concurrency)
            .map(|_| {
                let host = host.clone();
                sc.spawn(move || {
                    let mut errors = 0;
                    let mut lat = Vec::with_capacity(per);
                    let mut conn: Option<BufReader<TcpStream>> = None;
                    for _ in 0..per {
                        let t = Instant::now();
                        if conn.is_none() {
                            conn = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
                                .ok()
                                .map(|s| {
                                    let _ = s.set_read_timeout(Some(Duration::from_secs(30)));
                                    let _ = s.set_nodelay(true);
                                    BufReader::new(s)
                                });
                        }
                        let ok = match conn.as_mut().map(|c| one(c, &host, path)) {
                            Some(Ok(200)) => true,
                            Some(Ok(_)) => false,
                            _ => {
                                conn = None;
                                false
                            }
                        };
                        if !ok {
                            errors += 1;
                        }
                        lat.push(t.elapsed().as_secs_f64() * 1000.0);
                    }
                    (errors, lat)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or((per, Vec::new())))
            .collect()
    });
    let seconds = start.elapsed().as_secs_f64();
    let errors = results.iter().map(|r| r.0).sum();
    let mut lat: Vec<f64> = results.into_iter().flat_map(|r| r.1).collect();
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let sent = per * concurrency;
    LoadReport {
        requests: sent,
        errors,
        seconds,
        rps: sent as f64 / seconds,
        p50_ms: pct(0.5),
        p99_ms: pct(0.99),
    }
}
