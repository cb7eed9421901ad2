//! The `report` block of a generated article (DESIGN §7): amounts drawn in
//! integer cents, so `total_budget` is exactly the sum of the items.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::text::{Filler, capitalize, decimal_cents, quoted, short_place};
use super::words::{ACTIVITIES, DISTRICTS};

/// A generated `report` block: its YAML and the total for the lead.
pub struct Report {
    pub yaml: String,
    pub unit: &'static str,
    pub total_cents: u64,
    pub items: usize,
    pub label: String,
}

/// A `report` block for an article dated `date`: the period before it, 2–6
/// activities, and a total that is exactly the sum of the items.
pub fn report(filler: &mut Filler, date: NaiveDate) -> Report {
    let year = date.year();
    let (from, to, label) = match date.month() {
        1..=3 => (
            format!("{}-01-01", year - 1),
            format!("{}-12-31", year - 1),
            format!("năm {}", year - 1),
        ),
        4..=6 => (
            format!("{year}-01-01"),
            format!("{year}-03-31"),
            format!("quý I năm {year}"),
        ),
        7..=9 => (
            format!("{year}-01-01"),
            format!("{year}-06-30"),
            format!("6 tháng đầu năm {year}"),
        ),
        _ => (
            format!("{year}-01-01"),
            format!("{year}-09-30"),
            format!("9 tháng đầu năm {year}"),
        ),
    };
    let count = filler.rng.range(2, 6) as usize;
    let mut items = String::new();
    let mut total_cents = 0;
    for activity in filler.rng.distinct(ACTIVITIES.len(), count) {
        let cents = filler.money_cents() / 2 + 500;
        total_cents += cents;
        let _ = write!(
            items,
            "    - {{name: {}, budget: {}",
            quoted(&capitalize(ACTIVITIES[activity])),
            decimal_cents(cents)
        );
        if filler.rng.percent(60) {
            let _ = write!(items, ", people: {}", filler.rng.range(8, 240));
        }
        if filler.rng.percent(70) {
            let place = short_place(filler.rng.pick(DISTRICTS));
            let _ = write!(items, ", place: {}", quoted(place));
        }
        let status = filler
            .rng
            .pick(&["planned", "in_progress", "done", "done", "cancelled"]);
        let _ = writeln!(items, ", status: {status}}}");
    }
    let unit: &'static str = filler.rng.pick(&[
        "Trung tâm Khuyến công và Xúc tiến thương mại Lai Châu",
        "Sở Công Thương tỉnh Lai Châu",
    ]);
    let yaml = format!(
        "report:\n  unit: {}\n  period: {{from: {from}, to: {to}, label: {}}}\n  money_unit: triệu đồng\n  total_budget: {}\n  items:\n{items}",
        quoted(unit),
        quoted(&label),
        decimal_cents(total_cents),
    );
    Report {
        yaml,
        unit,
        total_cents,
        items: count,
        label,
    }
}
