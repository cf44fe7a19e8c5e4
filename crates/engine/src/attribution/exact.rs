//! Credited cents summed exactly, and rounded to whole cents by the
//! largest-remainder method with ties to the smaller key (spec §2).
//!
//! Why this exists. A tie is two keys whose credits have *exactly* the same
//! fraction of a cent, and it is common: a deal split in three gives every
//! key a third. Summed in floating point, equal fractions come out a few
//! units in the last place apart, and that noise, not the key, decided who
//! got the cent; the page, the command line, the warehouse path and an
//! independent implementation could disagree by a cent. So:
//!
//! - **The rule models are exact.** Their shares are fractions with small
//!   denominators (1/m, 1/n, 2/5, 1/(5(n−2)), 3/10, 1/3 …). A key's credit is
//!   kept as one integer numerator per denominator (cents × the share's
//!   numerator), summed in `i128`. Rounding brings every key to one common
//!   denominator, the least common multiple of those used (in `u128`, or a
//!   big integer past it), and compares remainders as integers.
//! - **Time decay, Shapley and Markov are computed in floating point**
//!   (powers of two to fractional exponents are not fractions; the games
//!   are solved in `f64`). Their terms are added as fixed-point integers of
//!   2⁻³² cent, so the sum does not depend on the order of the deals, and
//!   two remainders closer than the computation's own error —
//!   [`TIE_CENTS`] plus [`TIE_RELATIVE`] of the credit — are a tie, broken
//!   by key like any other; a credit that close to a whole cent is that cent.

use crate::dataset::Sym;
use crate::hash::FastMap;
use std::cmp::Ordering;

/// A share of a deal as a fraction `num / den` (in lowest terms, `den > 0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    /// Numerator.
    pub num: u64,
    /// Denominator.
    pub den: u64,
}

impl Ratio {
    /// The whole deal.
    pub const ONE: Ratio = Ratio { num: 1, den: 1 };

    /// `num / den` in lowest terms (`den` 0 reads as 1).
    pub fn new(num: u64, den: u64) -> Ratio {
        let den = den.max(1);
        let g = gcd(num, den).max(1);
        Ratio { num: num / g, den: den / g }
    }

    /// The same share as a float (for deal counts and drill-down).
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }
}

/// Greatest common divisor.
fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Denominator of the fixed-point terms of floating-point models: 2³² per cent.
pub const FIXED_DEN: u64 = 1 << 32;

/// Floating-point models: remainders closer than this many cents are a tie.
pub const TIE_CENTS: f64 = 1e-6;

/// Floating-point models: …plus this fraction of the key's credit (the
/// relative error of a few hundred `f64` operations, each at most 1.1·10⁻¹⁶,
/// stays below it).
pub const TIE_RELATIVE: f64 = 1e-13;

/// Each key's credited cents as exact fractions (one integer numerator per
/// denominator, kept sorted by denominator: a key sees a handful) and its
/// credited deals: one hash lookup per share.
#[derive(Debug, Clone, Default)]
pub struct CentSums {
    keys: FastMap<Sym, KeySum>,
    /// Whether any term came from floating point (the tie tolerance applies).
    approximate: bool,
}

/// One key's sums.
#[derive(Debug, Clone, Default)]
struct KeySum {
    /// (denominator, numerator), sorted by denominator.
    parts: Vec<(u64, i128)>,
    /// Credited deals (shares applied to 1, in floating point).
    deals: f64,
}

impl KeySum {
    fn add(&mut self, den: u64, num: i128) {
        match self.parts.binary_search_by_key(&den, |p| p.0) {
            Ok(i) => self.parts[i].1 += num,
            Err(i) => self.parts.insert(i, (den, num)),
        }
    }
}

impl CentSums {
    /// Add `cents × share` to `key`, exactly.
    pub fn add(&mut self, key: Sym, cents: i64, share: Ratio) {
        self.add_counted(key, cents, share, 0.0);
    }

    /// Add `cents × share` to `key`, exactly, and `deals` to its credited deals.
    pub fn add_counted(&mut self, key: Sym, cents: i64, share: Ratio, deals: f64) {
        let sum = self.keys.entry(key).or_default();
        sum.add(share.den, i128::from(cents) * i128::from(share.num));
        sum.deals += deals;
    }

    /// Add cents computed in floating point (rounded to 2⁻³² cent).
    pub fn add_float(&mut self, key: Sym, cents: f64) {
        self.add_float_counted(key, cents, 0.0);
    }

    /// Add cents computed in floating point, and `deals` to the key's credited deals.
    pub fn add_float_counted(&mut self, key: Sym, cents: f64, deals: f64) {
        self.approximate = true;
        let fixed = (cents * FIXED_DEN as f64).round();
        let sum = self.keys.entry(key).or_default();
        if fixed.is_finite() {
            // Saturating cast: amounts are bounded far below (money_in_range).
            sum.add(FIXED_DEN, fixed as i128);
        }
        sum.deals += deals;
    }

    /// Make sure `key` has a row (zero credit included, spec §8).
    pub fn touch(&mut self, key: Sym) {
        self.keys.entry(key).or_default();
    }

