//! Report model (front-matter stage): the `report` block of an article's
//! front matter -> a `Report` of exact decimals, checked (totals, signs,
//! whole numbers of people, statuses, periods) with positioned problems.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_yaml::Value;

use crate::dates::parse_day;
use crate::diagnostics::did_you_mean;
use crate::yaml::{Fields, Problem, Segment, describe, kind};

const REPORT_FIELDS: &[&str] = &["unit", "period", "money_unit", "total_budget", "items"];
const PERIOD_FIELDS: &[&str] = &["from", "to", "label"];
const ITEM_FIELDS: &[&str] = &["name", "budget", "people", "place", "status"];

/// Where an activity stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Planned,
    InProgress,
    Done,
    Cancelled,
}

impl Status {
    pub const NAMES: &'static [&'static str] = &["planned", "in_progress", "done", "cancelled"];

    fn parse(name: &str) -> Option<Status> {
        match name {
            "planned" => Some(Status::Planned),
            "in_progress" => Some(Status::InProgress),
            "done" => Some(Status::Done),
            "cancelled" => Some(Status::Cancelled),
            _ => None,
        }
    }

    /// The key of the status in the theme's UI strings (`status_done`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Status::Planned => "status_planned",
            Status::InProgress => "status_in_progress",
            Status::Done => "status_done",
            Status::Cancelled => "status_cancelled",
        }
    }
}

/// The reporting period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub label: Option<String>,
}

/// One activity of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportItem {
    pub name: String,
    pub budget: Option<Decimal>,
    pub people: Option<u64>,
    pub place: Option<String>,
    pub status: Option<Status>,
}

/// A structured activity report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub unit: Option<String>,
    pub period: Option<Period>,
    pub money_unit: String,
    /// The total as declared; checked against the items.
    pub total_budget: Option<Decimal>,
    pub items: Vec<ReportItem>,
}

impl Report {
    /// Sum of the item budgets, exact.
    pub fn items_budget(&self) -> Decimal {
        self.items.iter().filter_map(|item| item.budget).sum()
    }

    /// The declared total, or the sum of the items when none is declared.
    pub fn total(&self) -> Decimal {
        self.total_budget.unwrap_or_else(|| self.items_budget())
    }

    pub fn people(&self) -> u64 {
        self.items.iter().filter_map(|item| item.people).sum()
    }
}

/// Reads and checks a `report` block at `path`.
pub fn read_report(
    value: &Value,
    path: Vec<Segment>,
    problems: &mut Vec<Problem>,
) -> Option<Report> {
    let mut fields = Fields::new(value, path, "report", problems)?;
    fields.deny_unknown(REPORT_FIELDS, "report");
    let unit = fields.text("unit");
    let money_unit = fields
        .text("money_unit")
        .unwrap_or_else(|| "triệu đồng".into());
    let period = fields
        .get("period")
        .and_then(|value| read_period(value, fields.path_of("period"), fields.problems()));
    let total_budget = fields
        .get("total_budget")
        .and_then(|value| read_amount(value, &fields.path_of("total_budget"), fields.problems()));
    let items = read_items(&mut fields);
    let report = Report {
        unit,
        period,
        money_unit,
        total_budget,
        items,
    };
    if let Some(declared) = report.total_budget {
        let sum = report.items_budget();
        if declared != sum {
            let problem = Problem::value(
                &fields.path_of("total_budget"),
                format!("total_budget is {declared} but the items add up to {sum}"),
            )
            .with_hint(format!(
                "correct the total to {sum}, or check the item budgets"
            ));
            fields.report(problem);
        }
    }
    Some(report)
}

fn read_period(value: &Value, path: Vec<Segment>, problems: &mut Vec<Problem>) -> Option<Period> {
    let mut fields = Fields::new(value, path, "report.period", problems)?;
    fields.deny_unknown(PERIOD_FIELDS, "report.period");
    let from = read_day(&mut fields, "from");
    let to = read_day(&mut fields, "to");
    let label = fields.text("label");
    let (from, to) = (from?, to?);
    if to < from {
        let problem = Problem::value(
            &fields.path_of("to"),
            format!("the period ends ({to}) before it starts ({from})"),
        )
        .with_hint("swap from and to, or correct the year");
        fields.report(problem);
        return None;
    }
    Some(Period { from, to, label })
}

fn read_day(fields: &mut Fields, key: &str) -> Option<NaiveDate> {
    let Some(text) = fields.text(key) else {
        if fields.get(key).is_none() {
            let problem = Problem::value(
                &fields.path_of(key),
                format!("report.period needs \"{key}\""),
            )
            .with_hint("write it as YYYY-MM-DD");
            fields.report(problem);
        }
        return None;
    };
    match parse_day(&text) {
        Ok(day) => Some(day),
        Err(error) => {
            fields
                .report(Problem::value(&fields.path_of(key), error.message).with_hint(error.hint));
            None
        }
    }
}

