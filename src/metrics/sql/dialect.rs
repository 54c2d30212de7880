//! What differs between the SQL engines `tolok sql` writes for, as one table: how each
//! reads the Parquet store, quotes names and strings, writes a UTC instant, divides,
//! takes the first or last value in an order, matches regular expressions and takes a
//! median. The query building (`query.rs`) asks this table and knows no engine by name.

use crate::schema::{Kind, Table};

/// An engine `tolok sql` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dialect {
    DuckDb,
    Spark,
    Trino,
    DataFusion,
}

/// How an engine finds a table of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// `read_parquet('<store>/<table>/**/*.parquet', hive_partitioning = true, ...)`.
    DuckDbReadParquet,
    /// ``parquet.`<store>/<table>` ``: Spark discovers `platform=`/`month=` folders itself.
    SparkPath,
    /// `tolok.<table>`: Trino reads files only through a catalogue table (a hint to create
    /// one is printed).
    TrinoTable,
    /// `<table>`, registered by a `CREATE EXTERNAL TABLE` statement printed first.
    DataFusionExternalTable,
}

/// How `first(x)` / `last(x)` in a given order are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OrderedValue {
    /// `first(x ORDER BY k)`, `last(x ORDER BY k)` (DuckDB) or with other names.
    OrderByInside {
        first: &'static str,
        last: &'static str,
    },
    /// `min_by(x, k)`, `max_by(x, k)`; several keys go into one `tuple(...)` value.
    ByKey { tuple: &'static str },
}

/// One row of the table.
struct Traits {
    dialect: Dialect,
    /// The `--dialect` value.
    name: &'static str,
    title: &'static str,
    /// One line for `--help`.
    about: &'static str,
    /// Quote character of identifiers.
    quote: char,
    /// String literals read `\` as an escape (Spark), so it is doubled.
    backslash_escapes: bool,
    /// Keyword of a timestamp-without-time-zone literal; the store's instants are UTC
    /// wall-clock times without a zone.
    timestamp: &'static str,
    /// `/` of two integers gives a fraction (else the left side is cast to DOUBLE, as
    /// polars divides).
    true_division: bool,
    ordered_value: OrderedValue,
    /// `{0}`: the value.
    median: &'static str,
    /// `{0}`: text, `{1}`: pattern; true where the pattern occurs anywhere in the text.
    regex_match: &'static str,
    /// `{0}`: text, `{1}`: pattern; the first capture group, NULL or '' without a match.
    regex_extract: &'static str,
    /// Flag that makes a pattern case-insensitive for all of Unicode.
    case_insensitive: &'static str,
    source: Source,
    /// The engine can tell which file and row a value came from, so ties in snapshot time
    /// are broken in the order tolok reads the store (file path, then row); otherwise by
    /// `source_file`, `source_row`.
    file_order: bool,
    /// Said at the top of the printed SQL.
    notes: &'static [&'static str],
}

