//! Bad input never stops the good records around it: every bad record gets one error on
//! standard error naming its file and line (or byte), and the exit status says that some
//! records failed.

mod common;
use common::*;
use std::path::PathBuf;

const GOOD: &str = "Police arrested 12 protesters in Kabul on Monday, officials said.";

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("annals-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn good_line(id: &str) -> String {
    serde_json::json!({"id": id, "date": "2021-09-02", "text": GOOD}).to_string()
}

#[test]
fn bad_json_lines_are_skipped_and_named() {
    let d = tmpdir("jsonl");
    let mut bytes = Vec::new();
    bytes.extend(good_line("a").as_bytes());
    bytes.extend(b"\n{\"id\": \"broken\", \"date\": \n"); // line 2: malformed JSON
    bytes.extend(b"{\"id\":\"utf\",\"date\":\"2021-09-02\",\"text\":\"bad \xff\xfe bytes\"}\n"); // line 3: invalid UTF-8
    bytes.extend(b"{\"id\":\"nodate\",\"text\":\"Police arrested 3.\"}\n"); // line 4: missing date
    bytes.extend(b"{\"id\":\"feb30\",\"date\":\"2021-02-30\",\"text\":\"Police arrested 3.\"}\n"); // line 5: impossible date
    bytes.extend(b"{\"id\":\"empty\",\"date\":\"2021-09-02\",\"text\":\"   \"}\n"); // line 6: empty text
    bytes.extend(b"{\"id\":\"bin\",\"date\":\"2021-09-02\",\"text\":\"\\u0000\\u0001\\u0002\"}\n"); // line 7: binary
    bytes.extend(b"{\"id\":\"html\",\"date\":\"2021-09-02\",\"text\":\"<html><body><p>Police arrested 3.</p></body></html>\"}\n"); // line 8: HTML
    bytes.extend(good_line("b").as_bytes());
    bytes.push(b'\n');
    std::fs::write(d.join("mixed.jsonl"), &bytes).unwrap();
    let out = annals(&["extract", d.join("mixed.jsonl").to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1), "some records failed");
    let ids: Vec<String> = json_lines(&out.stdout)
        .iter()
        .map(|o| o["article"]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "b"], "good records kept, in order");
    let err = String::from_utf8_lossy(&out.stderr);
    for (line, what) in [
        (2, "malformed JSON"),
        (3, "invalid UTF-8"),
        (4, "missing \"date\""),
        (5, "not a real calendar day"),
        (6, "empty text"),
        (7, "binary"),
        (8, "HTML"),
    ] {
        assert!(
            err.contains(&format!("mixed.jsonl:{line}: "))
                && err
                    .lines()
                    .any(|l| l.contains(&format!(":{line}: ")) && l.contains(what)),
            "line {line} ({what}) not reported:\n{err}"
        );
    }
    assert!(!err.contains("panicked"));
}