fn read_items(fields: &mut Fields) -> Vec<ReportItem> {
    let Some(value) = fields.get("items") else {
        return Vec::new();
    };
    let Value::Sequence(list) = value else {
        fields.report(Problem::value(
            &fields.path_of("items"),
            format!("report.items must be a list, found {}", kind(value)),
        ));
        return Vec::new();
    };
    let mut items = Vec::with_capacity(list.len());
    for (index, entry) in list.iter().enumerate() {
        let mut path = fields.path_of("items");
        path.push(Segment::Index(index));
        if let Some(item) = read_item(entry, path, fields.problems()) {
            items.push(item);
        }
    }
    items
}

fn read_item(value: &Value, path: Vec<Segment>, problems: &mut Vec<Problem>) -> Option<ReportItem> {
    let mut fields = Fields::new(value, path, "a report item", problems)?;
    fields.deny_unknown(ITEM_FIELDS, "a report item");
    let name = fields.required_text("name", "what the activity was");
    let budget = fields
        .get("budget")
        .and_then(|value| read_amount(value, &fields.path_of("budget"), fields.problems()));
    let people = read_people(&mut fields);
    let place = fields.text("place");
    let status = fields.text("status").and_then(|text| {
        let status = Status::parse(text.trim());
        if status.is_none() {
            let hint = match did_you_mean(text.trim(), Status::NAMES) {
                Some(close) => format!(
                    "did you mean \"{close}\"? (one of {})",
                    Status::NAMES.join(", ")
                ),
                None => format!("use one of {}", Status::NAMES.join(", ")),
            };
            fields.report(
                Problem::value(
                    &fields.path_of("status"),
                    format!("unknown status \"{text}\""),
                )
                .with_hint(hint),
            );
        }
        status
    });
    Some(ReportItem {
        name: name?,
        budget,
        people,
        place,
        status,
    })
}

fn read_people(fields: &mut Fields) -> Option<u64> {
    let value = fields.get("people")?;
    match value.as_u64() {
        Some(people) => Some(people),
        None => {
            let problem = Problem::value(
                &fields.path_of("people"),
                format!(
                    "people must be a whole number of persons, found {}",
                    describe(value)
                ),
            )
            .with_hint("count persons, e.g. people: 105");
            fields.report(problem);
            None
        }
    }
}

/// An amount of money: a YAML number (or numeric text) read as an exact decimal.
fn read_amount(value: &Value, path: &[Segment], problems: &mut Vec<Problem>) -> Option<Decimal> {
    let text = match value {
        // serde_yaml prints floats in their shortest round-trip form, so
        // `77.85` comes back as "77.85" and parses exactly.
        Value::Number(number) => number.to_string(),
        Value::String(text) => text.trim().to_string(),
        other => {
            problems.push(Problem::value(
                path,
                format!("an amount must be a number, found {}", kind(other)),
            ));
            return None;
        }
    };
    let amount = match Decimal::from_str(&text) {
        Ok(amount) => amount,
        Err(_) => {
            let hint = if text.contains(',') {
                format!(
                    "use a dot for decimals in front matter: {}",
                    text.replace('.', "").replace(',', ".")
                )
            } else {
                "write a number such as 252.85".to_string()
            };
            problems
                .push(Problem::value(path, format!("\"{text}\" is not an amount")).with_hint(hint));
            return None;
        }
    };
    if amount.is_sign_negative() {
        problems.push(
            Problem::value(path, format!("amount {amount} is negative"))
                .with_hint("budgets are never negative"),
        );
        return None;
    }
    Some(amount.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> (Option<Report>, Vec<Problem>) {
        let value: Value = serde_yaml::from_str(yaml).expect("valid YAML");
        let mut problems = Vec::new();
        let report = read_report(&value, vec![Segment::Key("report".into())], &mut problems);
        (report, problems)
    }

    #[test]
    fn sums_are_exact_to_the_cent() {
        let (report, problems) = read(
            "total_budget: 252.85\nitems:\n  - {name: A, budget: 77.85}\n  - {name: B, budget: 100}\n  - {name: C, budget: 75}\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let report = report.expect("report");
        assert_eq!(report.total().to_string(), "252.85");
    }

    #[test]
    fn each_report_mistake_is_a_problem_with_its_path() {
        let (_, problems) = read(
            "total_budget: 250\nperiod: {from: 2014-09-30, to: 2014-01-01}\nitems:\n  - {name: A, budget: -5, people: 10.5, status: finished}\n  - {name: B, budget: 100}\n",
        );
        let messages: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", crate::yaml::path_name(&p.path), p.message))
            .collect();
        let joined = messages.join("\n");
        assert!(
            joined.contains("report.period.to: the period ends"),
            "{joined}"
        );
        assert!(
            joined.contains("report.items[0].budget: amount -5 is negative"),
            "{joined}"
        );
        assert!(
            joined.contains("report.items[0].people: people must be a whole number"),
            "{joined}"
        );
        assert!(
            joined.contains("report.items[0].status: unknown status \"finished\""),
            "{joined}"
        );
        assert!(
            joined.contains("report.total_budget: total_budget is 250 but the items add up to 100"),
            "{joined}"
        );
    }
}
