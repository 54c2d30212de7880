//! Who writes the mentions: a pool of authors ranked by activity, chosen with a Zipf-like
//! law, so that a few accounts write a great deal and most write once or twice.
//!
//! Nothing is stored per author: an author is a rank, and everything about it (platform,
//! handle, followers) is drawn from a stream keyed by that rank, so the pool can hold millions
//! of authors at no memory cost and the same rank is the same person in every file.
//!
//! The rank law is Zipf with exponent [`ZIPF_EXPONENT`] approximated on doubling buckets:
//! ranks `2^b ..< 2^(b+1)` share the mass the law gives them, and are equally likely within
//! the bucket. Weights are products of a constant, so the draws need no `powf` (see `rng`).

use super::super::rng::{count, Rng};
use super::draw::{one_of, weighted};

/// Below 1, so the tail still holds most of the volume: the top 1% of authors write a fifth
/// to a third of the mentions, the most active one about 0.6% at 10 M mentions (a few
/// percent in small samples, whose pools are small).
const ZIPF_EXPONENT_FACTOR: f64 = 0.594_603_557_501_360_5; // 2^-0.75, i.e. exponent 0.75
#[cfg(test)]
const ZIPF_EXPONENT: f64 = 0.75;

/// Average mentions per author in the pool.
const MENTIONS_PER_AUTHOR: u64 = 8;
const MIN_AUTHORS: u64 = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Platform {
    X,
    Instagram,
    Facebook,
    TikTok,
}

impl Platform {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Instagram => "instagram",
            Platform::Facebook => "facebook",
            Platform::TikTok => "tiktok",
        }
    }
}

/// Where authors post, by share of authors.
const PLATFORM_MIX: [(Platform, u32); 4] = [
    (Platform::X, 46),
    (Platform::Instagram, 27),
    (Platform::Facebook, 15),
    (Platform::TikTok, 12),
];

const FIRST_NAMES: [&str; 32] = [
    "rina", "dewi", "agus", "budi", "siti", "fajar", "putri", "rizky", "ayu", "hendra", "nur",
    "wahyu", "indah", "yusuf", "lestari", "ahmad", "fitri", "bayu", "annisa", "reza", "sari",
    "dian", "galih", "maya", "ilham", "nadia", "taufik", "wulan", "arif", "citra", "dimas", "eka",
];
const LAST_NAMES: [&str; 16] = [
    "pratama",
    "saputra",
    "wulandari",
    "hidayat",
    "nugroho",
    "rahmawati",
    "kusuma",
    "santoso",
    "lubis",
    "siregar",
    "harahap",
    "permata",
    "setiawan",
    "maharani",
    "gunawan",
    "syahputra",
];

/// One author, as a mention row shows it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Author {
    pub rank: u64,
    pub platform: Platform,
    pub first: &'static str,
    pub last: &'static str,
    /// How the handle is spelled; see [`Author::write_handle`].
    style: u8,
    pub followers: u64,
}

impl Author {
    /// The handle without `@`; the rank makes it unique (`rina_pratama417`, `rina.417`).
    pub(crate) fn write_handle(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.first.as_bytes());
        let separator: &[u8] = match (self.platform, self.style) {
            (Platform::X, 0) | (Platform::TikTok, 0) => b"_",
            (Platform::X, _) => b"",
            _ => b".",
        };
        out.extend_from_slice(separator);
        if self.style == 0 || self.platform == Platform::Facebook {
            out.extend_from_slice(self.last.as_bytes());
            out.extend_from_slice(separator);
        }
        super::format::push_u64(out, self.rank);
    }

    /// As listening tools print the author: `@handle`, or the profile's user name on Facebook.
    pub(crate) fn write_name(&self, out: &mut Vec<u8>) {
        if self.platform != Platform::Facebook {
            out.push(b'@');
        }
        self.write_handle(out);
    }
}

