//! `[care]` of a pipeline file: the service level and business-hours calendar the
//! customer-care response times are measured against (checked by
//! `metrics::care::CareRules::from_settings`).
//!
//! ```toml
//! [care]
//! sla = "1h"                 # default 1 hour
//! hours = "08:00-17:00"      # only this time of day counts (pipeline time zone)
//! days = ["mon", "tue", "wed", "thu", "fri"]   # default with `hours`: Monday to Friday
//! ```

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CareSettings {
    /// The time within which a customer's first message should be answered (`1h`, `30min`).
    #[serde(default)]
    pub sla: Option<String>,
    /// Opening hours, `hh:mm-hh:mm`; without them every hour counts.
    #[serde(default)]
    pub hours: Option<String>,
    /// Working days (`mon` … `sun`, or `senin` … `minggu`).
    #[serde(default)]
    pub days: Option<Vec<String>>,
}
