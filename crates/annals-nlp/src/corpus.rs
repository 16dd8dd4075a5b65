//! Reading annotated corpora: CoNLL-U treebanks (words, tags, trees).

/// One word of a treebank sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Surface form.
    pub form: String,
    /// Universal POS tag.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    /// Head index (1-based; 0 is the root).
    pub head: usize,
    /// Universal dependency relation.
    pub deprel: String,
}

/// Read the sentences of a CoNLL-U file (multi-word token lines and empty nodes are
/// skipped: the syntactic words are what taggers and parsers see). Errors name the line.
pub fn read_conllu(text: &str) -> Result<Vec<Vec<Word>>, String> {
    let mut out = Vec::new();
    let mut cur: Vec<Word> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 10 {
            return Err(format!(
                "line {}: expected 10 columns, found {}",
                i + 1,
                c.len()
            ));
        }
        if c[0].contains('-') || c[0].contains('.') {
            continue;
        }
        let head = c[6]
            .parse()
            .map_err(|_| format!("line {}: bad head {:?}", i + 1, c[6]))?;
        cur.push(Word {
            form: c[1].to_string(),
            upos: c[3].to_string(),
            xpos: c[4].to_string(),
            head,
            deprel: c[7].to_string(),
        });
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_skips_ranges() {
        let s = "# text = I didn't\n1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdid\tdo\tAUX\tVBD\t_\t0\troot\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n\n";
        let v = read_conllu(s).unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].len(), 3);
        assert_eq!(v[0][2].deprel, "advmod");
        assert!(read_conllu("1\tx\n").unwrap_err().starts_with("line 1"));
    }
}