const TABLE: [Traits; 4] = [
    Traits {
        dialect: Dialect::DuckDb,
        name: "duckdb",
        title: "DuckDB",
        about: "DuckDB (executed by tolok's parity test, with DuckDB 2.0)",
        quote: '"',
        backslash_escapes: false,
        timestamp: "TIMESTAMP",
        true_division: true,
        ordered_value: OrderedValue::OrderByInside {
            first: "first",
            last: "last",
        },
        median: "median({0})",
        regex_match: "regexp_matches({0}, {1})",
        regex_extract: "regexp_extract({0}, {1}, 1)",
        case_insensitive: "(?i)",
        source: Source::DuckDbReadParquet,
        file_order: true,
        notes: &[
            "Run from the folder the store path is relative to: `duckdb < metrics.sql`, or",
            "statement by statement from Python (`duckdb.extract_statements`).",
        ],
    },
    Traits {
        dialect: Dialect::Spark,
        name: "spark",
        title: "Spark SQL",
        about: "Spark SQL 3.4 or later (not executed by tolok's tests)",
        quote: '`',
        backslash_escapes: true,
        timestamp: "TIMESTAMP_NTZ",
        true_division: true,
        ordered_value: OrderedValue::ByKey { tuple: "struct" },
        median: "median({0})",
        regex_match: "({0} RLIKE {1})",
        regex_extract: "regexp_extract({0}, {1}, 1)",
        case_insensitive: "(?iu)",
        source: Source::SparkPath,
        file_order: false,
        notes: &[
            "Not executed by tolok's tests. Run with `spark-sql -f metrics.sql`; the store path",
            "may be any path Spark reads (hdfs://, s3a://) holding a copy of the store.",
        ],
    },
    Traits {
        dialect: Dialect::Trino,
        name: "trino",
        title: "Trino",
        about: "Trino, the store registered as Hive tables (not executed by tolok's tests)",
        quote: '"',
        backslash_escapes: false,
        timestamp: "TIMESTAMP",
        true_division: false,
        ordered_value: OrderedValue::ByKey { tuple: "ROW" },
        median: "approx_percentile({0}, 0.5)",
        regex_match: "regexp_like({0}, {1})",
        regex_extract: "regexp_extract({0}, {1}, 1)",
        case_insensitive: "(?i)",
        source: Source::TrinoTable,
        file_order: false,
        notes: &[
            "Not executed by tolok's tests. Create the tables first (see the hint below), then",
            "`trino --catalog hive -f metrics.sql`. Trino has no exact median: median(x) is",
            "approx_percentile(x, 0.5) here.",
        ],
    },
    Traits {
        dialect: Dialect::DataFusion,
        name: "datafusion",
        title: "Apache DataFusion",
        about: "Apache DataFusion, e.g. datafusion-cli (not executed by tolok's tests)",
        quote: '"',
        backslash_escapes: false,
        timestamp: "TIMESTAMP",
        true_division: false,
        ordered_value: OrderedValue::OrderByInside {
            first: "first_value",
            last: "last_value",
        },
        median: "median({0})",
        regex_match: "regexp_like({0}, {1})",
        regex_extract: "regexp_match({0}, {1})[1]",
        case_insensitive: "(?i)",
        source: Source::DataFusionExternalTable,
        file_order: false,
        notes: &[
            "Not executed by tolok's tests. Run with `datafusion-cli -f metrics.sql`: the",
            "CREATE EXTERNAL TABLE statements below register the store's tables first.",
        ],
    },
];

impl Dialect {
    pub const ALL: [Dialect; 4] = [
        Dialect::DuckDb,
        Dialect::Spark,
        Dialect::Trino,
        Dialect::DataFusion,
    ];

