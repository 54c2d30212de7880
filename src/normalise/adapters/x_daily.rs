//! X (Twitter) analytics "Tweet activity" export by day
//! (`daily_tweet_activity_metrics_<handle>_<YYYYMMDD>_<YYYYMMDD>_<lang>.csv`, the companion
//! of the per-tweet export read by `x_tweet_activity`): one row per day for the account →
//! `account_daily`.
//!
//! Header verified from a real file's column listing (PsyTeachR's "Twitter Data" appendix,
//! `glimpse()` of `daily_tweet_activity_metrics_LisaDeBruine_20210801_20210901_en.csv`):
//! `Date, Tweets published, impressions, engagements, engagement rate, retweets, replies,
//! likes, user profile clicks, url clicks, hashtag clicks, detail expands, permalink
//! clicks, app opens, app installs, follows, email tweet, dial phone, media views, media
//! engagements`, then `promoted …` columns; `Date` read by readr as a date, so ISO
//! `2021-08-01`; `engagement rate` a fraction (0.0119 = 13 / 1088). Quoting and the `"-"`
//! of unpromoted `promoted …` cells are taken from the per-tweet export of the same tool
//! (real files in ../shared/data/exports/x_twitter), not seen in a daily file.
//!
//! Mapped: `impressions`; `url clicks` → `link_clicks`; `user profile clicks` →
//! `profile_visits`; `follows` → `followers_gained`. X's `follows` counts the accounts
//! that followed from the account's tweets that day, not every new follower (the daily
//! export has no follower count), so `followers_gained` from this file can be lower than
//! the true gain.
//!
//! Not mapped: `engagements` (X's figure counts every click and expand, so it is not the
//! `interactions` of `account_daily`, which like Meta's "Content interactions" counts
//! reactions, comments and shares); `engagement rate` (rates are computed, never stored);
//! `Tweets published`, `retweets`, `replies`, `likes` (per-post counts belong to the
//! per-tweet export, whose rows are posts); `promoted …` (paid).
//!
//! The account is the input's `account`, else `main`: the handle in the file name is not
//! read (the file name can be anything once downloaded).

use super::{field, strings, AccountRule, Adapter, Parse, PlatformRule};
use crate::schema::Table;

pub fn adapter() -> Adapter {
    use Parse::*;
    Adapter {
        id: "x_daily".into(),
        name: "X analytics tweet activity export by day".into(),
        version: 1,
        table: Table::AccountDaily,
        signature: strings(&["Date", "Tweets published", "impressions", "engagements"]),
        excludes: vec![],
        platform: PlatformRule::Fixed("x".into()),
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            field("date", &["Date"], Date("%Y-%m-%d")),
            field("impressions", &["impressions"], Count),
            field("link_clicks", &["url clicks"], Count),
            field("profile_visits", &["user profile clicks"], Count),
            field("followers_gained", &["follows"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    }
}
