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

/// The word `k` places from word `i` of a sentence, or `<s>` / `</s>` past its ends: the
/// context a tagger or recogniser feature reads.
pub fn context_word(words: &[String], i: usize, k: isize) -> &str {
    let j = i as isize + k;
    if j < 0 {
        "<s>"
    } else if j as usize >= words.len() {
        "</s>"
    } else {
        words[j as usize].as_str()
    }
}

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

/// Model keys are 40 bits of a mixed feature hash: enough that a feature never seen in
/// training matches a stored one about once in a million look-ups (harmless to a linear
/// model), and small enough that sorted keys store in three bytes apart (see
/// [`Model::write`]).
const KEY_BITS: u32 = 40;

/// The model key of a feature hash (never 0, which marks an empty slot).
#[inline]
fn model_key(f: u64) -> u64 {
    // The splitmix64 finaliser: every input bit moves the top bits kept here.
    let mut z = f;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> (64 - KEY_BITS)).max(1)
}

/// The bits of a slot's key that are the model key; the bits above say where the
/// weights are.
const KEY_MASK: u64 = (1 << KEY_BITS) - 1;

/// Set on a slot's key when its weights are a sparse list in the model's
/// `Stores::entries` (`data` = offset and count).
const SPILLED: u64 = 1 << 63;

/// Set on a slot's key when its weights are a dense bfloat16 row of every class in the
/// model's `Stores::rows` (`data[0]` = offset).
const DENSE: u64 = 1 << 62;

/// One slot of [`FeatureTable`]: a model key (0 = empty) and the feature's weights.
///
/// Weight lists come in three layouts, chosen by length. Most features have one or two
/// weights (a word votes for its class and against one rival): those sit in the slot
/// itself, so that a look-up costs one memory fetch, not two. Mid-length lists are
/// spilled to a sparse list. Frequent features (tag pairs) weigh on many classes: a
/// dense row is added with vector instructions instead of one scattered add per class.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[repr(C)]
struct Slot {
    key: u64,
    data: [u32; 2],
}

impl Slot {
    #[inline]
    fn model_key(&self) -> u64 {
        self.key & KEY_MASK
    }
}

/// An open-addressing table from model keys to their weights, a third empty. Scoring
/// looks up some eighty features per decision in a table far larger than the caches;
/// laid out flat, the slots of all of them can be fetched from memory at once (see
/// [`Model::scores`]) instead of one miss after another. A key's home slot grows with
/// the key (keys are uniform hashes), so the table is filled front to back from a file
/// in key order and reads back in that order.
#[derive(Debug, Clone, PartialEq)]
struct FeatureTable {
    slots: Vec<Slot>,
    len: usize,
}

impl FeatureTable {
    fn with_capacity(n: usize) -> Self {
        let size = n + n / 2 + 16;
        let mut slots = Vec::with_capacity(size);
        advise_huge_pages(
            slots.as_ptr() as *const u8,
            size * std::mem::size_of::<Slot>(),
        );
        slots.resize(size, Slot::default());
        FeatureTable { slots, len: 0 }
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        ((key as u128 * self.slots.len() as u128) >> KEY_BITS) as usize
    }

    #[inline]
    fn next(&self, i: usize) -> usize {
        if i + 1 == self.slots.len() {
            0
        } else {
            i + 1
        }
    }

    /// Add a feature that is not in the table yet, with its packed weights (sparse,
    /// in class order) over `n` classes, choosing their layout (see [`Slot`]).
    fn insert(&mut self, key: u64, weights: &[u32], n: usize, store: &mut Stores) {
        debug_assert!(!weights.is_empty() && key != 0 && key & !KEY_MASK == 0);
        let slot = if weights.len() <= 2 {
            Slot {
                key,
                data: [weights[0], weights.get(1).copied().unwrap_or(0)],
            }
        } else if weights.len() * DENSE_SHARE >= n {
            let offset = store.rows.len() as u32;
            store.rows.resize(store.rows.len() + n, 0);
            for &e in weights {
                store.rows[offset as usize + (e & 0xFFFF) as usize] = (e >> 16) as u16;
            }
            Slot {
                key: key | DENSE,
                data: [offset, 0],
            }
        } else {
            let offset = store.entries.len() as u32;
            store.entries.extend_from_slice(weights);
            Slot {
                key: key | SPILLED,
                data: [offset, weights.len() as u32],
            }
        };
        let mut i = self.home(key);
        while self.slots[i].key != 0 {
            i = self.next(i);
        }
        self.slots[i] = slot;
        self.len += 1;
    }

    #[inline]
    fn get(&self, key: u64) -> Option<&Slot> {
        let mut i = self.home(key);
        loop {
            let s = &self.slots[i];
            if s.key & KEY_MASK == key {
                return Some(s);
            }
            if s.key == 0 {
                return None;
            }
            i = self.next(i);
        }
    }