    fn traits(self) -> &'static Traits {
        TABLE
            .iter()
            .find(|t| t.dialect == self)
            .expect("every dialect has a row")
    }

    /// The `--dialect` value.
    pub fn name(self) -> &'static str {
        self.traits().name
    }

    pub fn title(self) -> &'static str {
        self.traits().title
    }

    /// One line for `--help`.
    pub fn about(self) -> &'static str {
        self.traits().about
    }

    pub fn parse(name: &str) -> Option<Dialect> {
        Dialect::ALL.into_iter().find(|d| d.name() == name)
    }

    pub fn notes(self) -> &'static [&'static str] {
        self.traits().notes
    }

    /// A quoted identifier.
    pub fn ident(self, name: &str) -> String {
        let q = self.traits().quote;
        let doubled: String = name
            .chars()
            .flat_map(|c| if c == q { vec![c, c] } else { vec![c] })
            .collect();
        format!("{q}{doubled}{q}")
    }

    /// A string literal.
    pub fn string(self, text: &str) -> String {
        if self.traits().backslash_escapes {
            format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
        } else {
            format!("'{}'", text.replace('\'', "''"))
        }
    }

    /// A UTC instant (milliseconds since the epoch) as a timestamp literal without a zone,
    /// as the store keeps instants.
    pub fn instant(self, utc_ms: i64) -> String {
        let at = chrono::DateTime::from_timestamp_millis(utc_ms)
            .expect("period bounds are valid instants")
            .naive_utc();
        let text = if utc_ms % 1000 == 0 {
            at.format("%Y-%m-%d %H:%M:%S")
        } else {
            at.format("%Y-%m-%d %H:%M:%S%.3f")
        };
        format!("{} '{text}'", self.traits().timestamp)
    }

    pub fn date(self, date: chrono::NaiveDate) -> String {
        format!("DATE '{}'", date.format("%Y-%m-%d"))
    }

    /// `left / right` with polars' meaning: a fraction, also for two integers.
    pub fn divide(self, left: &str, right: &str) -> String {
        if self.traits().true_division {
            format!("{left} / {right}")
        } else {
            format!("CAST({left} AS DOUBLE) / {right}")
        }
    }

    /// The first (`last == false`) or last value of `value` in the order of `keys`.
    pub fn ordered_value(self, value: &str, keys: &[String], last: bool) -> String {
        match self.traits().ordered_value {
            OrderedValue::OrderByInside { first, last: l } => {
                let name = if last { l } else { first };
                format!("{name}({value} ORDER BY {})", keys.join(", "))
            }
            OrderedValue::ByKey { tuple } => {
                let name = if last { "max_by" } else { "min_by" };
                let key = match keys {
                    [one] => one.clone(),
                    _ => format!("{tuple}({})", keys.join(", ")),
                };
                format!("{name}({value}, {key})")
            }
        }
    }

    pub fn median(self, value: &str) -> String {
        self.traits().median.replace("{0}", value)
    }

    /// True where `pattern` (a regular expression in the syntax of Rust's `regex` crate,
    /// as tolok matches it) occurs in `text`.
    pub fn regex_match(self, text: &str, pattern: &str) -> String {
        let pattern = self.string(&self.portable_pattern(pattern));
        self.traits()
            .regex_match
            .replace("{0}", text)
            .replace("{1}", &pattern)
    }

    /// The first capture group of `pattern` in `text`, NULL without a match.
    pub fn regex_extract(self, text: &str, pattern: &str) -> String {
        let pattern = self.string(&self.portable_pattern(pattern));
        let call = self
            .traits()
            .regex_extract
            .replace("{0}", text)
            .replace("{1}", &pattern);
        // DuckDB and Spark give '' where there is no match; a capture of `\d+` is never ''.
        format!("NULLIF({call}, '')")
    }

    /// A pattern written for Rust's `regex` crate, rewritten so the engine's regex library
    /// reads it alike: `\s` is Unicode white space there but ASCII in RE2 (DuckDB) and
    /// Java (Spark), so it becomes the explicit class of Unicode's `White_Space`; `\d` is
    /// any Unicode digit, so it becomes `\p{Nd}`; a leading `(?i)` becomes the dialect's
    /// Unicode case-insensitive flag.
    fn portable_pattern(self, pattern: &str) -> String {
        const WHITE_SPACE: &str = r"\t\n\x0B\f\r\x{85}\p{Z}";
        let (flag, body) = match pattern.strip_prefix("(?i)") {
            Some(rest) => (self.traits().case_insensitive, rest),
            None => ("", pattern),
        };
        let mut out = String::from(flag);
        let mut in_class = false;
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                match c {
                    '[' => in_class = true,
                    ']' => in_class = false,
                    _ => {}
                }
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('s') if in_class => out.push_str(WHITE_SPACE),
                Some('s') => out.push_str(&format!("[{WHITE_SPACE}]")),
                Some('d') => out.push_str(r"\p{Nd}"),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            }
        }
        out
    }

    /// The rows of `table` in the store at `store` (a path the engine can read), with the
    /// partition columns.
    pub fn scan(self, store: &str, table: Table) -> String {
        let dir = format!("{}/{}", store.trim_end_matches('/'), table.name());
        match self.traits().source {
            Source::DuckDbReadParquet => format!(
                "read_parquet({}, hive_partitioning = true, hive_types_autocast = false, filename = true, file_row_number = true)",
                self.string(&format!("{dir}/**/*.parquet"))
            ),
            Source::SparkPath => format!("parquet.`{}`", dir.replace('`', "``")),
            Source::TrinoTable => format!("tolok.{}", self.ident(table.name())),
            Source::DataFusionExternalTable => self.ident(table.name()),
        }
    }

    /// Columns that order a table's rows as tolok reads them, after the snapshot time.
    pub fn read_order(self) -> [&'static str; 2] {
        if self.traits().file_order {
            ["filename", "file_row_number"]
        } else {
            ["source_file", "source_row"]
        }
    }

    /// Statements to run before the queries (DataFusion registers the tables), or a hint
    /// in comments (Trino), for the tables the queries read.
    pub fn prelude(self, store: &str, tables: &[Table]) -> Vec<String> {
        let store = store.trim_end_matches('/');
        match self.traits().source {
            Source::DuckDbReadParquet => vec![],
            // Otherwise `source=2024` would become a number, and `month=2026-10` a date.
            Source::SparkPath => {
                vec!["SET spark.sql.sources.partitionColumnTypeInference.enabled = false;".into()]
            }
            Source::DataFusionExternalTable => tables
                .iter()
                .map(|t| {
                    format!(
                        // DataFusion compares these with the folder names as written:
                        // quoted, they would not match.
                        "CREATE EXTERNAL TABLE {} STORED AS PARQUET PARTITIONED BY ({}, month) LOCATION {};",
                        self.ident(t.name()),
                        t.partition_column(),
                        self.string(&format!("{store}/{}/", t.name()))
                    )
                })
                .collect(),
            Source::TrinoTable => tables
                .iter()
                .map(|t| self.trino_table_hint(store, *t))
                .collect(),
        }
    }

    /// `-- CREATE TABLE hive.tolok.<table> (...)`: the store's layout as a Hive table.
    fn trino_table_hint(self, store: &str, table: Table) -> String {
        let part = table.partition_column();
        let mut columns: Vec<String> = table
            .columns()
            .iter()
            .filter(|c| c.name != part)
            .map(|c| format!("{} {}", self.ident(c.name), trino_type(c.kind)))
            .collect();
        columns.push(format!("{} varchar", self.ident(part)));
        columns.push(format!("{} varchar", self.ident("month")));
        let mut lines = vec![format!(
            "-- create table: CREATE TABLE hive.tolok.{} (",
            self.ident(table.name())
        )];
        for (i, c) in columns.iter().enumerate() {
            let comma = if i + 1 < columns.len() { "," } else { "" };
            lines.push(format!("--   {c}{comma}"));
        }
        lines.push(format!(
            "-- ) WITH (format = 'PARQUET', external_location = '{store}/{}', partitioned_by = ARRAY['{part}', 'month']);",
            table.name()
        ));
        lines.push(format!(
            "-- CALL hive.system.sync_partition_metadata('tolok', '{}', 'ADD');",
            table.name()
        ));
        lines.join("\n")
    }
}

