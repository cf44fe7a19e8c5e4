//! Confidence intervals for the value model: Wilson score intervals for
//! rates, Newcombe's interval for a difference of rates, and a seeded
//! percentile bootstrap for means and medians.
//!
//! The bootstrap resamples with replacement `RESAMPLES` times with a fixed
//! seed, so the same data always gives the same interval. Resampling a
//! million won deals a thousand times on every slider move would freeze the
//! page, so above `BOOTSTRAP_LIMIT` values the large-sample closed forms are
//! used instead (mean ± 1.96·s/√n; the median's order-statistic interval),
//! which agree with the bootstrap to well under 1% at that size.

use crate::rng::SplitMix64;

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Bootstrap resamples per interval.
pub const RESAMPLES: usize = 1000;

/// Above this many values the closed-form intervals are used.
pub const BOOTSTRAP_LIMIT: usize = 5000;

/// A 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

impl Interval {
    /// Whether the interval contains zero (a difference not shown to be real).
    pub fn includes_zero(&self) -> bool {
        self.low <= 0.0 && self.high >= 0.0
    }
}

/// Wilson score interval for `successes` of `trials`.
pub fn wilson(successes: u64, trials: u64) -> Option<Interval> {
    if trials == 0 {
        return None;
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    Some(Interval { low: (centre - half).max(0.0), high: (centre + half).min(1.0) })
}

/// Newcombe's hybrid score interval for `p1 − p2` (from two Wilson intervals).
pub fn rate_difference(s1: u64, n1: u64, s2: u64, n2: u64) -> Option<Interval> {
    let (w1, w2) = (wilson(s1, n1)?, wilson(s2, n2)?);
    let (p1, p2) = (s1 as f64 / n1 as f64, s2 as f64 / n2 as f64);
    let d = p1 - p2;
    Some(Interval {
        low: d - ((p1 - w1.low).powi(2) + (w2.high - p2).powi(2)).sqrt(),
        high: d + ((w1.high - p1).powi(2) + (p2 - w2.low).powi(2)).sqrt(),
    })
}

/// Arithmetic mean.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Median (mean of the two middle values for an even count).
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    median_in_place(&mut v)
}

fn median_in_place(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let m = v.len() / 2;
    let (_, &mut upper, _) = v.select_nth_unstable_by(m, f64::total_cmp);
    if v.len() % 2 == 1 {
        return Some(upper);
    }
    let lower = v[..m].iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((lower + upper) / 2.0)
}

/// The statistic an interval is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statistic {
    /// Arithmetic mean.
    Mean,
    /// Median.
    Median,
}

impl Statistic {
    fn of(self, v: &mut [f64]) -> Option<f64> {
        match self {
            Statistic::Mean => mean(v),
            Statistic::Median => median_in_place(v),
        }
    }
}

/// Linear-interpolated quantile of sorted values.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let (i, frac) = (pos.floor() as usize, pos.fract());
    match sorted.get(i + 1) {
        Some(&next) => sorted[i] + (next - sorted[i]) * frac,
        None => sorted[i],
    }
}

fn resample(values: &[f64], rng: &mut SplitMix64, into: &mut Vec<f64>) {
    into.clear();
    into.extend((0..values.len()).map(|_| values[rng.below(values.len() as u64) as usize]));
}

fn percentile_interval(mut stats: Vec<f64>) -> Option<Interval> {
    if stats.is_empty() {
        return None;
    }
    stats.sort_unstable_by(f64::total_cmp);
    Some(Interval { low: quantile(&stats, 0.025), high: quantile(&stats, 0.975) })
}

/// Closed-form interval for large samples.
fn large_sample(values: &[f64], statistic: Statistic) -> Option<Interval> {
    let n = values.len() as f64;
    match statistic {
        Statistic::Mean => {
            let m = mean(values)?;
            let var = if n > 1.0 { values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (n - 1.0) } else { 0.0 };
            let half = Z95 * (var / n).sqrt();
            Some(Interval { low: m - half, high: m + half })
        }
        Statistic::Median => {
            let mut sorted = values.to_vec();
            sorted.sort_unstable_by(f64::total_cmp);
            let half = Z95 * n.sqrt() / 2.0;
            let lo = ((n / 2.0 - half).floor().max(0.0)) as usize;
            let hi = ((n / 2.0 + half).ceil() as usize).min(sorted.len() - 1);
            Some(Interval { low: sorted[lo], high: sorted[hi] })
        }
    }
}

/// The moments of a sample: `(n, sum, sum of squares)`.
pub type Moments = (u64, f64, f64);

