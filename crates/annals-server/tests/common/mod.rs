//! A store of the bundled examples, a server over it on loopback, and a small HTTP client.

#![allow(dead_code)]

use annals_extract::Pipeline;
use annals_server::AppState;
use annals_store::{IngestRecord, Store};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

pub fn pipeline() -> Arc<Pipeline> {
    static P: OnceLock<Arc<Pipeline>> = OnceLock::new();
    P.get_or_init(|| Arc::new(Pipeline::load(&repo().join("data")).expect("data")))
        .clone()
}

/// A database with the examples ingested.
pub fn example_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("annals-server-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("s.db");
    let mut store = Store::open(&db).unwrap();
    let p = pipeline();
    let inputs = [repo().join("examples")];
    for a in annals_text::read_inputs(&inputs, &Default::default())
        .into_iter()
        .flatten()
    {
        store
            .ingest(
                &IngestRecord {
                    output: p.extract(&a),
                    text: Some(a.text.clone()),
                },
                &|_| Vec::new(),
            )
            .unwrap();
    }
    db
}

/// Start a server over `db` on a free loopback port.
pub fn start(db: PathBuf, token: Option<&str>) -> SocketAddr {
    let state = Arc::new(AppState::new(db, pipeline(), token.map(String::from)).unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(l.local_addr().unwrap()).unwrap();
            annals_server::serve(l, state).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

/// One HTTP/1.1 request; the status and the body.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut r = BufReader::new(s);
    let mut status = String::new();
    r.read_line(&mut status).unwrap();
    let code = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let mut chunked = false;
    let mut len: Option<usize> = None;
    loop {
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        let l = line.trim_end().to_ascii_lowercase();
        if l.is_empty() {
            break;
        }
        if l.starts_with("transfer-encoding:") && l.contains("chunked") {
            chunked = true;
        }
        if let Some(v) = l.strip_prefix("content-length:") {
            len = v.trim().parse().ok();
        }
    }
    let mut out = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            r.read_line(&mut size).unwrap();
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 {
                break;
            }
            let mut buf = vec![0; n + 2];
            r.read_exact(&mut buf).unwrap();
            out.extend_from_slice(&buf[..n]);
        }
    } else if let Some(n) = len {
        out.resize(n, 0);
        r.read_exact(&mut out).unwrap();
    } else {
        r.read_to_end(&mut out).unwrap();
    }
    (code, out)
}

pub fn get_json(addr: SocketAddr, path: &str) -> (u16, serde_json::Value) {
    let (c, b) = request(addr, "GET", path, &[], b"");
    (
        c,
        serde_json::from_slice(&b).unwrap_or(serde_json::Value::Null),
    )
}