fn trino_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "varchar",
        Kind::Count => "bigint",
        Kind::Real => "double",
        Kind::Bool => "boolean",
        Kind::Instant => "timestamp(3)",
        Kind::Date => "date",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dialect_has_one_row_and_a_unique_name() {
        for d in Dialect::ALL {
            assert_eq!(TABLE.iter().filter(|t| t.dialect == d).count(), 1);
            assert_eq!(Dialect::parse(d.name()), Some(d));
        }
        assert_eq!(Dialect::parse("postgres"), None);
    }

    #[test]
    fn strings_and_names_are_escaped_per_engine() {
        assert_eq!(Dialect::DuckDb.string(r"Jum'at \d"), r"'Jum''at \d'");
        assert_eq!(Dialect::Spark.string(r"Jum'at \d"), r"'Jum\'at \\d'");
        assert_eq!(Dialect::Trino.ident("va\"lue"), "\"va\"\"lue\"");
        assert_eq!(Dialect::Spark.ident("value"), "`value`");
    }

    #[test]
    fn instants_are_utc_wall_clock_literals() {
        // 2026-10-01 00:00 in Jakarta (UTC+7) is 2026-09-30 17:00 UTC.
        let ms = 1_790_787_600_000;
        assert_eq!(
            Dialect::DuckDb.instant(ms),
            "TIMESTAMP '2026-09-30 17:00:00'"
        );
        assert_eq!(
            Dialect::Spark.instant(ms + 5),
            "TIMESTAMP_NTZ '2026-09-30 17:00:00.005'"
        );
    }

    #[test]
    fn patterns_keep_rust_regex_meaning_in_other_libraries() {
        let d = Dialect::DuckDb;
        assert_eq!(
            d.portable_pattern(r"(?i)(?:^|[^\p{L}])a\s+b\d\\s\.(?:$)"),
            r"(?i)(?:^|[^\p{L}])a[\t\n\x0B\f\r\x{85}\p{Z}]+b\p{Nd}\\s\.(?:$)"
        );
        assert_eq!(d.portable_pattern(r"[^\s]"), r"[^\t\n\x0B\f\r\x{85}\p{Z}]");
        assert_eq!(Dialect::Spark.portable_pattern("(?i)x"), "(?iu)x");
    }

    #[test]
    fn first_and_last_follow_the_given_order() {
        let keys = vec!["\"date\"".to_string()];
        assert_eq!(
            Dialect::DuckDb.ordered_value("x", &keys, true),
            "last(x ORDER BY \"date\")"
        );
        assert_eq!(
            Dialect::Trino.ordered_value("x", &["a".into(), "b".into()], false),
            "min_by(x, ROW(a, b))"
        );
        assert_eq!(
            Dialect::DataFusion.ordered_value("x", &keys, false),
            "first_value(x ORDER BY \"date\")"
        );
    }

    #[test]
    fn integer_division_is_made_a_fraction_where_it_truncates() {
        assert_eq!(Dialect::DuckDb.divide("a", "b"), "a / b");
        assert_eq!(Dialect::Trino.divide("a", "b"), "CAST(a AS DOUBLE) / b");
    }
}