/// The normal 95% interval of a mean from its moments — the closed form
/// that [`bootstrap_up_to`] uses for large samples, for groups whose single
/// values are not known (warehouse counts, spec §10).
pub fn mean_interval_from_moments(moments: Moments) -> Option<Interval> {
    let (m, half) = mean_and_half_width(moments)?;
    Some(Interval { low: m - half, high: m + half })
}

/// The normal 95% interval of the difference of two means `a − b` from
/// their moments; the half-widths add in quadrature.
pub fn mean_difference_from_moments(a: Moments, b: Moments) -> Option<Interval> {
    let (ma, ha) = mean_and_half_width(a)?;
    let (mb, hb) = mean_and_half_width(b)?;
    let half = (ha * ha + hb * hb).sqrt();
    Some(Interval { low: ma - mb - half, high: ma - mb + half })
}

fn mean_and_half_width((n, sum, squares): Moments) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let m = sum / n;
    // Rounding can leave a tiny negative for equal values: no spread then.
    let var = if n > 1.0 { ((squares - sum * m) / (n - 1.0)).max(0.0) } else { 0.0 };
    Some((m, Z95 * (var / n).sqrt()))
}

/// Seeded percentile-bootstrap 95% interval of a statistic.
pub fn bootstrap(values: &[f64], statistic: Statistic, seed: u64) -> Option<Interval> {
    bootstrap_up_to(values, statistic, seed, BOOTSTRAP_LIMIT)
}

/// [`bootstrap`] with closed forms above `limit` values (0: always closed form).
pub fn bootstrap_up_to(values: &[f64], statistic: Statistic, seed: u64, limit: usize) -> Option<Interval> {
    if values.is_empty() {
        return None;
    }
    if values.len() > limit {
        return large_sample(values, statistic);
    }
    let mut rng = SplitMix64(seed);
    let mut sample = Vec::with_capacity(values.len());
    let stats = (0..RESAMPLES)
        .filter_map(|_| {
            resample(values, &mut rng, &mut sample);
            statistic.of(&mut sample)
        })
        .collect();
    percentile_interval(stats)
}

/// Seeded percentile-bootstrap 95% interval of a ratio of sums, Σnum / Σden,
/// resampling the pairs (retention over accounts: each account is a pair).
pub fn bootstrap_ratio(pairs: &[(f64, f64)], seed: u64) -> Option<Interval> {
    if pairs.is_empty() {
        return None;
    }
    let mut rng = SplitMix64(seed);
    let stats = (0..RESAMPLES)
        .filter_map(|_| {
            let (mut num, mut den) = (0.0, 0.0);
            for _ in 0..pairs.len() {
                let (n, d) = pairs[rng.below(pairs.len() as u64) as usize];
                num += n;
                den += d;
            }
            (den > 0.0).then(|| num / den)
        })
        .collect();
    percentile_interval(stats)
}

/// Seeded bootstrap 95% interval of `stat(a) − stat(b)`, resampling each side.
pub fn bootstrap_difference(a: &[f64], b: &[f64], statistic: Statistic, seed: u64) -> Option<Interval> {
    bootstrap_difference_up_to(a, b, statistic, seed, BOOTSTRAP_LIMIT)
}

/// [`bootstrap_difference`] with closed forms above `limit` values on a side.
pub fn bootstrap_difference_up_to(
    a: &[f64],
    b: &[f64],
    statistic: Statistic,
    seed: u64,
    limit: usize,
) -> Option<Interval> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a.len() > limit || b.len() > limit {
        // Independent samples: the half-widths add in quadrature.
        let (ia, ib) = (large_sample(a, statistic)?, large_sample(b, statistic)?);
        let (ma, mb) = (statistic.of(&mut a.to_vec())?, statistic.of(&mut b.to_vec())?);
        let d = ma - mb;
        return Some(Interval {
            low: d - ((ma - ia.low).powi(2) + (ib.high - mb).powi(2)).sqrt(),
            high: d + ((ia.high - ma).powi(2) + (mb - ib.low).powi(2)).sqrt(),
        });
    }
    let mut rng = SplitMix64(seed);
    let (mut sa, mut sb) = (Vec::with_capacity(a.len()), Vec::with_capacity(b.len()));
    let stats = (0..RESAMPLES)
        .filter_map(|_| {
            resample(a, &mut rng, &mut sa);
            resample(b, &mut rng, &mut sb);
            Some(statistic.of(&mut sa)? - statistic.of(&mut sb)?)
        })
        .collect();
    percentile_interval(stats)
}