    #[inline]
    fn prefetch(&self, key: u64) {
        let p = &self.slots[self.home(key)] as *const Slot;
        prefetch_read(p as *const u8);
    }

    /// The occupied slots in ascending key order (nearly their order in the table).
    fn sorted(&self) -> Vec<&Slot> {
        let mut v: Vec<&Slot> = self.slots.iter().filter(|s| s.key != 0).collect();
        v.sort_by_key(|s| s.model_key());
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
    index: FeatureTable,
    store: Stores,
}

/// A list of at least 1/`DENSE_SHARE` of the classes is stored as a dense row: at that
/// length a row takes no more memory than about twice the sparse list, and it is added
/// many times faster.
const DENSE_SHARE: usize = 8;

/// The weight lists too long to sit in their slot.
#[derive(Debug, Clone, Default, PartialEq)]
struct Stores {
    /// Sparse lists of packed weights.
    entries: Vec<u32>,
    /// Dense rows of bfloat16 weights, `n` a row.
    rows: Vec<u16>,
}

/// A little-endian base-128 integer, as [`Model::write`] stores keys apart and counts.
fn write_varint(w: &mut dyn Write, mut x: u64) -> std::io::Result<()> {
    let mut buf = [0u8; 10];
    let mut k = 0;
    loop {
        let b = (x & 0x7F) as u8;
        x >>= 7;
        if x == 0 {
            buf[k] = b;
            k += 1;
            break;
        }
        buf[k] = b | 0x80;
        k += 1;
    }
    w.write_all(&buf[..k])
}

impl Model {
    /// Build from feature hashes and their (class, weight) lists. Features whose model
    /// keys coincide (about one pair in a model of a million) have their weights summed,
    /// as a hashed model would.
    fn from_sparse(n: usize, weights: Vec<(u64, Vec<(u16, f32)>)>) -> Self {
        let mut keyed: Vec<(u64, Vec<(u16, f32)>)> = weights
            .into_iter()
            .map(|(f, v)| (model_key(f), v))
            .collect();
        keyed.sort_by_key(|w| w.0);
        let mut merged: Vec<(u64, Vec<(u16, f32)>)> = Vec::with_capacity(keyed.len());
        for (k, v) in keyed {
            match merged.last_mut() {
                Some((last, row)) if *last == k => {
                    for (c, w) in v {
                        match row.iter_mut().find(|e| e.0 == c) {
                            Some(e) => e.1 += w,
                            None => row.push((c, w)),
                        }
                    }
                    row.sort_by_key(|e| e.0);
                }
                _ => merged.push((k, v)),
            }
        }
        Model::from_keyed(n, merged)
    }

    /// Build from model keys (distinct, ascending) and their (class, weight) lists.
    fn from_keyed(n: usize, merged: Vec<(u64, Vec<(u16, f32)>)>) -> Self {
        let mut index = FeatureTable::with_capacity(merged.len());
        let mut store = Stores::default();
        let mut packed = Vec::new();
        for (k, v) in merged {
            packed.clear();
            packed.extend(
                v.into_iter()
                    .map(|(c, w)| ((bf16_bits(w) as u32) << 16) | c as u32)
                    .filter(|e| e & 0x7FFF_0000 != 0),
            );
            if !packed.is_empty() {
                index.insert(k, &packed, n, &mut store);
            }
        }
        Model { n, index, store }
    }

    /// Add the scores of every class for these features to `out` (resized to `n`).
    pub fn scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        const MAX: usize = 256;
        out.clear();
        out.resize(self.n, 0.0);
        if feats.len() > MAX {
            // More than a decision ever has: one pass, without prefetching.
            for &f in feats {
                if let Some(s) = self.index.get(model_key(f)) {
                    self.add(s, out);
                }
            }
            return;
        }
        // Passes so that the memory fetches of all features overlap: the table slots
        // first, then the weight lists outside them, then their sums.
        let mut keys = [0u64; MAX];
        for (k, &f) in keys.iter_mut().zip(feats) {
            *k = model_key(f);
            self.index.prefetch(*k);
        }
        let mut outside: [Slot; MAX] = [Slot::default(); MAX];
        let mut m = 0;
        for &k in &keys[..feats.len()] {
            if let Some(s) = self.index.get(k) {
                if s.key & (SPILLED | DENSE) == 0 {
                    self.add(s, out);
                } else {
                    self.prefetch_weights(s);
                    outside[m] = *s;
                    m += 1;
                }
            }
        }
        for s in &outside[..m] {
            self.add(s, out);
        }
    }