#[test]
fn bad_files_in_a_directory_do_not_stop_the_rest() {
    let d = tmpdir("dir");
    std::fs::write(d.join("a_good.txt"), format!(" date 2021-09-02 {GOOD}")).unwrap();
    std::fs::write(d.join("b_nodate.txt"), GOOD).unwrap();
    std::fs::write(
        d.join("c_binary.bin"),
        [0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3],
    )
    .unwrap();
    std::fs::write(d.join("d_empty.txt"), "").unwrap();
    std::fs::write(d.join("e_baddate.txt"), format!(" date 2021-13-01 {GOOD}")).unwrap();
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("sub/f_good.jsonl"), good_line("nested") + "\n").unwrap();
    std::fs::write(d.join("g_french.txt"), " date 2021-09-02 Le gouvernement a annoncé mardi que les forces de sécurité avaient repris le contrôle de la ville après des combats qui ont duré plusieurs jours selon les autorités locales et des témoins sur place dans la région.").unwrap();
    let out = annals(&["extract", d.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let ids: Vec<String> = json_lines(&out.stdout)
        .iter()
        .map(|o| o["article"]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a_good", "nested"]);
    let err = String::from_utf8_lossy(&out.stderr);
    for (file, what) in [
        ("b_nodate.txt", "no date"),
        ("c_binary.bin", "binary"),
        ("d_empty.txt", "empty"),
        ("e_baddate.txt", "not a real calendar day"),
        ("g_french.txt", "not English"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(what)),
            "{file} ({what}) not reported:\n{err}"
        );
    }
}

#[test]
fn standard_input_and_date_flag() {
    let out = annals(
        &["extract", "-", "--date", "2021-09-02"],
        Some(GOOD.as_bytes()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let o = json_lines(&out.stdout).remove(0);
    assert_eq!(o["article"]["date"], "2021-09-02");
    assert_eq!(o["events"][0]["plover_mode"], "arrest");
    assert_eq!(o["events"][0]["arrested"]["value"], 12);
    assert_eq!(
        o["events"][0]["date"]["value"], "2021-08-30",
        "Monday before Thursday 2021-09-02"
    );

    let out = annals(
        &["extract", "-", "--date", "2021-02-30"],
        Some(GOOD.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--date"));
}

#[test]
fn huge_input_is_refused_by_name() {
    let d = tmpdir("huge");
    let text = "The police said the protest went on. ".repeat(250_000); // about 9 MB
    std::fs::write(d.join("huge.txt"), format!(" date 2021-09-02 {text}")).unwrap();
    std::fs::write(d.join("ok.txt"), format!(" date 2021-09-02 {GOOD}")).unwrap();
    let out = annals(&["extract", d.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_lines(&out.stdout).len(), 1);
    assert!(String::from_utf8_lossy(&out.stderr)
        .lines()
        .any(|l| l.contains("huge.txt") && l.contains("limit")));
}

#[cfg(unix)]
#[test]
fn a_closed_output_pipe_ends_the_run_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // `annals eval ... | head`: the reader is gone before the figures are printed.
    let d = tmpdir("pipe");
    let conllu = d.join("tiny.conllu");
    std::fs::write(
        &conllu,
        "# newdoc id = a\n# sent_id = a-1\n# text = Police came.\n\
         1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n\
         2\tcame\tcome\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
         3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["eval", "tokens", "--conllu", conllu.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(status.code(), Some(101), "{err}");
}

/// Words far longer than any place name cost no more than their letters: a
/// 200,000-letter capitalised token and one town's name written 40,000 times over are
/// coded in seconds (the misspelling look-up once hashed every deletion of the whole
/// token, minutes for these). The deadline is generous; the old cost was far past it.
#[test]
fn a_monstrous_token_costs_no_more_than_its_letters() {
    let text = format!(
        "Gunmen attacked a village. K{} said police.",
        "a".repeat(200_000)
    );
    let town = format!("Gunmen attacked {} on Monday.", "Kabul".repeat(40_000));
    let input: String = [("long", text), ("town", town)]
        .iter()
        .map(|(id, t)| {
            serde_json::json!({"id": id, "date": "2021-09-02", "text": t}).to_string() + "\n"
        })
        .collect();
    let start = std::time::Instant::now();
    let out = annals(&["extract", "-"], Some(input.as_bytes()));
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json_lines(&out.stdout).len(), 2);
    assert!(took.as_secs() < 60, "took {took:?}");
}

/// `annals extract -` is a filter that streams: the answer to the first record comes out
/// while standard input is still open, as `tail -f` and Spark's `RDD.pipe` need.
#[test]
fn standard_input_is_streamed_record_by_record() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["extract", "-"])
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run annals");
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    writeln!(stdin, "{}", good_line("first")).unwrap();
    stdin.flush().unwrap();
    // Read the first answer on another thread, so that a filter that waits for the end
    // of its input fails the test instead of hanging it.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let mut r = BufReader::new(stdout);
        let _ = r.read_line(&mut line);
        let _ = tx.send((line, r));
    });
    let (first, mut rest) = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("no output while standard input was open");
    let v: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(v["article"]["id"], "first");
    // The stream goes on, and ends when its input does.
    writeln!(stdin, "{}", good_line("second")).unwrap();
    drop(stdin);
    let mut second = String::new();
    rest.read_line(&mut second).unwrap();
    let v: serde_json::Value = serde_json::from_str(&second).unwrap();
    assert_eq!(v["article"]["id"], "second");
    assert!(child.wait().unwrap().success());
}
