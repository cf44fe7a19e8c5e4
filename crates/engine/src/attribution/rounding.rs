//! Largest-remainder rounding: whole cents that add up to an exact total.

/// Round `values` (in cents, any precision) to whole cents summing to `total`.
///
/// Each value is floored; the cents still missing go one each to the
/// values with the largest remainders, ties to the smaller name. Remainders
/// are compared as computed (the reference implementation does the same),
/// so the order of summation matters: credits are summed in deal order.
pub fn largest_remainder(values: &[f64], names: &[&str], total: i64) -> Vec<i64> {
    let mut out: Vec<i64> = values.iter().map(|v| v.floor() as i64).collect();
    let mut missing = total - out.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..values.len()).collect();
    let remainder = |i: usize| values[i] - values[i].floor();
    order.sort_by(|&a, &b| remainder(b).total_cmp(&remainder(a)).then_with(|| names[a].cmp(names[b])));
    let mut k = 0;
    while missing > 0 && !order.is_empty() {
        out[order[k % order.len()]] += 1;
        missing -= 1;
        k += 1;
    }
    // Only reachable through float noise on huge inputs: take back from the smallest remainders.
    let mut k = order.len();
    while missing < 0 && !order.is_empty() {
        k = if k == 0 { order.len() - 1 } else { k - 1 };
        out[order[k]] -= 1;
        missing += 1;
    }
    out
}