    #[inline]
    fn prefetch_weights(&self, s: &Slot) {
        let o = s.data[0] as usize;
        if s.key & DENSE != 0 {
            let row = self.store.rows[o..o + self.n].as_ptr() as *const u8;
            for line in (0..self.n * 2).step_by(64) {
                prefetch_read(row.wrapping_add(line));
            }
        } else {
            prefetch_read(self.store.entries[o..].as_ptr() as *const u8);
        }
    }

    /// Add one feature's weights to the class scores.
    #[inline]
    fn add(&self, s: &Slot, out: &mut [f32]) {
        let o = s.data[0] as usize;
        if s.key & DENSE != 0 {
            let row = &self.store.rows[o..o + self.n];
            for (x, &w) in out.iter_mut().zip(row) {
                *x += f32::from_bits((w as u32) << 16);
            }
            return;
        }
        let sparse = if s.key & SPILLED != 0 {
            &self.store.entries[o..o + s.data[1] as usize]
        } else if s.data[1] == 0 {
            &s.data[..1]
        } else {
            &s.data[..]
        };
        for &e in sparse {
            let (class, w) = unpack(e);
            out[class] += w;
        }
    }

    /// A feature's weights as a sparse list of packed entries, in class order.
    fn weights_of(&self, s: &Slot) -> Vec<u32> {
        let o = s.data[0] as usize;
        if s.key & DENSE != 0 {
            self.store.rows[o..o + self.n]
                .iter()
                .enumerate()
                .filter(|(_, &w)| w & 0x7FFF != 0)
                .map(|(c, &w)| (w as u32) << 16 | c as u32)
                .collect()
        } else if s.key & SPILLED != 0 {
            self.store.entries[o..o + s.data[1] as usize].to_vec()
        } else if s.data[1] == 0 {
            s.data[..1].to_vec()
        } else {
            s.data.to_vec()
        }
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.index.len
    }

    /// Bytes a class takes in the file: one when there are at most 256 classes.
    fn class_bytes(&self) -> usize {
        if self.n <= 256 {
            1
        } else {
            2
        }
    }

