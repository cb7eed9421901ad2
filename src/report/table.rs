//! Report table (render stage): a checked `Report` -> the strings of its
//! figures table, printed the Vietnamese way (`1.250,5`), ready for a
//! template. Amounts stay exact decimals until they become text.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::model::{Period, Report, Status};
use crate::vietnamese::{format_decimal, format_integer};

/// One row of the figures table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    /// `77,85`, or `None` when the item declares no budget.
    pub budget: Option<String>,
    pub people: Option<String>,
    pub place: Option<String>,
    pub status: Option<Status>,
}

/// The figures of a report as display strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub unit: Option<String>,
    /// `9 tháng đầu năm 2014 (01/01/2014 – 30/09/2014)`.
    pub period: Option<String>,
    pub money_unit: String,
    pub rows: Vec<Row>,
    /// The declared total (or the sum of the items): `252,85`.
    pub total_budget: String,
    /// Sum of `people`, when any item counts people.
    pub total_people: Option<String>,
    /// Which optional columns have at least one value.
    pub has_budget: bool,
    pub has_people: bool,
    pub has_place: bool,
    pub has_status: bool,
}

/// Formats a report for its figures table.
pub fn table(report: &Report) -> Table {
    let rows: Vec<Row> = report
        .items
        .iter()
        .map(|item| Row {
            name: item.name.clone(),
            budget: item.budget.map(format_decimal),
            people: item.people.map(format_count),
            place: item.place.clone(),
            status: item.status,
        })
        .collect();
    let has_people = rows.iter().any(|row| row.people.is_some());
    Table {
        unit: report.unit.clone(),
        period: report.period.as_ref().map(period_text),
        money_unit: report.money_unit.clone(),
        total_budget: format_decimal(report.total()),
        total_people: has_people.then(|| format_count(report.people())),
        has_budget: rows.iter().any(|row| row.budget.is_some()),
        has_people,
        has_place: rows.iter().any(|row| row.place.is_some()),
        has_status: rows.iter().any(|row| row.status.is_some()),
        rows,
    }
}

/// An amount with its unit: `1.250,5 triệu đồng`.
pub fn money(amount: Decimal, unit: &str) -> String {
    format!("{} {unit}", format_decimal(amount))
}

/// A count of persons: `1.250`.
pub fn format_count(count: u64) -> String {
    format_integer(i64::try_from(count).unwrap_or(i64::MAX))
}

/// The label and the dates of a period: `9 tháng đầu năm 2014 (01/01/2014 – 30/09/2014)`;
/// only the dates when there is no label.
pub fn period_text(period: &Period) -> String {
    let dates = format!("{} – {}", day(period.from), day(period.to));
    match &period.label {
        Some(label) if !label.trim().is_empty() => format!("{} ({dates})", label.trim()),
        _ => dates,
    }
}

fn day(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::ReportItem;
    use std::str::FromStr;

    fn amount(text: &str) -> Decimal {
        Decimal::from_str(text).expect("decimal")
    }

    fn report() -> Report {
        Report {
            unit: Some("Trung tâm Khuyến công".into()),
            period: Some(Period {
                from: NaiveDate::from_ymd_opt(2014, 1, 1).expect("date"),
                to: NaiveDate::from_ymd_opt(2014, 9, 30).expect("date"),
                label: Some("9 tháng đầu năm 2014".into()),
            }),
            money_unit: "triệu đồng".into(),
            total_budget: None,
            items: vec![
                ReportItem {
                    name: "Đào tạo nghề".into(),
                    budget: Some(amount("1175.65")),
                    people: Some(1250),
                    place: None,
                    status: Some(Status::Done),
                },
                ReportItem {
                    name: "Mô hình".into(),
                    budget: Some(amount("74.85")),
                    people: None,
                    place: Some("Sìn Hồ".into()),
                    status: None,
                },
            ],
        }
    }

    #[test]
    fn figures_are_printed_the_vietnamese_way() {
        let table = table(&report());
        assert_eq!(table.total_budget, "1.250,5");
        assert_eq!(table.rows[0].budget.as_deref(), Some("1.175,65"));
        assert_eq!(table.rows[0].people.as_deref(), Some("1.250"));
        assert_eq!(table.total_people.as_deref(), Some("1.250"));
        assert_eq!(
            table.period.as_deref(),
            Some("9 tháng đầu năm 2014 (01/01/2014 – 30/09/2014)")
        );
        assert!(table.has_place && table.has_status && table.has_people);
        assert_eq!(money(amount("1250.50"), "triệu đồng"), "1.250,5 triệu đồng");
    }

    #[test]
    fn columns_without_values_are_dropped() {
        let mut report = report();
        for item in &mut report.items {
            item.people = None;
            item.place = None;
        }
        let table = table(&report);
        assert!(!table.has_people && !table.has_place);
        assert_eq!(table.total_people, None);
    }
}
