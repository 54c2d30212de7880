//! A small deterministic PRNG (SplitMix64) and the few draws the generator needs.
//!
//! Every draw uses only integer operations and `+ - * /` on `f64` (no `ln`, `exp`, `powf`,
//! `cos`): those are correctly rounded by IEEE 754 everywhere, whereas libm's transcendental
//! functions may differ in the last bit between platforms and would break byte-identical
//! output. Heavy tails therefore come from `1/u` (a Pareto tail) instead of a log-normal.

/// SplitMix64: one 64-bit state, good statistical quality for simulation, trivially seedable.
#[derive(Debug, Clone)]
pub(crate) struct Rng {
    state: u64,
}

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// The SplitMix64 output function; also used to hash stream labels into seeds.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// An independent stream for one `(label, index)`, e.g. `("x", month_index)`. Each file draws
    /// from its own stream, so changing how one file is generated never shifts another.
    pub(crate) fn stream(seed: u64, label: &str, index: u64) -> Self {
        let mut state = mix(seed);
        for byte in label.bytes() {
            state = mix(state ^ u64::from(byte));
        }
        Self {
            state: mix(state ^ index.wrapping_mul(GOLDEN_GAMMA)),
        }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        mix(self.state)
    }

    /// Uniform in `0..n` (`n > 0`). The modulo bias is below 2^-40 for the small `n` used here.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        self.next_u64() % n
    }

    /// Uniform integer in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        debug_assert!(lo <= hi);
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)` with 53 bits of precision.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `[lo, hi)`.
    pub(crate) fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    pub(crate) fn chance(&mut self, probability: f64) -> bool {
        self.unit() < probability
    }

    /// A Pareto-tailed multiplier in `[1, cap]`: usually close to 1, occasionally large.
    pub(crate) fn heavy_tail(&mut self, cap: f64) -> f64 {
        1.0 / self.uniform(1.0 / cap, 1.0)
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Index into `weights`, chosen with probability proportional to its weight.
    pub(crate) fn pick_index_weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut ticket = self.below(total);
        for (index, &weight) in weights.iter().enumerate() {
            let weight = u64::from(weight);
            if ticket < weight {
                return index;
            }
            ticket -= weight;
        }
        unreachable!("ticket is below the total weight")
    }

    /// The first item of the pair chosen with probability proportional to the second.
    pub(crate) fn pick_weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let weights: Vec<u32> = items.iter().map(|&(_, weight)| weight).collect();
        items[self.pick_index_weighted(&weights)].0
    }

    /// A number with exactly `digits` decimal digits (no leading zero), `digits` in 1..=18.
    pub(crate) fn digits(&mut self, digits: u32) -> u64 {
        debug_assert!((1..=18).contains(&digits));
        self.range(10u64.pow(digits - 1), 10u64.pow(digits) - 1)
    }
}

/// Rounds a non-negative simulated quantity to a count. `round` is exact in IEEE 754.
pub(crate) fn count(value: f64) -> u64 {
    if value <= 0.0 {
        0
    } else {
        value.round() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Rng::stream(7, "x", 0).next_u64()).collect();
        assert!(a.windows(2).all(|pair| pair[0] == pair[1]));
        assert_ne!(
            Rng::stream(7, "x", 0).next_u64(),
            Rng::stream(7, "x", 1).next_u64()
        );
        assert_ne!(
            Rng::stream(7, "x", 0).next_u64(),
            Rng::stream(7, "facebook", 0).next_u64()
        );
    }

    #[test]
    fn digits_have_the_requested_length() {
        let mut rng = Rng::stream(1, "digits", 0);
        for digits in [11, 15, 16, 17] {
            for _ in 0..100 {
                assert_eq!(rng.digits(digits).to_string().len(), digits as usize);
            }
        }
    }
}