    /// Write in a compact little-endian form: n, the feature count, then per feature in
    /// key order its key less the previous key (a varint, three bytes for most), its
    /// weight count (a varint) and its weights, each a class (one byte when there are
    /// at most 256, else two) and a bfloat16.
    pub fn write(&self, w: &mut dyn Write) -> std::io::Result<()> {
        w.write_all(&(self.n as u32).to_le_bytes())?;
        w.write_all(&(self.index.len as u32).to_le_bytes())?;
        let cb = self.class_bytes();
        let mut prev = 0u64;
        let mut buf = Vec::new();
        for s in self.index.sorted() {
            let key = s.model_key();
            let weights = self.weights_of(s);
            write_varint(w, key - prev)?;
            write_varint(w, weights.len() as u64)?;
            prev = key;
            buf.clear();
            for &e in &weights {
                buf.extend_from_slice(&(e as u16).to_le_bytes()[..cb]);
                buf.extend_from_slice(&((e >> 16) as u16).to_le_bytes());
            }
            w.write_all(&buf)?;
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
        let short = || bad("model weights cut short");
        let mut at = 0usize;
        let u32_at = |at: usize| -> std::io::Result<u32> {
            let s = bytes.get(at..at + 4).ok_or_else(short)?;
            Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        };
        let n = u32_at(0)? as usize;
        let count = u32_at(4)? as usize;
        at += 8;
        let varint = |at: &mut usize| -> std::io::Result<u64> {
            let mut x = 0u64;
            for shift in (0..64).step_by(7) {
                let b = *bytes.get(*at).ok_or_else(short)?;
                *at += 1;
                x |= ((b & 0x7F) as u64) << shift;
                if b & 0x80 == 0 {
                    return Ok(x);
                }
            }
            Err(bad("model key too long"))
        };
        let cb = if n <= 256 { 1 } else { 2 };
        // A feature takes at least three bytes: never trust the count beyond that.
        let mut index = FeatureTable::with_capacity(count.min(bytes.len() / 3));
        let mut store = Stores::default();
        let mut packed = Vec::new();
        let mut key = 0u64;
        for _ in 0..count {
            let gap = varint(&mut at)?;
            if gap == 0 && key != 0 {
                return Err(bad("model keys not ascending"));
            }
            key = key
                .checked_add(gap)
                .filter(|k| *k != 0 && *k < 1 << KEY_BITS)
                .ok_or_else(|| bad("model key out of range"))?;
            let c = varint(&mut at)? as usize;
            // A damaged count must not overflow the arithmetic.
            let end = c
                .checked_mul(cb + 2)
                .and_then(|n| n.checked_add(at))
                .ok_or_else(short)?;
            let w = bytes.get(at..end).ok_or_else(short)?;
            at += w.len();
            if c == 0 {
                return Err(bad("feature without weights"));
            }
            packed.clear();
            for e in w.chunks_exact(cb + 2) {
                let class = if cb == 1 {
                    e[0] as u32
                } else {
                    u16::from_le_bytes([e[0], e[1]]) as u32
                };
                if class as usize >= n {
                    return Err(bad("class index out of range"));
                }
                let weight = u16::from_le_bytes([e[cb], e[cb + 1]]) as u32;
                packed.push(weight << 16 | class);
            }
            if packed.windows(2).any(|p| p[0] & 0xFFFF >= p[1] & 0xFFFF) {
                return Err(bad("classes of a feature not ascending"));
            }
            index.insert(key, &packed, n, &mut store);
        }
        Ok((Model { n, index, store }, at))
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
            for slot in m.index.sorted() {
                let row = sum.entry(slot.model_key()).or_insert_with(|| vec![0.0; n]);
                for e in m.weights_of(slot) {
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
        Model::from_keyed(n, weights)
    }

    /// The model without weights of magnitude below `th`, and without features left
    /// with none.
    pub fn pruned(&self, th: f32) -> Model {
        let mut weights: Vec<(u64, Vec<(u16, f32)>)> = self
            .index
            .sorted()
            .into_iter()
            .map(|slot| {
                (
                    slot.model_key(),
                    self.weights_of(slot)
                        .into_iter()
                        .map(unpack)
                        .filter(|e| e.1.abs() >= th)
                        .map(|(c, w)| (c as u16, w))
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, v)| !v.is_empty())
            .collect();
        weights.sort_by_key(|w| w.0);
        Model::from_keyed(self.n, weights)
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

    /// Weight lists of one, two (kept in the slot) and many (spilled) entries score the
    /// same after a round trip through the file; colliding keys are summed.
    #[test]
    fn short_and_long_weight_lists_round_trip() {
        let f = |i: u64| feature_hash(&[b"f", &i.to_le_bytes()]);
        let weights: Vec<(u64, Vec<(u16, f32)>)> = (0..50u64)
            .map(|i| {
                // 1 to 10 weights over 40 classes: in the slot (1-2), a sparse list
                // (3-4), a dense row (5 and more, an eighth of the classes).
                let k = 1 + (i % 10) as u16;
                (
                    f(i),
                    (0..k)
                        .map(|c| (c * 3, 1.0 + i as f32 + c as f32 * 0.5))
                        .collect(),
                )
            })
            .collect();
        let m = Model::from_sparse(40, weights.clone());
        assert_eq!(m.features(), 50);
        assert!(!m.store.entries.is_empty() && !m.store.rows.is_empty());
        let mut s = Vec::new();
        for (h, v) in &weights {
            m.scores(&[*h], &mut s);
            for c in 0..40u16 {
                let want = v.iter().find(|e| e.0 == c).map_or(0.0, |e| e.1);
                assert!(
                    (s[c as usize] - want).abs() <= want.abs() / 128.0,
                    "{h} {c}"
                );
            }
        }
        let mut buf = Vec::new();
        m.write(&mut buf).unwrap();
        let back = Model::read(&mut buf.as_slice()).unwrap();
        assert_eq!(back, m);
        // Two hashes with one model key: one feature, weights summed.
        let twice = Model::from_sparse(3, vec![(7, vec![(0, 1.0)]), (7, vec![(0, 2.0), (1, 1.0)])]);
        assert_eq!(twice.features(), 1);
        twice.scores(&[7], &mut s);
        assert_eq!(s, vec![3.0, 1.0, 0.0]);
    }

    /// A damaged file is an error, never a panic, wherever it is cut or changed.
    #[test]
    fn damaged_weights_are_errors() {
        let weights: Vec<(u64, Vec<(u16, f32)>)> = (0..20u64)
            .map(|i| {
                (
                    i * 977,
                    (0..1 + i as u16 % 4).map(|c| (c, 1.0 + i as f32)).collect(),
                )
            })
            .collect();
        let mut buf = Vec::new();
        Model::from_sparse(4, weights).write(&mut buf).unwrap();
        for cut in 0..buf.len() {
            assert!(Model::from_bytes(&buf[..cut]).is_err(), "cut at {cut}");
        }
        for at in 0..buf.len() {
            let mut bad = buf.clone();
            bad[at] ^= 0xA5;
            let _ = Model::from_bytes(&bad);
        }
        // A weight count near 2^64 (a ten-byte varint) after the first key.
        let mut huge = buf[..8].to_vec();
        huge.extend_from_slice(&[
            1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,
        ]);
        assert!(Model::from_bytes(&huge).is_err());
    }
}
