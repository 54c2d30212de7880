//! A catalogue SQL expression (`sum(likes)`, `count(DISTINCT author_id)`, a filter) written
//! again for one engine. The catalogue keeps to a small portable subset (see the head of
//! `metrics.toml`); this parses the text as polars does and prints that subset back with
//! the dialect's quoting, division and ordered first/last values. Anything outside the
//! subset is an error naming it, never a guess.

use super::dialect::Dialect;
use crate::metrics::MetricsError;
use sqlparser::ast::{
    BinaryOperator, DuplicateTreatment, Expr, Function, FunctionArg, FunctionArgExpr,
    FunctionArguments, ObjectNamePart, UnaryOperator, Value,
};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;

/// What an expression is rendered for.
pub struct Context<'a> {
    pub dialect: Dialect,
    /// Quoted columns that order the rows of a group, for `first()` and `last()`; empty
    /// where no order is defined (then they are refused).
    pub order: &'a [String],
}

/// `text` (catalogue SQL) as the dialect's SQL; `metric` names it in errors.
pub fn render(text: &str, metric: &str, ctx: &Context) -> Result<String, MetricsError> {
    let expr = Parser::new(&GenericDialect)
        .try_with_sql(text)
        .and_then(|mut p| p.parse_expr())
        .map_err(|e| MetricsError::Sql {
            metric: metric.to_string(),
            message: format!("`{text}` does not parse: {e}"),
        })?;
    Renderer { ctx, metric, text }.expr(&expr)
}

struct Renderer<'a> {
    ctx: &'a Context<'a>,
    metric: &'a str,
    text: &'a str,
}

/// Binding strength, for parentheses: higher binds tighter.
fn precedence(expr: &Expr) -> u8 {
    match expr {
        Expr::BinaryOp { op, .. } => match op {
            BinaryOperator::Or => 1,
            BinaryOperator::And => 2,
            BinaryOperator::Eq
            | BinaryOperator::NotEq
            | BinaryOperator::Lt
            | BinaryOperator::LtEq
            | BinaryOperator::Gt
            | BinaryOperator::GtEq => 4,
            BinaryOperator::Plus | BinaryOperator::Minus | BinaryOperator::StringConcat => 5,
            _ => 6,
        },
        Expr::UnaryOp {
            op: UnaryOperator::Not,
            ..
        } => 3,
        Expr::IsNull(_)
        | Expr::IsNotNull(_)
        | Expr::InList { .. }
        | Expr::Between { .. }
        | Expr::Like { .. } => 4,
        Expr::UnaryOp { .. } => 7,
        _ => 8,
    }
}

