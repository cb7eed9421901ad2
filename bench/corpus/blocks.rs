//! Bullet lists and tables of generated articles, with numbers written the
//! Vietnamese way.

use std::fmt::Write as _;

use bantin::vietnamese::format_integer;

use super::templates::{INDICATORS, LIST_ITEMS};
use super::text::Filler;

/// 3–6 bullet items; the last ends with a full stop, the others with `;`.
pub fn list(filler: &mut Filler) -> String {
    let count = filler.rng.range(3, 6) as usize;
    let mut list = String::new();
    for (position, item) in filler
        .rng
        .distinct(LIST_ITEMS.len(), count)
        .into_iter()
        .enumerate()
    {
        let mut line = String::from("- ");
        filler.fill_into(LIST_ITEMS[item], &mut line);
        line.push(if position + 1 == count { '.' } else { ';' });
        if position > 0 {
            list.push('\n');
        }
        list.push_str(&line);
    }
    list
}

/// A table of 3–6 indicators: plan, result and the rate in percent.
pub fn table(filler: &mut Filler) -> String {
    let count = filler.rng.range(3, 6) as usize;
    let mut table = String::from(
        "| Chỉ tiêu | Đơn vị tính | Kế hoạch | Thực hiện | Tỷ lệ (%) |\n|---|---|---:|---:|---:|",
    );
    for item in filler.rng.distinct(INDICATORS.len(), count) {
        let (name, unit) = INDICATORS[item];
        let plan = filler.rng.range(10, 5000);
        let done = plan * filler.rng.range(70, 125) / 100;
        let tenths = done * 1000 / plan;
        let _ = write!(
            table,
            "\n| {name} | {unit} | {} | {} | {} |",
            format_integer(plan as i64),
            format_integer(done as i64),
            format_tenths(tenths)
        );
    }
    table
}

fn format_tenths(tenths: u64) -> String {
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        part => format!("{},{part}", tenths / 10),
    }
}
