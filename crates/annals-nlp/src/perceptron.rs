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

/// A trainable averaged perceptron. The current weights of a feature are one row of
/// `w`, apart from the running totals for the average (`acc`): scoring, done at every
/// step, reads only the rows it needs, four bytes a class.
pub struct Trainer {
    n: usize,
    rows: FeatureMap<u32>,
    w: Vec<f32>,
    acc: Vec<(f64, u32)>, // (sum of weight over steps until `stamp`, stamp)
    step: u32,
}

impl Trainer {
    /// A trainer for `n` classes.
    pub fn new(n: usize) -> Self {
        Trainer {
            n,
            rows: FeatureMap::default(),
            w: Vec::new(),
            acc: Vec::new(),
            step: 0,
        }
    }

    /// Scores of every class for these features (current, not averaged, weights).
    pub fn scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.n, 0.0);
        let n = self.n;
        for f in feats {
            if let Some(&r) = self.rows.get(f) {
                let row = &self.w[r as usize * n..(r as usize + 1) * n];
                for (o, x) in out.iter_mut().zip(row) {
                    *o += x;
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
            let next = self.rows.len() as u32;
            let r = *self.rows.entry(*f).or_insert(next) as usize;
            if r == next as usize {
                self.w.resize((r + 1) * n, 0.0);
                self.acc.resize((r + 1) * n, (0.0, 0));
            }
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let i = r * n + class;
                let (total, stamp) = &mut self.acc[i];
                *total += (step - *stamp) as f64 * self.w[i] as f64;
                *stamp = step;
                self.w[i] += delta;
            }
        }
    }

    /// The averaged model. Weights whose magnitude is below `prune` are dropped.
    pub fn average(&self, prune: f32) -> Model {
        let n = self.n;
        let mut weights: Vec<(u64, Vec<(u16, f32)>)> = Vec::with_capacity(self.rows.len());
        for (f, &r) in &self.rows {
            let mut v = Vec::new();
            for class in 0..n {
                let i = r as usize * n + class;
                let (sum, stamp) = self.acc[i];
                let total = sum + (self.step - stamp) as f64 * self.w[i] as f64;
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

/// Round a weight to bfloat16 (the upper half of an f32, nearest even): eight bits of
/// precision are plenty for a linear model's votes, and halve the model.
fn bf16_bits(x: f32) -> u16 {
    let b = x.to_bits();
    let rounded = b.wrapping_add(0x7FFF + ((b >> 16) & 1));
    (rounded >> 16) as u16
}

/// One packed weight: the class in the low 16 bits, the bfloat16 weight in the high.
#[inline]
fn unpack(e: u32) -> (usize, f32) {
    ((e & 0xFFFF) as usize, f32::from_bits(e & 0xFFFF_0000))
}

/// One slot of [`FeatureTable`]: a feature key (0 = empty) and where its weights are.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[repr(C)]
struct Slot {
    key: u64,
    offset: u32,
    count: u32,
}

/// An open-addressing table from feature keys to their weights, a quarter to half
/// empty. Scoring looks up some eighty features per decision in a table far larger than
/// the caches; laid out flat, the slots of all of them can be fetched from memory at once
/// (see [`Model::scores`]) instead of one miss after another.
#[derive(Debug, Clone, PartialEq)]
struct FeatureTable {
    slots: Vec<Slot>,
    mask: usize,
    len: usize,
}

/// Keys are hashes already; 0 marks an empty slot, so a (rare) key 0 is stored as 1.
#[inline]
fn table_key(f: u64) -> u64 {
    f.max(1)
}

impl FeatureTable {
    fn with_capacity(n: usize) -> Self {
        let size = (n + n / 2 + 16).next_power_of_two();
        let mut slots = Vec::with_capacity(size);
        advise_huge_pages(
            slots.as_ptr() as *const u8,
            size * std::mem::size_of::<Slot>(),
        );
        slots.resize(size, Slot::default());
        FeatureTable {
            slots,
            mask: size - 1,
            len: 0,
        }
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20) as usize & self.mask
    }

    fn insert(&mut self, f: u64, offset: u32, count: u32) {
        let key = table_key(f);
        let mut i = self.home(key);
        loop {
            let s = &mut self.slots[i];
            if s.key == 0 || s.key == key {
                if s.key == 0 {
                    self.len += 1;
                }
                *s = Slot { key, offset, count };
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    #[inline]
    fn get(&self, f: u64) -> Option<(u32, u32)> {
        let key = table_key(f);
        let mut i = self.home(key);
        loop {
            let s = &self.slots[i];
            if s.key == key {
                return Some((s.offset, s.count));
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    #[inline]
    fn prefetch(&self, f: u64) {
        let p = &self.slots[self.home(table_key(f))] as *const Slot;
        prefetch_read(p as *const u8);
    }

    /// Keys in ascending order with their (offset, count).
    fn sorted(&self) -> Vec<(u64, u32, u32)> {
        let mut v: Vec<(u64, u32, u32)> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, s.offset, s.count))
            .collect();
        v.sort_unstable();
        v
    }
}

/// Ask the kernel to back a large, not yet touched allocation with 2 MB pages: the
/// weights are read at random, and with 4 KB pages most reads also miss the TLB. Only a
/// hint (Linux with transparent huge pages on `madvise`); elsewhere nothing happens.
fn advise_huge_pages(start: *const u8, len: usize) {
    const HUGE: usize = 2 << 20;
    if len < 4 * HUGE {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        let from = (start as usize).div_ceil(HUGE) * HUGE;
        let to = (start as usize + len) / HUGE * HUGE;
        if to > from {
            // SAFETY: the range lies inside one live allocation of ours; MADV_HUGEPAGE
            // changes how it is backed, never its contents or validity.
            unsafe {
                libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = start;
}

/// Ask the CPU to bring a cache line in ahead of use (a no-op where not supported).
#[inline(always)]
fn prefetch_read(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint; it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// A trained model: sparse class weights per feature, each a packed 32-bit entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Number of classes.
    pub n: usize,
    index: FeatureTable, // feature -> (offset, count) into `entries`
    entries: Vec<u32>,
}

impl Model {
    fn from_sparse(n: usize, weights: Vec<(u64, Vec<(u16, f32)>)>) -> Self {
        let mut index = FeatureTable::with_capacity(weights.len());
        let mut entries = Vec::new();
        for (f, v) in weights {
            let start = entries.len();
            entries.extend(
                v.into_iter()
                    .map(|(c, w)| ((bf16_bits(w) as u32) << 16) | c as u32)
                    .filter(|e| e & 0x7FFF_0000 != 0),
            );
            if entries.len() > start {
                index.insert(f, start as u32, (entries.len() - start) as u32);
            }
        }
        Model { n, index, entries }
    }

    /// Add the scores of every class for these features to `out` (resized to `n`).
    pub fn scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.n, 0.0);
        // Three passes so that the memory fetches of all features overlap: the table
        // slots first, then the weight lists, then the sums.
        for &f in feats {
            self.index.prefetch(f);
        }
        let mut found: [(u32, u32); 160] = [(0, 0); 160];
        let mut k = 0;
        for &f in feats {
            if let Some(hit) = self.index.get(f) {
                if k == found.len() {
                    self.add(hit, out);
                    continue;
                }
                prefetch_read(self.entries[hit.0 as usize..].as_ptr() as *const u8);
                found[k] = hit;
                k += 1;
            }
        }
        for &hit in &found[..k] {
            self.add(hit, out);
        }
    }

    #[inline]
    fn add(&self, (o, c): (u32, u32), out: &mut [f32]) {
        for &e in &self.entries[o as usize..(o + c) as usize] {
            let (class, w) = unpack(e);
            out[class] += w;
        }
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.index.len
    }

    /// Write in a compact little-endian form: n, feature count, then per feature (in key
    /// order) the key, the entry count and the packed entries.
    pub fn write(&self, w: &mut dyn Write) -> std::io::Result<()> {
        w.write_all(&(self.n as u32).to_le_bytes())?;
        w.write_all(&(self.index.len as u32).to_le_bytes())?;
        for (k, o, c) in self.index.sorted() {
            w.write_all(&k.to_le_bytes())?;
            w.write_all(&(c as u16).to_le_bytes())?;
            for &e in &self.entries[o as usize..o as usize + c as usize] {
                w.write_all(&e.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Read what [`Model::write`] wrote (the whole rest of the reader).
    pub fn read(r: &mut dyn Read) -> std::io::Result<Self> {
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes)?;
        Ok(Model::from_bytes(&bytes)?.0)
    }

    /// Read one model from the start of `bytes`; also returns the bytes it took.
    pub fn from_bytes(bytes: &[u8]) -> std::io::Result<(Self, usize)> {
        let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_string());
        let mut at = 0usize;
        let mut take = |k: usize| -> std::io::Result<&[u8]> {
            let s = bytes
                .get(at..at + k)
                .ok_or_else(|| bad("model weights cut short"))?;
            at += k;
            Ok(s)
        };
        let u32_at = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
        let n = u32_at(take(4)?) as usize;
        let count = u32_at(take(4)?) as usize;
        let mut index = FeatureTable::with_capacity(count);
        // At most one entry per four bytes left.
        let mut entries = Vec::with_capacity(bytes.len() / 4);
        advise_huge_pages(entries.as_ptr() as *const u8, bytes.len());
        for _ in 0..count {
            let k = take(10)?;
            let key = u64::from_le_bytes(k[..8].try_into().expect("8 bytes"));
            let c = u16::from_le_bytes([k[8], k[9]]);
            index.insert(key, entries.len() as u32, c as u32);
            for e in take(4 * c as usize)?.chunks_exact(4) {
                let e = u32_at(e);
                if (e & 0xFFFF) as usize >= n {
                    return Err(bad("class index out of range"));
                }
                entries.push(e);
            }
        }
        Ok((Model { n, index, entries }, at))
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
    /// The mean of several models over the same classes (parameter mixing: models trained
    /// on differently shuffled passes disagree where each is unsure, and their mean is
    /// steadier than any one), without weights of magnitude below `prune`.
    pub fn mix(models: &[&Model], prune: f32) -> Model {
        let n = models.first().map_or(0, |m| m.n);
        let mut sum: std::collections::BTreeMap<u64, Vec<f32>> = std::collections::BTreeMap::new();
        for m in models {
            for (k, o, c) in m.index.sorted() {
                let row = sum.entry(k).or_insert_with(|| vec![0.0; n]);
                for &e in &m.entries[o as usize..(o + c) as usize] {
                    let (class, w) = unpack(e);
                    row[class] += w;
                }
            }
        }
        let k = models.len().max(1) as f32;
        let weights: Vec<(u64, Vec<(u16, f32)>)> = sum
            .into_iter()
            .map(|(f, row)| {
                let v: Vec<(u16, f32)> = row
                    .into_iter()
                    .enumerate()
                    .map(|(c, w)| (c as u16, w / k))
                    .filter(|(_, w)| w.abs() >= prune && *w != 0.0)
                    .collect();
                (f, v)
            })
            .filter(|(_, v)| !v.is_empty())
            .collect();
        Model::from_sparse(n, weights)
    }

    /// The model without weights of magnitude below `th`, and without features left
    /// with none.
    pub fn pruned(&self, th: f32) -> Model {
        let mut weights: Vec<(u64, Vec<(u16, f32)>)> = self
            .index
            .sorted()
            .into_iter()
            .map(|(f, o, c)| {
                (
                    f,
                    self.entries[o as usize..(o + c) as usize]
                        .iter()
                        .map(|&e| unpack(e))
                        .filter(|e| e.1.abs() >= th)
                        .map(|(c, w)| (c as u16, w))
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
    save_models_file(path, magic, header, &[model])
}

/// [`save_model_file`] with several weight sets, one after another.
pub fn save_models_file(
    path: &std::path::Path,
    magic: &[u8; 8],
    header: &serde_json::Value,
    models: &[&Model],
) -> std::io::Result<()> {
    let h = serde_json::to_vec(header).map_err(std::io::Error::other)?;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    f.write_all(magic)?;
    f.write_all(&(h.len() as u32).to_le_bytes())?;
    f.write_all(&h)?;
    for m in models {
        m.write(&mut f)?;
    }
    f.flush()
}

/// Read a file written by [`save_model_file`], checking its magic (`what` names the kind
/// of model in the error).
pub fn load_model_file(
    path: &std::path::Path,
    magic: &[u8; 8],
    what: &str,
) -> std::io::Result<(serde_json::Value, Model)> {
    let (header, mut models) = load_models_file(path, magic, what, 1)?;
    Ok((header, models.remove(0)))
}

/// Read a file written by [`save_models_file`] with `count` weight sets.
pub fn load_models_file(
    path: &std::path::Path,
    magic: &[u8; 8],
    what: &str,
    count: usize,
) -> std::io::Result<(serde_json::Value, Vec<Model>)> {
    let bytes = std::fs::read(path)?;
    if bytes.len() < 12 || &bytes[..8] != magic {
        return Err(bad_model(path, &format!("not an annals {what} model")));
    }
    let hl = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
    let h = bytes
        .get(12..12 + hl)
        .ok_or_else(|| bad_model(path, "header cut short"))?;
    let header: serde_json::Value =
        serde_json::from_slice(h).map_err(|e| bad_model(path, &e.to_string()))?;
    let mut at = 12 + hl;
    let mut models = Vec::with_capacity(count);
    for _ in 0..count {
        let (m, used) =
            Model::from_bytes(&bytes[at..]).map_err(|e| bad_model(path, &e.to_string()))?;
        at += used;
        models.push(m);
    }
    if at != bytes.len() {
        return Err(bad_model(path, "unexpected bytes after the weights"));
    }
    Ok((header, models))
}

/// One field of a model file's header.
pub fn header_field<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    header: &serde_json::Value,
    key: &str,
) -> std::io::Result<T> {
    serde_json::from_value(header[key].clone()).map_err(|e| bad_model(path, &format!("{key}: {e}")))
}