impl Renderer<'_> {
    fn unsupported(&self, what: impl std::fmt::Display) -> MetricsError {
        MetricsError::Sql {
            metric: self.metric.to_string(),
            message: format!(
                "`{}` uses {what}, which is outside the catalogue's portable SQL",
                self.text
            ),
        }
    }

    /// `child` as an operand of an operator of precedence `parent`; `right` operands of
    /// equal precedence are bracketed too (`a - (b - c)`).
    fn operand(&self, child: &Expr, parent: u8, right: bool) -> Result<String, MetricsError> {
        let text = self.expr(child)?;
        let p = precedence(child);
        Ok(if p < parent || (right && p == parent) {
            format!("({text})")
        } else {
            text
        })
    }

    fn expr(&self, expr: &Expr) -> Result<String, MetricsError> {
        let d = self.ctx.dialect;
        Ok(match expr {
            Expr::Identifier(ident) => d.ident(&ident.value),
            Expr::Value(v) => match &v.value {
                Value::Number(n, _) => n.to_string(),
                Value::SingleQuotedString(s) => d.string(s),
                Value::Boolean(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
                Value::Null => "NULL".to_string(),
                other => return Err(self.unsupported(format_args!("the literal {other}"))),
            },
            Expr::Nested(inner) => format!("({})", self.expr(inner)?),
            Expr::BinaryOp { left, op, right } => {
                let p = precedence(expr);
                let l = self.operand(left, p, false)?;
                let r = self.operand(right, p, true)?;
                let symbol = match op {
                    BinaryOperator::Divide => return Ok(d.divide(&l, &r)),
                    BinaryOperator::Plus => "+",
                    BinaryOperator::Minus => "-",
                    BinaryOperator::Multiply => "*",
                    BinaryOperator::Modulo => "%",
                    BinaryOperator::Eq => "=",
                    BinaryOperator::NotEq => "<>",
                    BinaryOperator::Lt => "<",
                    BinaryOperator::LtEq => "<=",
                    BinaryOperator::Gt => ">",
                    BinaryOperator::GtEq => ">=",
                    BinaryOperator::And => "AND",
                    BinaryOperator::Or => "OR",
                    BinaryOperator::StringConcat => "||",
                    other => return Err(self.unsupported(format_args!("the operator {other}"))),
                };
                format!("{l} {symbol} {r}")
            }
            Expr::UnaryOp { op, expr: inner } => {
                let text = self.operand(inner, precedence(expr), false)?;
                match op {
                    UnaryOperator::Not => format!("NOT {text}"),
                    UnaryOperator::Minus => format!("-{text}"),
                    UnaryOperator::Plus => text,
                    other => return Err(self.unsupported(format_args!("the operator {other}"))),
                }
            }
            Expr::IsNull(inner) => format!("{} IS NULL", self.operand(inner, 4, false)?),
            Expr::IsNotNull(inner) => format!("{} IS NOT NULL", self.operand(inner, 4, false)?),
            Expr::InList {
                expr: inner,
                list,
                negated,
            } => {
                let items = list
                    .iter()
                    .map(|e| self.expr(e))
                    .collect::<Result<Vec<_>, _>>()?;
                let not = if *negated { "NOT " } else { "" };
                format!(
                    "{} {not}IN ({})",
                    self.operand(inner, 4, false)?,
                    items.join(", ")
                )
            }
            Expr::Between {
                expr: inner,
                negated,
                low,
                high,
            } => {
                let not = if *negated { "NOT " } else { "" };
                format!(
                    "{} {not}BETWEEN {} AND {}",
                    self.operand(inner, 4, false)?,
                    self.operand(low, 5, false)?,
                    self.operand(high, 5, false)?
                )
            }
            Expr::Case {
                operand,
                conditions,
                else_result,
                ..
            } => {
                let mut out = String::from("CASE");
                if let Some(op) = operand {
                    out.push_str(&format!(" {}", self.expr(op)?));
                }
                for when in conditions {
                    out.push_str(&format!(
                        " WHEN {} THEN {}",
                        self.expr(&when.condition)?,
                        self.expr(&when.result)?
                    ));
                }
                if let Some(e) = else_result {
                    out.push_str(&format!(" ELSE {}", self.expr(e)?));
                }
                out.push_str(" END");
                out
            }
            Expr::Function(f) => self.function(f)?,
            other => return Err(self.unsupported(format_args!("`{other}`"))),
        })
    }

    fn function(&self, f: &Function) -> Result<String, MetricsError> {
        let d = self.ctx.dialect;
        let name = match f.name.0.as_slice() {
            [ObjectNamePart::Identifier(ident)] => ident.value.to_lowercase(),
            _ => return Err(self.unsupported(format_args!("the function {}", f.name))),
        };
        if f.filter.is_some() || f.over.is_some() || !f.within_group.is_empty() {
            return Err(self.unsupported(format_args!("FILTER, OVER or WITHIN GROUP on {name}()")));
        }
        let FunctionArguments::List(list) = &f.args else {
            return Err(self.unsupported(format_args!("{name} without an argument list")));
        };
        if !list.clauses.is_empty() {
            return Err(self.unsupported(format_args!("clauses inside {name}()")));
        }
        let distinct = matches!(list.duplicate_treatment, Some(DuplicateTreatment::Distinct));
        let mut args = Vec::new();
        for arg in &list.args {
            match arg {
                FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => args.push(self.expr(e)?),
                FunctionArg::Unnamed(FunctionArgExpr::Wildcard) if name == "count" => {
                    args.push("*".to_string())
                }
                _ => return Err(self.unsupported(format_args!("the arguments of {name}()"))),
            }
        }
        let one = |args: &[String]| -> Result<String, MetricsError> {
            match args {
                [a] => Ok(a.clone()),
                _ => Err(self.unsupported(format_args!("{name}() with {} arguments", args.len()))),
            }
        };
        Ok(match name.as_str() {
            "count" => {
                let arg = one(&args)?;
                if distinct {
                    format!("count(DISTINCT {arg})")
                } else {
                    format!("count({arg})")
                }
            }
            _ if distinct => return Err(self.unsupported(format_args!("{name}(DISTINCT ...)"))),
            "sum" | "min" | "max" | "avg" => format!("{name}({})", one(&args)?),
            "median" => d.median(&one(&args)?),
            "first" | "last" => {
                if self.ctx.order.is_empty() {
                    return Err(self.unsupported(format_args!(
                        "{name}() without an order (only per_account metrics have one)"
                    )));
                }
                d.ordered_value(&one(&args)?, self.ctx.order, name == "last")
            }
            "coalesce" | "nullif" | "lower" | "upper" | "abs" => {
                format!("{name}({})", args.join(", "))
            }
            _ => return Err(self.unsupported(format_args!("the function {name}()"))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duckdb(text: &str) -> String {
        let order = vec!["\"date\"".to_string()];
        let ctx = Context {
            dialect: Dialect::DuckDb,
            order: &order,
        };
        render(text, "m", &ctx).unwrap()
    }

    #[test]
    fn catalogue_expressions_are_printed_back_with_quoted_columns() {
        assert_eq!(
            duckdb("sum(coalesce(likes, 0) + coalesce(comments, 0))"),
            r#"sum(coalesce("likes", 0) + coalesce("comments", 0))"#
        );
        assert_eq!(
            duckdb("sum(CASE WHEN kind = 'sessions' THEN value END) - sum(CASE WHEN kind = 'engaged_sessions' THEN value END)"),
            r#"sum(CASE WHEN "kind" = 'sessions' THEN "value" END) - sum(CASE WHEN "kind" = 'engaged_sessions' THEN "value" END)"#
        );
        assert_eq!(
            duckdb("count(DISTINCT CASE WHEN direction = 'outbound' THEN thread_id END)"),
            r#"count(DISTINCT CASE WHEN "direction" = 'outbound' THEN "thread_id" END)"#
        );
        assert_eq!(
            duckdb("is_automated IS NULL OR is_automated = false"),
            r#""is_automated" IS NULL OR "is_automated" = FALSE"#
        );
        assert_eq!(duckdb("count(*)"), "count(*)");
    }

    #[test]
    fn grouping_survives_reprinting() {
        // The parse tree decides the brackets: none are lost, none change the meaning.
        assert_eq!(duckdb("a - (b - c)"), r#""a" - ("b" - "c")"#);
        assert_eq!(duckdb("a - b - c"), r#""a" - "b" - "c""#);
        assert_eq!(
            duckdb("x = 'a' AND (y IS NULL OR y = 'own')"),
            r#""x" = 'a' AND ("y" IS NULL OR "y" = 'own')"#
        );
        assert_eq!(duckdb("NOT a OR b"), r#"NOT "a" OR "b""#);
    }

    #[test]
    fn first_and_last_need_an_order_and_take_the_dialects_form() {
        assert_eq!(
            duckdb("last(followers) - first(followers)"),
            r#"last("followers" ORDER BY "date") - first("followers" ORDER BY "date")"#
        );
        let ctx = Context {
            dialect: Dialect::Spark,
            order: &[],
        };
        let err = render("last(followers)", "followers_end", &ctx).unwrap_err();
        assert!(err.to_string().contains("followers_end"), "{err}");
    }

    #[test]
    fn division_is_a_fraction_in_every_dialect() {
        let ctx = Context {
            dialect: Dialect::Trino,
            order: &[],
        };
        assert_eq!(
            render("sum(a) / count(*)", "m", &ctx).unwrap(),
            r#"CAST(sum("a") AS DOUBLE) / count(*)"#
        );
    }

    #[test]
    fn sql_outside_the_subset_is_refused_by_name() {
        let ctx = Context {
            dialect: Dialect::DuckDb,
            order: &[],
        };
        for text in ["percentile_cont(0.5)", "sum(x) OVER ()", "CAST(x AS INT)"] {
            let err = render(text, "m", &ctx).unwrap_err().to_string();
            assert!(
                err.contains("outside the catalogue's portable SQL"),
                "{err}"
            );
        }
    }
}
