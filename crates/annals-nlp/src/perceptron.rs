//! A multi-class averaged perceptron over hashed string features, with a compact
//! binary model format. Training is deterministic: the caller fixes the example order.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Write};

/// Feature keys are already hashes: the map only needs to spread them, not to hash them
/// again (SipHash per look-up was the tagger's and parser's largest cost).
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100000001b3);
        }
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = k.wrapping_mul(0x9E3779B97F4A7C15).rotate_left(29);
    }
}

/// A map keyed by feature hashes.
pub type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// A 64-bit FNV-1a hash of feature bytes: stable across runs and platforms, so saved
/// models keep their meaning.
pub fn feature_hash(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x100000001b3);
        }
        for &b in *p {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

/// [`feature_hash`] of string parts, without collecting them first.
pub fn feature_hash_str(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x100000001b3);
        }
        for &b in p.as_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

#[derive(Clone, Default)]
struct Cell {
    w: f32,
    total: f64,
    stamp: u32,
}

/// A trainable averaged perceptron.
pub struct Trainer {
    n: usize,
    cells: FeatureMap<Vec<Cell>>,
    step: u32,
}

impl Trainer {
    /// A trainer for `n` classes.
    pub fn new(n: usize) -> Self {
        Trainer {
            n,
            cells: FeatureMap::default(),
            step: 0,
        }
    }

    /// Scores of every class for these features (current, not averaged, weights).
    pub fn scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.n, 0.0);
        for f in feats {
            if let Some(c) = self.cells.get(f) {
                for (o, cell) in out.iter_mut().zip(c) {
                    *o += cell.w;
                }
            }
        }
    }

    /// One example seen: if `guess` is not `truth`, move weights toward the truth.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        self.step += 1;
        if truth == guess {
            return;
        }
        let (n, step) = (self.n, self.step);
        for f in feats {
            let c = self
                .cells
                .entry(*f)
                .or_insert_with(|| vec![Cell::default(); n]);
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let cell = &mut c[class];
                cell.total += (step - cell.stamp) as f64 * cell.w as f64;
                cell.stamp = step;
                cell.w += delta;
            }
        }
    }

    /// The averaged model. Weights whose magnitude is below `prune` are dropped.
    pub fn average(&self, prune: f32) -> Model {
        let mut weights: Vec<(u64, Vec<(u16, f32)>)> = Vec::with_capacity(self.cells.len());
        for (f, c) in &self.cells {
            let mut v = Vec::new();
            for (class, cell) in c.iter().enumerate() {
                let total = cell.total + (self.step - cell.stamp) as f64 * cell.w as f64;
                let avg = (total / self.step.max(1) as f64) as f32;
                if avg.abs() >= prune {
                    v.push((class as u16, avg));
                }
            }
            if !v.is_empty() {
                weights.push((*f, v));
            }
        }
        weights.sort_by_key(|w| w.0);
        Model::from_sparse(self.n, weights)
    }
}

/// A trained model: sparse class weights per feature.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Number of classes.
    pub n: usize,
    index: FeatureMap<(u32, u16)>, // feature -> (offset, count) into `entries`
    entries: Vec<(u16, f32)>,
}

impl Model {
    fn from_sparse(n: usize, weights: Vec<(u64, Vec<(u16, f32)>)>) -> Self {
        let mut index = FeatureMap::with_capacity_and_hasher(weights.len(), Default::default());
        let mut entries = Vec::new();
        for (f, v) in weights {
            index.insert(f, (entries.len() as u32, v.len() as u16));
            entries.extend(v);
        }
        Model { n, index, entries }
    }