    /// Every key with a row.
    pub fn keys(&self) -> impl Iterator<Item = Sym> + '_ {
        self.keys.keys().copied()
    }

    /// A key's credited deals.
    pub fn deals(&self, key: Sym) -> f64 {
        self.keys.get(&key).map_or(0.0, |k| k.deals)
    }

    /// Round every key of `order` (given in key order, which breaks ties)
    /// to whole cents: with `total`, by the largest-remainder method so they
    /// add up to it; without, each to its nearest cent (halves up).
    pub fn round(&self, order: &[Sym], total: Option<i64>) -> Vec<i64> {
        let per_key: Vec<&[(u64, i128)]> =
            order.iter().map(|k| self.keys.get(k).map_or(&[][..], |s| s.parts.as_slice())).collect();
        let dens = || self.keys.values().flat_map(|k| k.parts.iter().map(|p| p.0));
        let lcm = dens().try_fold(1u128, |l, den| {
            let den = u128::from(den);
            (l / gcd128(l, den)).checked_mul(den).filter(|&l| l < 1 << 100)
        });
        match lcm {
            Some(l) => self.round_in(&per_key, l, total),
            None => {
                let l = dens().fold(Big::from(1), |l, den| {
                    let g = gcd(den, l.rem_small(den)).max(1);
                    l.mul_small(den / g)
                });
                self.round_in(&per_key, l, total)
            }
        }
    }

    fn round_in<W: Wide>(&self, per_key: &[&[(u64, i128)]], lcm: W, total: Option<i64>) -> Vec<i64> {
        // Each key: whole cents and the remainder over the common denominator.
        let mut whole: Vec<i128> = Vec::with_capacity(per_key.len());
        let mut rest: Vec<W> = Vec::with_capacity(per_key.len());
        for parts in per_key {
            let (mut w, mut r) = (0i128, W::zero());
            for &(den, num) in *parts {
                let d = i128::from(den);
                w += num.div_euclid(d);
                // Below `den`, so `r × (lcm / den)` is below `lcm`.
                let fraction = num.rem_euclid(d) as u64;
                r = r.add(&lcm.div_small(den).mul_small(fraction));
                if r.cmp_to(&lcm) != Ordering::Less {
                    r = r.sub(&lcm);
                    w += 1;
                }
            }
            whole.push(w);
            rest.push(r);
        }
        let lcm_f = lcm.to_f64();
        let tolerance = |w: i128, r: &W| {
            self.approximate.then(|| (TIE_CENTS + TIE_RELATIVE * (w as f64 + r.to_f64() / lcm_f).abs()) * lcm_f)
        };
        // Floating-point credits within the tolerance of a whole cent are that cent.
        let mut tol = vec![0.0; rest.len()];
        for i in 0..rest.len() {
            if let Some(t) = tolerance(whole[i], &rest[i]) {
                let r = rest[i].to_f64();
                if r <= t {
                    rest[i] = W::zero();
                } else if lcm_f - r <= t {
                    rest[i] = W::zero();
                    whole[i] += 1;
                }
                tol[i] = t;
            }
        }
        let Some(total) = total else {
            return whole
                .iter()
                .zip(&rest)
                .map(|(&w, r)| {
                    let half = r.mul_small(2).cmp_to(&lcm) != Ordering::Less;
                    clamp(w + i128::from(half))
                })
                .collect();
        };
        // Largest remainders first, ties in key order (the input order).
        let mut by_rest: Vec<usize> = (0..rest.len()).collect();
        by_rest.sort_by(|&a, &b| rest[b].cmp_to(&rest[a]).then(a.cmp(&b)));
        if self.approximate {
            // Remainders closer than the tolerance form one tie, taken in key order.
            let mut start = 0;
            for i in 1..=by_rest.len() {
                let apart = i == by_rest.len() || {
                    let (a, b) = (by_rest[i - 1], by_rest[i]);
                    rest[a].to_f64() - rest[b].to_f64() > tol[a].max(tol[b])
                };
                if apart {
                    by_rest[start..i].sort_unstable();
                    start = i;
                }
            }
        }
        // Linear whatever the totals: every key takes the whole cents missing
        // per key at once, the largest remainders one more each; a surplus is
        // taken back the same way.
        let missing = i128::from(total) - whole.iter().sum::<i128>();
        let n = whole.len().max(1) as i128;
        let (each, extra) = (missing.div_euclid(n), missing.rem_euclid(n) as usize);
        let mut out: Vec<i128> = whole.iter().map(|&w| w + each).collect();
        for &i in by_rest.iter().take(extra) {
            out[i] += 1;
        }
        out.into_iter().map(clamp).collect()
    }
}