/// The pool: its size and the cumulative bucket weights of the rank law.
#[derive(Debug, Clone)]
pub(crate) struct AuthorPool {
    seed: u64,
    size: u64,
    /// Cumulative weight up to and including each doubling bucket, scaled to integers.
    cumulative: Vec<u64>,
}

impl AuthorPool {
    /// A pool for `mentions` mentions: about one author per [`MENTIONS_PER_AUTHOR`] mentions.
    pub(crate) fn new(seed: u64, mentions: u64) -> Self {
        let size = (mentions / MENTIONS_PER_AUTHOR).max(MIN_AUTHORS);
        let mut cumulative = Vec::new();
        let mut total = 0u64;
        let mut per_rank = 1.0;
        let mut bucket_start = 1u64;
        while bucket_start <= size {
            let bucket_end = (bucket_start * 2).min(size + 1);
            let weight = per_rank * (bucket_end - bucket_start) as f64;
            total += count(weight * 1e9).max(1);
            cumulative.push(total);
            per_rank *= ZIPF_EXPONENT_FACTOR;
            bucket_start *= 2;
        }
        Self {
            seed,
            size,
            cumulative,
        }
    }

    #[cfg(test)]
    pub(crate) fn size(&self) -> u64 {
        self.size
    }

    /// A rank in `1..=size`, the most active author being 1.
    pub(crate) fn draw_rank(&self, rng: &mut Rng) -> u64 {
        let total = *self.cumulative.last().expect("at least one bucket");
        let ticket = rng.below(total);
        let bucket = self.cumulative.partition_point(|&upto| upto <= ticket);
        let start = 1u64 << bucket;
        let end = (start * 2).min(self.size + 1);
        start + rng.below(end - start)
    }

    /// The author of `rank`: the same for a seed, whichever file asks.
    pub(crate) fn author(&self, rank: u64) -> Author {
        let mut rng = Rng::stream(self.seed, "scale-author", rank);
        let platform = weighted(&mut rng, &PLATFORM_MIX);
        // Mostly small accounts, a few with tens of thousands of followers.
        let followers = count(60.0 * rng.heavy_tail(800.0)) + rng.below(80);
        Author {
            rank,
            platform,
            first: one_of(&mut rng, &FIRST_NAMES),
            last: one_of(&mut rng, &LAST_NAMES),
            style: rng.below(2) as u8,
            followers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exponent_factor_is_two_to_the_minus_exponent() {
        assert!((ZIPF_EXPONENT_FACTOR - 2f64.powf(-ZIPF_EXPONENT)).abs() < 1e-15);
    }

    #[test]
    fn ranks_are_skewed_and_inside_the_pool() {
        let pool = AuthorPool::new(5, 800_000);
        assert_eq!(pool.size(), 100_000);
        let mut rng = Rng::stream(5, "ranks", 0);
        let draws = 200_000;
        let mut top_percent = 0;
        let mut first = 0;
        for _ in 0..draws {
            let rank = pool.draw_rank(&mut rng);
            assert!((1..=100_000).contains(&rank));
            top_percent += u64::from(rank <= 1_000);
            first += u64::from(rank == 1);
        }
        // Bucket b holds 2^(b/4) of the mass (bucket 16 only 53% of it): 87.7 in all, of
        // which ranks up to 1000 hold 24.4, i.e. 28%.
        let share = top_percent as f64 / draws as f64;
        assert!((0.2..0.35).contains(&share), "top 1% share {share}");
        // Rank 1 alone holds 1 / 87.7 of the mass (the sum above), about 1.1%.
        assert!((1_900..2_700).contains(&first), "rank 1 drew {first}");
    }

    #[test]
    fn handles_are_stable_and_carry_the_rank() {
        let pool = AuthorPool::new(5, 10_000);
        let name = |rank| {
            let mut out = Vec::new();
            pool.author(rank).write_name(&mut out);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(name(417), name(417));
        assert!(name(417).ends_with("417"), "{}", name(417));
        assert_ne!(name(417), name(418));
    }
}
