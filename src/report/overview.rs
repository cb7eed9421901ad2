//! Reports overview (render stage): every listed article with a `report` ->
//! reports grouped by year, with totals per category. Sums are exact; amounts
//! in đồng, nghìn đồng or tỷ đồng are converted to triệu đồng so they add up
//! with the rest, other units (USD, ...) get totals of their own.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::Datelike;
use rust_decimal::Decimal;

use crate::site::Site;

/// The unit overview totals are given in when amounts can be converted.
pub const MILLION_DONG: &str = "triệu đồng";

/// Totals of one category in one year and one money unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryTotal {
    /// Index into `Config::categories`.
    pub category: usize,
    pub money_unit: String,
    pub total: Decimal,
    /// Number of reports summed.
    pub reports: usize,
}

/// The reports of one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearReports {
    pub year: i32,
    /// Article indices, newest first.
    pub articles: Vec<usize>,
    /// In the order of the categories in site.yaml, then by unit.
    pub categories: Vec<CategoryTotal>,
}

/// The year a report counts in: the year its period ends, else its date's.
pub fn report_year(site: &Site, index: usize) -> i32 {
    let article = &site.articles[index];
    article
        .report
        .as_ref()
        .and_then(|report| report.period.as_ref())
        .map(|period| period.to.year())
        .unwrap_or_else(|| article.date.year())
}

/// Every listed report of the site, by year (newest first).
pub fn overview(site: &Site) -> Vec<YearReports> {
    let mut years: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for &index in &site.listed {
        if site.articles[index].report.is_some() {
            years
                .entry(report_year(site, index))
                .or_default()
                .push(index);
        }
    }
    years
        .into_iter()
        .rev()
        .map(|(year, articles)| YearReports {
            year,
            categories: category_totals(site, &articles),
            articles,
        })
        .collect()
}

fn category_totals(site: &Site, articles: &[usize]) -> Vec<CategoryTotal> {
    let mut totals: BTreeMap<(usize, String), (Decimal, usize)> = BTreeMap::new();
    for &index in articles {
        let article = &site.articles[index];
        let Some(report) = &article.report else {
            continue;
        };
        let (amount, unit) = comparable(report.total(), &report.money_unit);
        let entry = totals
            .entry((article.category, unit))
            .or_insert((Decimal::ZERO, 0));
        entry.0 += amount;
        entry.1 += 1;
    }
    totals
        .into_iter()
        .map(|((category, money_unit), (total, reports))| CategoryTotal {
            category,
            money_unit,
            total: total.normalize(),
            reports,
        })
        .collect()
}

/// An amount in triệu đồng when its unit is a known multiple of the đồng,
/// else unchanged with its own unit.
pub fn comparable(amount: Decimal, unit: &str) -> (Decimal, String) {
    match million_dong_factor(unit) {
        Some(factor) => ((amount * factor).normalize(), MILLION_DONG.to_string()),
        None => (amount, unit.trim().to_string()),
    }
}

/// How many triệu đồng one `unit` is, for the units reports use.
fn million_dong_factor(unit: &str) -> Option<Decimal> {
    let unit = unit.trim().to_lowercase();
    let unit = unit.trim_end_matches(" vnđ").trim_end_matches(" vnd");
    let factor = match unit {
        "đồng" | "vnđ" | "vnd" => "0.000001",
        "nghìn đồng" | "ngàn đồng" => "0.001",
        "triệu đồng" | "triệu" => "1",
        "tỷ đồng" | "tỉ đồng" | "tỷ" | "tỉ" => "1000",
        _ => return None,
    };
    Decimal::from_str(factor).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dong_units_convert_exactly_to_million_dong() {
        let amount = |text: &str| Decimal::from_str(text).expect("decimal");
        assert_eq!(
            comparable(amount("1500000"), "đồng"),
            (amount("1.5"), MILLION_DONG.to_string())
        );
        assert_eq!(
            comparable(amount("2.5"), "tỷ đồng"),
            (amount("2500"), MILLION_DONG.to_string())
        );
        assert_eq!(
            comparable(amount("250"), "nghìn đồng"),
            (amount("0.25"), MILLION_DONG.to_string())
        );
        assert_eq!(
            comparable(amount("12"), "USD"),
            (amount("12"), "USD".to_string())
        );
    }
}