fn clamp(v: i128) -> i64 {
    v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

fn gcd128(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The few operations rounding needs, on `u128` or, past it, a big integer.
trait Wide: Sized + Clone {
    fn zero() -> Self;
    fn add(&self, other: &Self) -> Self;
    fn sub(&self, other: &Self) -> Self;
    fn mul_small(&self, m: u64) -> Self;
    fn div_small(&self, d: u64) -> Self;
    fn cmp_to(&self, other: &Self) -> Ordering;
    fn to_f64(&self) -> f64;
}

impl Wide for u128 {
    fn zero() -> Self {
        0
    }
    fn add(&self, other: &Self) -> Self {
        self + other
    }
    fn sub(&self, other: &Self) -> Self {
        self - other
    }
    fn mul_small(&self, m: u64) -> Self {
        self * u128::from(m)
    }
    fn div_small(&self, d: u64) -> Self {
        self / u128::from(d)
    }
    fn cmp_to(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
    fn to_f64(&self) -> f64 {
        *self as f64
    }
}

/// A natural number of any size, in 64-bit limbs (least significant
/// first, no trailing zero limb): just what rounding needs past `u128`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Big(Vec<u64>);

impl Big {
    fn from(v: u64) -> Big {
        Big(vec![v]).trimmed()
    }

    fn trimmed(mut self) -> Big {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        self
    }

    /// The remainder of a division by `d` (> 0).
    fn rem_small(&self, d: u64) -> u64 {
        self.0.iter().rev().fold(0u128, |rem, &limb| ((rem << 64) | u128::from(limb)) % u128::from(d)) as u64
    }
}

impl Wide for Big {
    fn zero() -> Self {
        Big(Vec::new())
    }
    fn add(&self, other: &Self) -> Self {
        let mut out = Vec::with_capacity(self.0.len().max(other.0.len()) + 1);
        let mut carry = 0u128;
        for i in 0..self.0.len().max(other.0.len()) {
            let sum = u128::from(*self.0.get(i).unwrap_or(&0)) + u128::from(*other.0.get(i).unwrap_or(&0)) + carry;
            out.push(sum as u64);
            carry = sum >> 64;
        }
        out.push(carry as u64);
        Big(out).trimmed()
    }
    fn sub(&self, other: &Self) -> Self {
        // Only called with self ≥ other.
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = false;
        for i in 0..self.0.len() {
            let (d, b1) = self.0[i].overflowing_sub(*other.0.get(i).unwrap_or(&0));
            let (d, b2) = d.overflowing_sub(u64::from(borrow));
            out.push(d);
            borrow = b1 || b2;
        }
        Big(out).trimmed()
    }
    fn mul_small(&self, m: u64) -> Self {
        let mut out = Vec::with_capacity(self.0.len() + 1);
        let mut carry = 0u128;
        for &limb in &self.0 {
            let product = u128::from(limb) * u128::from(m) + carry;
            out.push(product as u64);
            carry = product >> 64;
        }
        out.push(carry as u64);
        Big(out).trimmed()
    }
    fn div_small(&self, d: u64) -> Self {
        let mut out = vec![0u64; self.0.len()];
        let mut rem = 0u128;
        for i in (0..self.0.len()).rev() {
            let cur = (rem << 64) | u128::from(self.0[i]);
            out[i] = (cur / u128::from(d)) as u64;
            rem = cur % u128::from(d);
        }
        Big(out).trimmed()
    }
    fn cmp_to(&self, other: &Self) -> Ordering {
        self.0.len().cmp(&other.0.len()).then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
    fn to_f64(&self) -> f64 {
        self.0.iter().rev().fold(0.0, |acc, &limb| acc * 18_446_744_073_709_551_616.0 + limb as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_big_integer_path_rounds_as_the_u128_path_does() {
        // Seeded sums over small denominators: both paths must agree.
        let mut rng = crate::rng::SplitMix64(7);
        for case in 0..200 {
            let mut sums = CentSums::default();
            for _ in 0..1 + rng.next_u64() % 30 {
                let key = (rng.next_u64() % 5) as u32;
                let cents = (rng.next_u64() % 1_000_000) as i64 - 200_000;
                let den = 1 + rng.next_u64() % 40;
                sums.add(key, cents, Ratio::new(rng.next_u64() % (den + 1), den));
            }
            let order: Vec<Sym> = (0..5).collect();
            let dens = sums.keys.values().flat_map(|k| k.parts.iter().map(|p| p.0));
            let lcm = dens.fold(1u128, |l, d| l / gcd128(l, u128::from(d)) * u128::from(d));
            let per_key = |sums: &CentSums| -> Vec<Vec<(u64, i128)>> {
                (0..5).map(|k| sums.keys.get(&k).map_or(Vec::new(), |s| s.parts.clone())).collect()
            };
            let big = Big::from(lcm as u64).mul_small((lcm >> 64) as u64 + 1).div_small((lcm >> 64) as u64 + 1);
            assert_eq!(big.to_f64(), lcm as f64, "case {case}");
            for total in [None, Some(1_000_000)] {
                let parts = per_key(&sums);
                let slices: Vec<&[(u64, i128)]> = parts.iter().map(Vec::as_slice).collect();
                let small = sums.round_in(&slices, lcm, total);
                let wide = sums.round_in(&slices, big.clone(), total);
                assert_eq!(small, wide, "case {case}");
                assert_eq!(sums.round(&order, total), small, "case {case}");
            }
        }
    }
}
