//! The HTTP API over a store of the bundled examples: reads, filters, errors, writes
//! behind the token, body limits, the OpenAPI document, the page, and a bounded load.

mod common;
use common::*;
use serde_json::Value;

#[test]
fn reads_and_filters() {
    let addr = start(example_db("reads"), None);
    let (c, h) = get_json(addr, "/api/health");
    assert_eq!(c, 200);
    assert_eq!(h["articles"], 90);
    let (c, v) = get_json(addr, "/api/events?actor=NRF&limit=50");
    assert_eq!(c, 200);
    let evs = v["events"].as_array().unwrap();
    assert!(!evs.is_empty());
    assert!(evs
        .iter()
        .all(|e| e["source_actor"]["id"] == "nrf" || e["target_actor"]["id"] == "nrf"));
    let id = evs[0]["event_id"].as_i64().unwrap();
    let (c, d) = get_json(addr, &format!("/api/events/{id}"));
    assert_eq!(c, 200);
    assert!(d["article"]["text"].as_str().unwrap().contains("Panjshir"));
    assert!(d["incident"]["id"].is_number());
    let (c, v) = get_json(addr, "/api/events?country=AF&type=Battles&sort=fatalities");
    assert_eq!(c, 200);
    assert!(v["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["place"]["country"] == "AF" && e["acled_event_type"] == "Battles"));
    let (c, v) = get_json(addr, "/api/incidents?limit=5");
    assert_eq!(c, 200);
    assert_eq!(v["incidents"].as_array().unwrap().len(), 5);
    let (c, v) = get_json(addr, "/api/actors?q=NRF");
    assert_eq!(c, 200);
    assert!(v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == "nrf"));
    let (c, v) = get_json(addr, "/api/places?q=Nangahar");
    assert_eq!(c, 200);
    assert_eq!(v["places"][0]["name"], "Nangarhar");
    let (c, v) = get_json(addr, "/api/stats?country=AF");
    assert_eq!(c, 200);
    assert!(v["events"].as_i64().unwrap() > 0 && !v["by_day"].as_array().unwrap().is_empty());
}

#[test]
fn bad_reads_get_json_errors() {
    let addr = start(example_db("badreads"), None);
    for (path, code, says) in [
        (
            "/api/events?from=2021-02-30",
            400,
            "not a real calendar day",
        ),
        ("/api/events?bbox=1,2,3", 400, "bbox"),
        ("/api/events?limit=lots", 400, "query string"),
        ("/api/events?certainty=sure", 400, "certainty"),
        ("/api/events/abc", 400, "not a number"),
        ("/api/events/99999999", 404, "no event"),
        ("/api/actors", 400, "q:"),
        ("/api/nowhere", 404, "no such route"),
    ] {
        let (c, v) = get_json(addr, path);
        assert_eq!(c, code, "{path}: {v}");
        assert!(
            v["error"].as_str().unwrap_or("").contains(says),
            "{path}: {v}"
        );
    }
}

const ARTICLE: &str = r#"{"id": "post-1", "date": "2024-03-10", "source": "Test Wire", "text": "Gunmen attacked a market in Maiduguri on Saturday, killing 12 people, police said."}"#;

#[test]
fn writes_need_the_token() {
    let dir_db = example_db("writes");
    let addr = start(dir_db, Some("s3cret"));
    let post = |headers: &[(&str, &str)], body: &[u8]| {
        let (c, b) = request(addr, "POST", "/api/articles", headers, body);
        (
            c,
            serde_json::from_slice::<Value>(&b).unwrap_or(Value::Null),
        )
    };
    let (c, v) = post(&[], ARTICLE.as_bytes());
    assert_eq!(c, 401, "{v}");
    assert!(v["error"].is_string());
    let (c, _) = post(&[("Authorization", "Bearer wrong")], ARTICLE.as_bytes());
    assert_eq!(c, 401);
    let auth = [
        ("Authorization", "Bearer s3cret"),
        ("Content-Type", "application/json"),
    ];
    let (c, v) = post(&auth, ARTICLE.as_bytes());
    assert_eq!(c, 200, "{v}");
    assert_eq!(v["articles"][0]["stored"], true);
    assert!(v["articles"][0]["events"].as_u64().unwrap() >= 1);
    let (c, v) = post(&auth, ARTICLE.as_bytes());
    assert_eq!(c, 200);
    assert!(v["articles"][0]["duplicate_of"].is_number(), "{v}");
    let (_, h) = get_json(addr, "/api/health");
    assert_eq!(h["articles"], 91);

    // Malformed bodies: 400 naming the problem; nothing stored.
    let (c, v) = post(&auth, b"{\"id\": \"x\", \"date\": ");
    assert_eq!(c, 400, "{v}");
    assert!(v["error"].as_str().unwrap().contains("malformed JSON"));
    let two = format!("{ARTICLE}\n{{\"id\": \"nodate\", \"text\": \"Police arrested 3.\"}}\n");
    let (c, v) = post(&auth, two.as_bytes());
    assert_eq!(c, 400);
    assert!(
        v["error"].as_str().unwrap().contains("request:2")
            && v["error"].as_str().unwrap().contains("date"),
        "{v}"
    );
    let (c, _) = post(&auth, b"just words");
    assert_eq!(c, 400);
    let (c, _) = post(&auth, b"");
    assert_eq!(c, 400);
    let (_, h) = get_json(addr, "/api/health");
    assert_eq!(h["articles"], 91);

    // Oversized: 413 with a JSON error.
    let big = format!(
        "{{\"id\": \"big\", \"date\": \"2024-01-01\", \"text\": \"{}\"}}",
        "a ".repeat(annals_server::MAX_BODY_BYTES / 2 + 10)
    );
    let (c, v) = post(&auth, big.as_bytes());
    assert_eq!(c, 413, "{v}");
    assert!(v["error"].is_string());
}

#[test]
fn writes_are_refused_without_a_configured_token() {
    let addr = start(example_db("notoken"), None);
    let (c, b) = request(
        addr,
        "POST",
        "/api/articles",
        &[("Authorization", "Bearer anything")],
        ARTICLE.as_bytes(),
    );
    assert_eq!(c, 401);
    assert!(String::from_utf8_lossy(&b).contains("ANNALS_TOKEN"));
}

#[test]
fn openapi_document_matches_the_routes() {
    let doc: Value = serde_json::from_str(annals_server::OPENAPI).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    // Valid against the OpenAPI Initiative's schema of OpenAPI 3.1 (vendored in tests/).
    let oas: Value = serde_json::from_str(include_str!("oas-3.1.schema.json")).unwrap();
    let v = jsonschema::validator_for(&oas).expect("the OAS schema compiles");
    let errors: Vec<String> = v
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut broken = doc.clone();
    broken["paths"]["/api/health"]["get"]["responses"] = Value::String("none".into());
    assert!(!v.is_valid(&broken), "the schema catches a broken document");
    let paths = doc["paths"].as_object().unwrap();
    let mut documented: Vec<(String, String)> = Vec::new();
    for (p, ops) in paths {
        for (m, op) in ops.as_object().unwrap() {
            documented.push((m.clone(), p.clone()));
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{m} {p} has no responses"
            );
            assert!(op["operationId"].is_string(), "{m} {p} has no operationId");
            for prm in op["parameters"].as_array().into_iter().flatten() {
                assert!(
                    prm["name"].is_string() && prm["in"].is_string() && prm["schema"].is_object(),
                    "{m} {p}: {prm}"
                );
                if prm["in"] == "path" {
                    assert!(
                        p.contains(&format!("{{{}}}", prm["name"].as_str().unwrap())),
                        "{m} {p}: path parameter"
                    );
                }
            }
        }
    }
    let mut routes: Vec<(String, String)> = annals_server::ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    documented.sort();
    routes.sort();
    assert_eq!(documented, routes);
    // Every $ref resolves.
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(r) = m.get("$ref").and_then(Value::as_str) {
                    out.push(r.to_string());
                }
                m.values().for_each(|x| refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    for r in all {
        let ptr = r.strip_prefix('#').unwrap();
        assert!(doc.pointer(ptr).is_some(), "{r} does not resolve");
    }
    // And the server answers every documented GET route.
    let addr = start(example_db("openapi"), None);
    for (m, p) in annals_server::ROUTES {
        if *m == "get" {
            let path = p.replace("{id}", "1")
                + if p.ends_with("actors") || p.ends_with("places") {
                    "?q=Kabul"
                } else {
                    ""
                };
            let (c, _) = request(addr, "GET", &path, &[], b"");
            assert_eq!(c, 200, "GET {path}");
        }
    }
    let (_, b) = request(addr, "GET", "/api/openapi.json", &[], b"");
    assert_eq!(serde_json::from_slice::<Value>(&b).unwrap(), doc);
}

#[test]
fn the_page_and_its_assets_are_served() {
    let addr = start(example_db("page"), None);
    let (c, b) = request(addr, "GET", "/", &[], b"");
    assert_eq!(c, 200);
    let html = String::from_utf8_lossy(&b);
    assert!(
        html.contains("id=\"map\"")
            && html.contains("id=\"timeline\"")
            && html.contains("id=\"evidence\"")
    );
    for a in [
        "/assets/app.js",
        "/assets/style.css",
        "/assets/countries-110m.json",
    ] {
        let (c, b) = request(addr, "GET", a, &[], b"");
        assert_eq!(c, 200, "{a}");
        assert!(!b.is_empty());
    }
}

#[test]
fn a_bounded_load_gets_no_errors() {
    let addr = start(example_db("load"), None);
    let r = annals_server::load::run(addr, "/api/events?limit=50", 2_000, 8);
    assert_eq!(r.errors, 0, "{r:?}");
    assert_eq!(r.requests, 2_000);
}

/// Search text is words, never FTS5 syntax; pages and wildcards are bounded; a client's
/// mistake is a 400 naming the parameter and no database message reaches the client.
#[test]
fn hostile_filters_are_client_errors_or_plain_words() {
    let addr = start(example_db("hostile"), None);
    let (_, all) = get_json(addr, "/api/events?limit=1000");
    let total = all["events"].as_array().unwrap().len();
    assert!(total > 0);
    // Each is read as words: an answer, not an error.
    for q in [
        "St.%20Louis",
        "Davis-Riley",
        "nosuchcol%3Ax",
        "-Taliban",
        "%7Ba%20b%7D%3A%20x",
        "a*",
        "NEAR(Taliban%20NRF)",
        "%22Panjshir",
    ] {
        let (c, v) = get_json(addr, &format!("/api/events?text={q}"));
        assert_eq!(c, 200, "text={q}: {v}");
        assert!(v["events"].is_array(), "text={q}: {v}");
    }
    let (c, v) = get_json(addr, "/api/events?text=Panjshir");
    assert_eq!(c, 200);
    assert!(!v["events"].as_array().unwrap().is_empty(), "{v}");
    let many = vec!["a*"; 8000].join("%20");
    for (path, says) in [
        ("/api/events?text=%22".to_string(), "text: no word"),
        (format!("/api/events?text={many}"), "text: at most"),
        (
            "/api/events?offset=9223372036854775808".to_string(),
            "offset: at most",
        ),
    ] {
        let (c, v) = get_json(addr, &path);
        assert_eq!(c, 400, "{path}: {v}");
        let e = v["error"].as_str().unwrap_or("");
        assert!(e.starts_with(says), "{path}: {v}");
        assert!(!e.contains("fts5") && !e.contains("SQL"), "{path}: {v}");
    }
    // LIKE's wildcards are characters of a name, not patterns that match everyone.
    for a in ["%25", "_"] {
        let (c, v) = get_json(addr, &format!("/api/events?actor={a}&limit=1000"));
        assert_eq!(c, 200, "actor={a}: {v}");
        assert!(v["events"].as_array().unwrap().is_empty(), "actor={a}: {v}");
    }
}

/// The response headers of `GET path`, lower-cased.
fn headers_of(addr: std::net::SocketAddr, path: &str) -> Vec<String> {
    use std::io::{BufRead, BufReader, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    BufReader::new(s)
        .lines()
        .map_while(Result::ok)
        .take_while(|l| !l.is_empty())
        .map(|l| l.to_ascii_lowercase())
        .collect()
}

/// Every answer, page, asset, JSON or error, forbids inline script and content sniffing.
#[test]
fn every_answer_sends_the_content_security_policy() {
    let addr = start(example_db("csp"), None);
    for path in [
        "/",
        "/assets/app.js",
        "/api/health",
        "/api/events?limit=1",
        "/nowhere",
    ] {
        let h = headers_of(addr, path);
        let csp = h
            .iter()
            .find(|l| l.starts_with("content-security-policy:"))
            .unwrap_or_else(|| panic!("{path}: no CSP in {h:?}"));
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert!(
            h.iter().any(|l| l == "x-content-type-options: nosniff"),
            "{path}: {h:?}"
        );
    }
}

/// The page builds its DOM from text: no HTML is ever parsed from a string, so nothing a
/// feed stores (ids, sources, urls, names, article text) can become markup or script.
#[test]
fn the_page_never_parses_html_from_strings() {
    let js = std::fs::read_to_string(repo().join("crates/annals-server/assets/app.js")).unwrap();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.contains(sink), "app.js uses {sink}");
    }
    // Links are only followed when they are web links.
    assert!(js.contains("p.protocol === \"http:\" || p.protocol === \"https:\""));
    let html =
        std::fs::read_to_string(repo().join("crates/annals-server/assets/index.html")).unwrap();
    assert!(
        !html.contains("<script>"),
        "inline script is refused by the CSP"
    );
    for handler in [
        " onclick=",
        " onload=",
        " onerror=",
        " onsubmit=",
        " onmouseover=",
    ] {
        assert!(
            !html.contains(handler),
            "index.html has an inline{handler} handler"
        );
    }
    assert!(
        !html.contains("style=\""),
        "inline styles are refused by the CSP"
    );
}
