//! What an import keeps in memory per row or per id, kept small so a file of any size
//! imports within a fixed memory bound:
//! - [`Interner`]: ids (employee_id, program_id) numbered 0, 1, 2, ... in one text arena with
//!   an open-addressing table of numbers: about 20 bytes an id, where a `HashMap<Box<str>, _>`
//!   takes about 90 (a million employees: 20 MB instead of 90).
//! - [`KeySorter`]: the completions' 16-byte keys sorted with bounded memory: a run of at
//!   most [`RUN_KEYS`] in memory, each full run sorted and written to an anonymous temporary
//!   file, all merged at the end (ten million rows: 32 MB instead of 160).

use std::cmp::Reverse;
use std::collections::hash_map::RandomState;
use std::collections::BinaryHeap;
use std::fs::File;
use std::hash::BuildHasher;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use crate::error::{Error, Result};

/// Ids numbered in the order first seen.
pub(crate) struct Interner {
    text: String,
    /// Where id n ends in `text` (it starts where n - 1 ends).
    ends: Vec<u32>,
    /// Open addressing: id + 1, or 0 for an empty slot. Its length is a power of two, at
    /// least twice the ids.
    slots: Vec<u32>,
    hasher: RandomState,
}

impl Interner {
    pub fn new() -> Interner {
        Interner {
            text: String::new(),
            ends: Vec::new(),
            slots: vec![0; 16],
            hasher: RandomState::new(),
        }
    }

    /// Id n's text.
    pub fn name(&self, n: u32) -> &str {
        let n = n as usize;
        let start = if n == 0 { 0 } else { self.ends[n - 1] as usize };
        &self.text[start..self.ends[n] as usize]
    }

    /// The slot where `id` is, or the empty one where it would go.
    fn slot(&self, id: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.hasher.hash_one(id) as usize & mask;
        loop {
            match self.slots[i] {
                0 => return i,
                n if self.name(n - 1) == id => return i,
                _ => i = (i + 1) & mask,
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<u32> {
        match self.slots[self.slot(id)] {
            0 => None,
            n => Some(n - 1),
        }
    }

    /// The number of `id`, numbering it if it is new.
    pub fn intern(&mut self, id: &str) -> u32 {
        let i = self.slot(id);
        if self.slots[i] != 0 {
            return self.slots[i] - 1;
        }
        let n = self.ends.len() as u32;
        self.text.push_str(id);
        self.ends.push(self.text.len() as u32);
        self.slots[i] = n + 1;
        if self.ends.len() * 2 > self.slots.len() {
            self.grow();
        }
        n
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![0; size];
        for n in 0..self.ends.len() as u32 {
            let i = self.slot(self.name(n));
            self.slots[i] = n + 1;
        }
    }
}

/// Keys held in memory before a run is written out: 32 MB (a few in the unit tests, so
/// that every import of completions there goes through the merge).
pub(crate) const RUN_KEYS: usize = if cfg!(test) { 16 } else { 1 << 21 };

/// 16-byte keys, sorted with bounded memory.
pub(crate) struct KeySorter {
    run: Vec<u128>,
    spilled: Vec<File>,
    run_keys: usize,
}

fn temp_error(e: io::Error) -> Error {
    Error::io("a temporary file", e)
}

impl KeySorter {
    pub fn new() -> KeySorter {
        Self::with_run(RUN_KEYS)
    }

    pub fn with_run(run_keys: usize) -> KeySorter {
        KeySorter {
            run: Vec::new(),
            spilled: Vec::new(),
            run_keys: run_keys.max(1),
        }
    }

    pub fn push(&mut self, key: u128) -> Result<()> {
        self.run.push(key);
        if self.run.len() >= self.run_keys {
            self.spill()?;
        }
        Ok(())
    }

    fn spill(&mut self) -> Result<()> {
        self.run.sort_unstable();
        let mut file = tempfile::tempfile().map_err(temp_error)?;
        {
            let mut out = BufWriter::with_capacity(1 << 16, &mut file);
            for key in &self.run {
                out.write_all(&key.to_le_bytes()).map_err(temp_error)?;
            }
            out.flush().map_err(temp_error)?;
        }
        file.seek(SeekFrom::Start(0)).map_err(temp_error)?;
        self.spilled.push(file);
        self.run.clear();
        Ok(())
    }

    /// Every key pushed, in order.
    pub fn sorted(mut self) -> Result<SortedKeys> {
        self.run.sort_unstable();
        let mut runs: Vec<BufReader<File>> = self
            .spilled
            .into_iter()
            .map(|f| BufReader::with_capacity(1 << 16, f))
            .collect();
        let mut heap = BinaryHeap::new();
        for (i, run) in runs.iter_mut().enumerate() {
            if let Some(key) = read_key(run)? {
                heap.push(Reverse((key, i)));
            }
        }
        let mut memory = std::mem::take(&mut self.run).into_iter();
        if let Some(key) = memory.next() {
            heap.push(Reverse((key, runs.len())));
        }
        Ok(SortedKeys { runs, memory, heap })
    }
}

fn read_key(run: &mut BufReader<File>) -> Result<Option<u128>> {
    let mut bytes = [0u8; 16];
    match run.read_exact(&mut bytes) {
        Ok(()) => Ok(Some(u128::from_le_bytes(bytes))),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(temp_error(e)),
    }
}

/// The merge of the sorted runs.
pub(crate) struct SortedKeys {
    runs: Vec<BufReader<File>>,
    /// The run still in memory; its source number is `runs.len()`.
    memory: std::vec::IntoIter<u128>,
    heap: BinaryHeap<Reverse<(u128, usize)>>,
}

impl Iterator for SortedKeys {
    type Item = Result<u128>;

    fn next(&mut self) -> Option<Result<u128>> {
        let Reverse((key, source)) = self.heap.pop()?;
        let next = if source == self.runs.len() {
            Ok(self.memory.next())
        } else {
            read_key(&mut self.runs[source])
        };
        match next {
            Ok(Some(following)) => self.heap.push(Reverse((following, source))),
            Ok(None) => {}
            Err(e) => return Some(Err(e)),
        }
        Some(Ok(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interner_numbers_in_order_and_finds_again() {
        let mut ids = Interner::new();
        let names: Vec<String> = (0..10_000).map(|i| format!("E{i:05}")).collect();
        for (i, name) in names.iter().enumerate() {
            assert_eq!(ids.intern(name), i as u32);
        }
        assert_eq!(ids.intern(""), 10_000);
        for (i, name) in names.iter().enumerate() {
            assert_eq!(ids.get(name), Some(i as u32));
            assert_eq!(ids.intern(name), i as u32);
            assert_eq!(ids.name(i as u32), name);
        }
        assert_eq!(ids.name(10_000), "");
        assert_eq!(ids.get("E10000"), None);
        assert_eq!(ids.get("é"), None);
    }

    #[test]
    fn key_sorter_merges_spilled_runs() {
        let mut x: u64 = 7;
        let keys: Vec<u128> = (0..10_007)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                u128::from(x % 5_000) << 64 | u128::from(x)
            })
            .collect();
        for run in [1, 3, 1000, 100_000] {
            let mut sorter = KeySorter::with_run(run);
            for &k in &keys {
                sorter.push(k).unwrap();
            }
            let got: Vec<u128> = sorter.sorted().unwrap().map(|k| k.unwrap()).collect();
            let mut want = keys.clone();
            want.sort_unstable();
            assert_eq!(got, want, "run {run}");
        }
        let empty = KeySorter::with_run(4).sorted().unwrap().count();
        assert_eq!(empty, 0);
    }
}
