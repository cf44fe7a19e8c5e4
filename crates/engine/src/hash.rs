//! A fast, non-cryptographic hasher for the engine's own maps.
//!
//! The standard library's SipHash guards against collision attacks on keys
//! an attacker chooses; here the keys are the user's own cells in their own
//! tab, and a million deal ids hashed with SipHash cost more than reading
//! the file. Words are mixed with the multiply-rotate step of rustc's
//! `FxHasher` and the result goes through MurmurHash3's finaliser.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hasher state.
#[derive(Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The multiply only carries low input bits upwards, so keys that differ
    /// in their last bytes (`S-100000`, `S-100001`) would share their low
    /// bits — the ones that pick a bucket. The finaliser of MurmurHash3
    /// spreads every bit over the whole word.
    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` with [`FastHasher`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_equal_and_maps_work() {
        let mut map: FastMap<String, u32> = FastMap::default();
        for i in 0..10_000u32 {
            map.insert(format!("D-{i}"), i);
        }
        assert_eq!(map.len(), 10_000);
        assert_eq!(map.get("D-4242"), Some(&4242));
        assert_eq!(map.get("D-10000"), None);
    }

    #[test]
    fn tail_bytes_change_the_hash() {
        let hash = |s: &str| {
            let mut h = FastHasher::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_ne!(hash("Acme Integrations1"), hash("Acme Integrations2"));
        assert_ne!(hash("abc"), hash("abd"));
    }

    #[test]
    fn ids_differing_in_their_last_bytes_spread_over_buckets() {
        // The low 16 bits pick the bucket in a large table: sequential ids
        // must not pile up in a few of them.
        let buckets: FastSet<u64> = (0..4096)
            .map(|i| {
                let mut h = FastHasher::default();
                h.write(format!("S-{:06}", 100_000 + i).as_bytes());
                h.finish() & 0xffff
            })
            .collect();
        assert!(buckets.len() > 3900, "{} distinct buckets of 4096", buckets.len());
    }
}
