//! Weighted choices for the per-row draws. `Rng::pick_weighted` collects its weights into a
//! `Vec` on every call, which is fine for a few thousand rows but not for millions.

use super::super::rng::Rng;

/// The first item of the pair chosen with probability proportional to the second.
pub(crate) fn weighted<T: Copy>(rng: &mut Rng, items: &[(T, u32)]) -> T {
    let total: u64 = items.iter().map(|&(_, weight)| u64::from(weight)).sum();
    let mut ticket = rng.below(total);
    for &(item, weight) in items {
        let weight = u64::from(weight);
        if ticket < weight {
            return item;
        }
        ticket -= weight;
    }
    unreachable!("the ticket is below the total weight")
}

/// One of `items`, uniformly.
pub(crate) fn one_of<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.below(items.len() as u64) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_draws_like_the_shared_rng_does() {
        let items = [("a", 3), ("b", 0), ("c", 5)];
        let mut ours = Rng::stream(4, "draw", 0);
        let mut shared = Rng::stream(4, "draw", 0);
        for _ in 0..1_000 {
            let item = weighted(&mut ours, &items);
            assert_ne!(item, "b");
            assert_eq!(item, shared.pick_weighted(&items));
        }
    }
}