    /// Add the scores of every class for these features to `out` (resized to `n`).
    pub fn scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.n, 0.0);
        for f in feats {
            if let Some(&(o, c)) = self.index.get(f) {
                for &(class, w) in &self.entries[o as usize..o as usize + c as usize] {
                    out[class as usize] += w;
                }
            }
        }
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.index.len()
    }

    /// Write in a compact little-endian form: n, feature count, then per feature (in key
    /// order) the key, the entry count and (class, weight) pairs.
    pub fn write(&self, w: &mut dyn Write) -> std::io::Result<()> {
        w.write_all(&(self.n as u32).to_le_bytes())?;
        w.write_all(&(self.index.len() as u32).to_le_bytes())?;
        let mut keys: Vec<&u64> = self.index.keys().collect();
        keys.sort();
        for k in keys {
            let (o, c) = self.index[k];
            w.write_all(&k.to_le_bytes())?;
            w.write_all(&c.to_le_bytes())?;
            for &(class, weight) in &self.entries[o as usize..o as usize + c as usize] {
                w.write_all(&class.to_le_bytes())?;
                w.write_all(&weight.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Read what [`Model::write`] wrote.
    pub fn read(r: &mut dyn Read) -> std::io::Result<Self> {
        let mut b4 = [0u8; 4];
        let mut b8 = [0u8; 8];
        let mut b2 = [0u8; 2];
        r.read_exact(&mut b4)?;
        let n = u32::from_le_bytes(b4) as usize;
        r.read_exact(&mut b4)?;
        let count = u32::from_le_bytes(b4) as usize;
        let mut index = FeatureMap::with_capacity_and_hasher(count, Default::default());
        let mut entries = Vec::with_capacity(count * 3);
        for _ in 0..count {
            r.read_exact(&mut b8)?;
            r.read_exact(&mut b2)?;
            let c = u16::from_le_bytes(b2);
            index.insert(u64::from_le_bytes(b8), (entries.len() as u32, c));
            for _ in 0..c {
                r.read_exact(&mut b2)?;
                r.read_exact(&mut b4)?;
                let class = u16::from_le_bytes(b2);
                if class as usize >= n {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "class index out of range",
                    ));
                }
                entries.push((class, f32::from_le_bytes(b4)));
            }
        }
        Ok(Model { n, index, entries })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let data: Vec<(Vec<u64>, usize)> = (0..200)
            .map(|i| {
                (
                    vec![
                        feature_hash(&[b"bias"]),
                        feature_hash(&[b"x", &[(i % 3) as u8]]),
                    ],
                    i % 3,
                )
            })
            .collect();
        let mut t = Trainer::new(3);
        let mut s = Vec::new();
        for _ in 0..3 {
            for (f, y) in &data {
                t.scores(f, &mut s);
                let g = (0..3).max_by(|a, b| s[*a].total_cmp(&s[*b])).unwrap();
                t.update(f, *y, g);
            }
        }
        let m = t.average(0.0);
        for (f, y) in &data {
            m.scores(f, &mut s);
            assert_eq!((0..3).max_by(|a, b| s[*a].total_cmp(&s[*b])).unwrap(), *y);
        }
        let mut buf = Vec::new();
        m.write(&mut buf).unwrap();
        assert_eq!(Model::read(&mut buf.as_slice()).unwrap(), m);
    }
}

impl Model {
    /// The model without weights of magnitude below `th`, and without features left
    /// with none.
    pub fn pruned(&self, th: f32) -> Model {
        let mut weights: Vec<(u64, Vec<(u16, f32)>)> = self
            .index
            .iter()
            .map(|(&f, &(o, c))| {
                (
                    f,
                    self.entries[o as usize..o as usize + c as usize]
                        .iter()
                        .copied()
                        .filter(|e| e.1.abs() >= th)
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, v)| !v.is_empty())
            .collect();
        weights.sort_by_key(|w| w.0);
        Model::from_sparse(self.n, weights)
    }
}

/// An `InvalidData` error that names the model file.
pub fn bad_model(path: &std::path::Path, message: &str) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("{}: {message}", path.display()),
    )
}

/// Write a model file: an 8-byte magic, a JSON header (what the model needs besides its
/// weights), then the weights.
pub fn save_model_file(
    path: &std::path::Path,
    magic: &[u8; 8],
    header: &serde_json::Value,
    model: &Model,
) -> std::io::Result<()> {
    let h = serde_json::to_vec(header).map_err(std::io::Error::other)?;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    f.write_all(magic)?;
    f.write_all(&(h.len() as u32).to_le_bytes())?;
    f.write_all(&h)?;
    model.write(&mut f)?;
    f.flush()
}

/// Read a file written by [`save_model_file`], checking its magic (`what` names the kind
/// of model in the error).
pub fn load_model_file(
    path: &std::path::Path,
    magic: &[u8; 8],
    what: &str,
) -> std::io::Result<(serde_json::Value, Model)> {
    let mut f = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut m = [0u8; 8];
    f.read_exact(&mut m)?;
    if &m != magic {
        return Err(bad_model(path, &format!("not an annals {what} model")));
    }
    let mut b4 = [0u8; 4];
    f.read_exact(&mut b4)?;
    let mut h = vec![0u8; u32::from_le_bytes(b4) as usize];
    f.read_exact(&mut h)?;
    let header: serde_json::Value =
        serde_json::from_slice(&h).map_err(|e| bad_model(path, &e.to_string()))?;
    let model = Model::read(&mut f)?;
    Ok((header, model))
}

/// One field of a model file's header.
pub fn header_field<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    header: &serde_json::Value,
    key: &str,
) -> std::io::Result<T> {
    serde_json::from_value(header[key].clone()).map_err(|e| bad_model(path, &format!("{key}: {e}")))
}
