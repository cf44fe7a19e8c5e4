//! Largest-remainder rounding on exact sums (spec §2): equal fractions of a
//! cent are ties whatever order or grouping produced them, and ties go to
//! the smaller key.

use engine::attribution::{CentSums, Ratio};

/// One part of a key's credit: `(key, cents, num, den)`, cents × num/den.
type Part = (u32, i64, u64, u64);

/// Each case: parts added in order, the total to reach, and the cents
/// expected per key (keys 0, 1, 2… in key order).
const CASES: &[(&str, &[Part], i64, &[i64])] = &[
    (
        "a third each: the missing cent to the first key",
        &[(0, 100, 1, 3), (1, 100, 1, 3), (2, 100, 1, 3)],
        100,
        &[34, 33, 33],
    ),
    (
        // 1/3 + 1/6 and 1/2 of 101 cents are both 50.5: in floats the first is
        // 50.49999999999999 and the cent went to the second key.
        "1/3 + 1/6 equals 1/2",
        &[(0, 101, 1, 3), (0, 101, 1, 6), (1, 101, 1, 2)],
        101,
        &[51, 50],
    ),
    ("the same tie added the other way round", &[(1, 101, 1, 3), (1, 101, 1, 6), (0, 101, 1, 2)], 101, &[51, 50]),
    ("a larger remainder beats a smaller key", &[(0, 10, 1, 3), (1, 10, 2, 3)], 10, &[3, 7]),
    (
        // 2/5 + 1/10 · 3 deals of 7 cents: 0.2·7 + 0.4·7 + 0.4·7 — the
        // position split of three touches sums to the amount exactly.
        "a position split of one deal",
        &[(0, 7, 2, 5), (1, 7, 1, 5), (2, 7, 2, 5)],
        7,
        &[3, 1, 3],
    ),
    ("negative amounts (a credit note) floor downwards", &[(0, -100, 1, 3), (1, -100, 2, 3)], -100, &[-33, -67]),
];

#[test]
fn rounding_cases() {
    for (what, parts, total, expected) in CASES {
        let mut sums = CentSums::default();
        for &(key, cents, num, den) in *parts {
            sums.add(key, cents, Ratio::new(num, den));
        }
        let order: Vec<u32> = (0..expected.len() as u32).collect();
        assert_eq!(sums.round(&order, Some(*total)), *expected, "{what}");
        assert_eq!(sums.round(&order, Some(*total)).iter().sum::<i64>(), *total, "{what}: adds up");
    }
}

#[test]
fn denominators_past_u128_are_exact_too() {
    // The reciprocals of the primes below 400 have a common denominator of
    // about 2^550: the big-integer path. Key 0 gets Σ 1/p of 1 cent in
    // ascending order, key 1 the same sum in descending order (equal, a
    // tie), key 2 one cent more (so a larger whole part, the same fraction).
    let primes: Vec<u64> = (2..400u64).filter(|n| (2..*n).take_while(|d| d * d <= *n).all(|d| n % d != 0)).collect();
    let mut sums = CentSums::default();
    for &p in &primes {
        sums.add(0, 1, Ratio::new(1, p));
    }
    for &p in primes.iter().rev() {
        sums.add(1, 1, Ratio::new(1, p));
    }
    for &p in &primes {
        sums.add(2, 1, Ratio::new(1, p));
    }
    sums.add(2, 1, Ratio::ONE);
    // Σ 1/p for p < 400 is about 2.06: floors 2, 2, 3 = 7; fractions all ≈ 0.06.
    let out = sums.round(&[0, 1, 2], Some(8));
    assert_eq!(out, vec![3, 2, 3], "the tie at equal fractions goes to the smaller key");
    let out = sums.round(&[2, 1, 0], Some(8));
    assert_eq!(out, vec![4, 2, 2], "…in the order the keys are given");
}

#[test]
fn float_noise_is_a_tie_not_a_winner() {
    // 0.1 + 0.2 cents is 0.30000000000000004 in floats; 0.3 is 0.3. Within
    // the tolerance they are one tie, and the smaller key takes the cent.
    let mut sums = CentSums::default();
    sums.add_float(1, 0.1);
    sums.add_float(1, 0.2);
    sums.add_float(0, 0.3);
    sums.add_float(2, 0.4);
    assert_eq!(sums.round(&[0, 1, 2], Some(1)), vec![0, 0, 1]);
    assert_eq!(sums.round(&[0, 1, 2], Some(2)), vec![1, 0, 1]);
    let mut sums = CentSums::default();
    sums.add_float(0, 0.3);
    sums.add_float(1, 0.2);
    sums.add_float(1, 0.1);
    sums.add_float(2, 0.4);
    assert_eq!(sums.round(&[0, 1, 2], Some(2)), vec![1, 0, 1], "whatever the order of the terms");
    // A credit a hair below a whole cent is that cent: its remainder is 0,
    // so a genuine half cent elsewhere takes the missing cent first.
    let mut sums = CentSums::default();
    sums.add_float(0, 10.0 - 1e-9);
    sums.add_float(1, 5.5);
    sums.add_float(2, 4.5 + 1e-9);
    assert_eq!(sums.round(&[0, 1, 2], Some(20)), vec![10, 6, 4]);
}

#[test]
fn non_additive_rounds_each_to_its_nearest_cent() {
    let mut sums = CentSums::default();
    sums.add(0, 5, Ratio::new(1, 2));
    sums.add(1, 5, Ratio::new(1, 3));
    sums.add(2, -5, Ratio::new(1, 2));
    assert_eq!(sums.round(&[0, 1, 2], None), vec![3, 2, -2]);
}
