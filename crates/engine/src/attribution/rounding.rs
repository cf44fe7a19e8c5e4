//! Largest-remainder rounding: whole cents that add up to an exact total.

/// Round `values` (in cents, any precision) to whole cents summing to `total`.
///
/// Each value is floored; the cents still missing go one each to the
/// values with the largest remainders, ties to the smaller name. Remainders
/// are compared as computed (the reference implementation does the same),
/// so the order of summation matters: credits are summed in deal order.
pub fn largest_remainder(values: &[f64], names: &[&str], total: i64) -> Vec<i64> {
    let mut out: Vec<i64> = values.iter().map(|v| v.floor() as i64).collect();
    if out.is_empty() {
        return out;
    }
    let mut order: Vec<usize> = (0..values.len()).collect();
    let remainder = |i: usize| values[i] - values[i].floor();
    order.sort_by(|&a, &b| remainder(b).total_cmp(&remainder(a)).then_with(|| names[a].cmp(names[b])));
    // Linear in the keys whatever the totals: every key takes the whole
    // cents missing per key at once, the largest remainders one more each
    // (the second part is empty unless float noise on huge inputs moved
    // the floors by more than a cent per key). A surplus is taken back
    // from the smallest remainders the same way.
    let sum: i128 = out.iter().map(|&c| i128::from(c)).sum();
    let missing = i128::from(total) - sum;
    let n = order.len() as i128;
    let (each, rest) = (missing.div_euclid(n), missing.rem_euclid(n) as usize);
    let each = i64::try_from(each).unwrap_or(if each < 0 { i64::MIN / 2 } else { i64::MAX / 2 });
    for c in &mut out {
        *c = c.saturating_add(each);
    }
    for &i in order.iter().take(rest) {
        out[i] = out[i].saturating_add(1);
    }
    out
}
