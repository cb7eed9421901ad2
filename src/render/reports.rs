//! Report values for templates (render stage): an article's `report` -> the
//! `report` value of `article.html` (pre-formatted figures and the chart
//! SVG), and every report of the site -> the `years` of `reports.html`.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::views::Views;

use minijinja::Value;

use super::objects::{ArticleObject, map};
use crate::report::chart::{self, Bar, Chart};
use crate::report::overview::{self, YearReports};
use crate::report::table::{self, Table};
use crate::site::{Site, urls};
use crate::vietnamese::format_decimal;

/// The id of the report section on article pages; the overview links to it.
pub const SECTION_ID: &str = "so-lieu-bao-cao";

fn string(strings: &BTreeMap<String, String>, key: &str) -> String {
    strings.get(key).cloned().unwrap_or_else(|| key.to_string())
}

/// The `report` value of an article page, or `None` without a report.
pub fn report_value(
    site: &Arc<Views>,
    index: usize,
    strings: &BTreeMap<String, String>,
) -> Option<Value> {
    let report = site.articles[index].report.as_ref()?;
    let table = table::table(report);
    let chart = report_chart(report, &table, strings);
    let rows: Vec<Value> = table
        .rows
        .iter()
        .map(|row| {
            let status = row.status.map(|status| status.key());
            map([
                ("name", Value::from(row.name.as_str())),
                ("budget", Value::from(row.budget.clone())),
                ("people", Value::from(row.people.clone())),
                ("place", Value::from(row.place.clone())),
                (
                    "status",
                    Value::from(status.map(|key| key.trim_start_matches("status_"))),
                ),
                (
                    "status_label",
                    Value::from(status.map(|key| string(strings, key))),
                ),
            ])
        })
        .collect();
    let mut value: BTreeMap<&'static str, Value> = BTreeMap::new();
    value.insert("id", Value::from(SECTION_ID));
    value.insert("unit", Value::from(table.unit.clone()));
    value.insert("period", Value::from(table.period.clone()));
    value.insert("money_unit", Value::from(table.money_unit.as_str()));
    value.insert("rows", Value::from(rows));
    value.insert("total_budget", Value::from(table.total_budget.as_str()));
    value.insert(
        "total_budget_text",
        Value::from(table::money(report.total(), &report.money_unit)),
    );
    value.insert("total_people", Value::from(table.total_people.clone()));
    value.insert("has_budget", Value::from(table.has_budget));
    value.insert("has_people", Value::from(table.has_people));
    value.insert("has_place", Value::from(table.has_place));
    value.insert("has_status", Value::from(table.has_status));
    value.insert(
        "chart",
        chart.map_or(Value::from(()), Value::from_safe_string),
    );
    Some(Value::from(value))
}

/// The chart of an article's items with a budget; none when fewer than two
/// items have one (a single bar compares nothing).
fn report_chart(
    report: &crate::report::Report,
    table: &Table,
    strings: &BTreeMap<String, String>,
) -> Option<String> {
    let bars: Vec<Bar> = report
        .items
        .iter()
        .zip(&table.rows)
        .filter_map(|(item, row)| {
            Some(Bar {
                label: item.name.clone(),
                value: item.budget?,
                value_text: row.budget.clone()?,
                href: None,
            })
        })
        .collect();
    if bars.len() < 2 {
        return None;
    }
    let chart = Chart {
        title: format!(
            "{} ({})",
            string(strings, "report_chart_title"),
            report.money_unit
        ),
        description: format!(
            "{} ({}):",
            string(strings, "report_chart_desc"),
            report.money_unit
        ),
        bars,
    };
    Some(chart::svg(&chart, "bieu-do-bao-cao"))
}

/// The `years` value of the reports overview page.
pub fn overview_value(site: &Arc<Views>, strings: &BTreeMap<String, String>) -> Value {
    let years: Vec<Value> = overview::overview(site)
        .iter()
        .map(|year| year_value(site, year, strings))
        .collect();
    Value::from(years)
}

fn year_value(site: &Arc<Views>, year: &YearReports, strings: &BTreeMap<String, String>) -> Value {
    let base = &site.config.base_url;
    let categories: Vec<Value> = year
        .categories
        .iter()
        .map(|total| {
            let category = &site.config.categories[total.category];
            map([
                ("name", Value::from(category.name.as_str())),
                (
                    "url",
                    Value::from(base.relative(&urls::category_path(&category.slug))),
                ),
                ("money_unit", Value::from(total.money_unit.as_str())),
                ("total", Value::from(format_decimal(total.total))),
                ("reports", Value::from(total.reports)),
            ])
        })
        .collect();
    let reports: Vec<Value> = year
        .articles
        .iter()
        .map(|&index| report_row(site, index))
        .collect();
    map([
        ("year", Value::from(year.year)),
        ("id", Value::from(format!("nam-{}", year.year))),
        ("categories", Value::from(categories)),
        ("reports", Value::from(reports)),
        (
            "chart",
            year_chart(site, year, strings).map_or(Value::from(()), Value::from_safe_string),
        ),
    ])
}

fn report_row(site: &Arc<Views>, index: usize) -> Value {
    let article = &site.articles[index];
    let (unit, period, total, money_unit) = match &article.report {
        Some(report) => (
            report.unit.clone(),
            report.period.as_ref().map(table::period_text),
            format_decimal(report.total()),
            report.money_unit.clone(),
        ),
        None => (None, None, String::new(), String::new()),
    };
    let url = format!(
        "{}#{SECTION_ID}",
        site.config.base_url.relative(&article.path)
    );
    map([
        ("article", ArticleObject::value(site, index)),
        ("unit", Value::from(unit)),
        ("period", Value::from(period)),
        ("total", Value::from(total)),
        ("money_unit", Value::from(money_unit)),
        ("figures_url", Value::from(url)),
    ])
}

/// Category totals of a year in triệu đồng; none when nothing converts.
fn year_chart(
    site: &Site,
    year: &YearReports,
    strings: &BTreeMap<String, String>,
) -> Option<String> {
    let bars: Vec<Bar> = year
        .categories
        .iter()
        .filter(|total| total.money_unit == overview::MILLION_DONG)
        .map(|total| Bar {
            label: site.config.categories[total.category].name.clone(),
            value: total.total,
            value_text: format_decimal(total.total),
            href: None,
        })
        .collect();
    if bars.is_empty() {
        return None;
    }
    let chart = Chart {
        title: format!(
            "{} {} ({})",
            string(strings, "reports_chart_title"),
            year.year,
            overview::MILLION_DONG
        ),
        description: format!(
            "{} {} ({}):",
            string(strings, "reports_chart_desc"),
            year.year,
            overview::MILLION_DONG
        ),
        bars,
    };
    Some(chart::svg(&chart, &format!("bieu-do-{}", year.year)))
}
