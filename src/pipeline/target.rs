//! Targets written in pipeline files: `>= 3%`, `<= 2h`, `> 120`, `<= 30 min`.

use crate::metrics::catalogue::Unit;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Comparison {
    AtLeast,
    AtMost,
    Above,
    Below,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// As written, for the report.
    pub text: String,
    pub comparison: Comparison,
    /// In the metric's own unit: percent as 3.0 for 3 %, durations in seconds.
    pub threshold: f64,
    /// The unit suffix written, if any (`%`, `h`, `min`, `s`).
    suffix: Option<Suffix>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Suffix {
    Percent,
    Hours,
    Minutes,
    Seconds,
}

impl Target {
    pub fn parse(text: &str) -> Result<Target, String> {
        let trimmed = text.trim();
        let (comparison, rest) = if let Some(r) = trimmed.strip_prefix(">=") {
            (Comparison::AtLeast, r)
        } else if let Some(r) = trimmed.strip_prefix("<=") {
            (Comparison::AtMost, r)
        } else if let Some(r) = trimmed.strip_prefix('>') {
            (Comparison::Above, r)
        } else if let Some(r) = trimmed.strip_prefix('<') {
            (Comparison::Below, r)
        } else {
            return Err(format!(
                "target `{trimmed}` must start with `>=`, `<=`, `>` or `<` (for example `>= 3%`)"
            ));
        };
        let rest = rest.trim();
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(rest.len());
        let (number, suffix) = rest.split_at(number_end);
        let value: f64 = number.parse().map_err(|_| {
            format!("target `{trimmed}`: `{number}` is not a number (use `.` for decimals)")
        })?;
        let suffix = match suffix.trim() {
            "" => None,
            "%" => Some(Suffix::Percent),
            "h" | "j" | "jam" => Some(Suffix::Hours),
            "min" | "m" | "mnt" => Some(Suffix::Minutes),
            "s" | "dtk" => Some(Suffix::Seconds),
            other => {
                return Err(format!(
                    "target `{trimmed}`: unknown unit `{other}` (use `%`, `h`, `min` or `s`)"
                ))
            }
        };
        let threshold = match suffix {
            Some(Suffix::Hours) => value * 3600.0,
            Some(Suffix::Minutes) => value * 60.0,
            _ => value,
        };
        Ok(Target {
            text: trimmed.to_string(),
            comparison,
            threshold,
            suffix,
        })
    }

    /// Whether the target's unit fits the metric's unit.
    pub fn check_unit(&self, unit: Unit) -> Result<(), String> {
        let ok = match self.suffix {
            None => unit != Unit::Seconds,
            Some(Suffix::Percent) => unit == Unit::Percent,
            Some(_) => unit == Unit::Seconds,
        };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "target `{}` does not fit a metric measured in {unit:?}",
                self.text
            ))
        }
    }

    pub fn is_met(&self, value: f64) -> bool {
        match self.comparison {
            Comparison::AtLeast => value >= self.threshold,
            Comparison::AtMost => value <= self.threshold,
            Comparison::Above => value > self.threshold,
            Comparison::Below => value < self.threshold,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_compares() {
        let t = Target::parse(">= 3%").unwrap();
        assert!(t.is_met(3.0) && !t.is_met(2.99));
        assert!(t.check_unit(Unit::Percent).is_ok() && t.check_unit(Unit::Count).is_err());
        let t = Target::parse("<= 2h").unwrap();
        assert_eq!(t.threshold, 7200.0);
        assert!(t.check_unit(Unit::Seconds).is_ok());
        let t = Target::parse("> 120").unwrap();
        assert!(t.is_met(121.0) && !t.is_met(120.0));
        assert_eq!(Target::parse("<= 30 min").unwrap().threshold, 1800.0);
    }

    #[test]
    fn explains_bad_targets() {
        assert!(Target::parse("3%").unwrap_err().contains("must start with"));
        assert!(Target::parse(">= 3,5%")
            .unwrap_err()
            .contains("not a number"));
        assert!(Target::parse(">= 3 kg")
            .unwrap_err()
            .contains("unknown unit"));
    }
}
