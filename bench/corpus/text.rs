//! Fills templates with vocabulary and numbers written the Vietnamese way
//! (`1.250`, `252,85`, `12,5%`), for one article at a time.

use bantin::vietnamese::format_integer;

use super::rng::Rng;
use super::templates::{CITIES, FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES};
use super::words::{
    ACTIVITIES, COMMUNES, COMPANY_KINDS, DISTRICTS, DOCUMENTS, LAWS, OFFICIALS, PARTNERS, PRODUCTS,
    UNITS,
};

/// Writes the text of one article: its random stream and its date.
pub struct Filler {
    pub rng: Rng,
    pub year: u32,
    pub month: u32,
    /// Templates already used by `fill_fresh`, by address: an article does
    /// not repeat a sentence.
    used: Vec<usize>,
}

impl Filler {
    pub fn new(rng: Rng, year: u32, month: u32) -> Self {
        Filler {
            rng,
            year,
            month,
            used: Vec::new(),
        }
    }

    /// `template` with every `{slot}` filled, the first letter upper-cased.
    pub fn fill(&mut self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 64);
        self.fill_into(template, &mut out);
        capitalize(&out)
    }

    /// One of `templates`, filled.
    pub fn fill_any(&mut self, templates: &[&str]) -> String {
        let template = self.rng.pick(templates);
        self.fill(template)
    }

    /// Whether some of `templates` are not used yet in this article.
    pub fn has_fresh(&self, templates: &[&str]) -> bool {
        templates
            .iter()
            .any(|template| !self.used.contains(&(template.as_ptr() as usize)))
    }

    /// One of `templates` not used yet in this article (any, once all are), filled.
    pub fn fill_fresh(&mut self, templates: &[&str]) -> String {
        let fresh: Vec<&str> = templates
            .iter()
            .copied()
            .filter(|template| !self.used.contains(&(template.as_ptr() as usize)))
            .collect();
        let template = if fresh.is_empty() {
            self.rng.pick(templates)
        } else {
            self.rng.pick(&fresh)
        };
        self.used.push(template.as_ptr() as usize);
        self.fill(template)
    }

    /// `template` with every `{slot}` filled, appended to `out` as is.
    pub fn fill_into(&mut self, template: &str, out: &mut String) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                out.push_str(&rest[open..]);
                return;
            };
            self.slot(&rest[open + 1..open + close], out);
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
    }

    fn slot(&mut self, name: &str, out: &mut String) {
        if let Some((kind, bounds)) = name.split_once(':') {
            let (low, high) = bounds.split_once('-').unwrap_or((bounds, bounds));
            let low = low.parse().unwrap_or(0);
            let high = high.parse().unwrap_or(low).max(low);
            let value = self.rng.range(low, high);
            if kind == "nn" && value < 10 {
                out.push('0');
            }
            out.push_str(&format_integer(value as i64));
            return;
        }
        match name {
            "unit" => out.push_str(self.rng.pick(UNITS)),
            "partner" => out.push_str(self.rng.pick(PARTNERS)),
            "district" => out.push_str(self.rng.pick(DISTRICTS)),
            "commune" => out.push_str(self.rng.pick(COMMUNES)),
            "product" => out.push_str(self.rng.pick(PRODUCTS)),
            "activity" => out.push_str(self.rng.pick(ACTIVITIES)),
            "official" => out.push_str(self.rng.pick(OFFICIALS)),
            "law" => out.push_str(self.rng.pick(LAWS)),
            "city" => out.push_str(self.rng.pick(CITIES)),
            "company" => self.company(out),
            "person" => self.person(out),
            "doc" => self.document(out),
            "money" => {
                let cents = self.money_cents();
                out.push_str(&format_cents(cents));
            }
            "price" => {
                let thousands = self.rng.range(15, 450) as i64;
                out.push_str(&format_integer(thousands * 1000));
            }
            "pct" => self.percent(5, 350, out),
            "rate" => self.percent(700, 1000, out),
            "date" => self.date(out),
            "period" => self.period(out),
            "next_period" => self.next_period(out),
            "plan_period" => {
                let start = 2011 + 5 * ((self.year.saturating_sub(2011)) / 5);
                out.push_str(&format!("{start}–{}", start + 4));
            }
            "year" => out.push_str(&self.year.to_string()),
            "prev_year" => out.push_str(&(self.year - 1).to_string()),
            "next_year" => out.push_str(&(self.year + 1).to_string()),
            "month" => out.push_str(&self.month.to_string()),
            other => {
                out.push('{');
                out.push_str(other);
                out.push('}');
            }
        }
    }

    /// An amount in cents, with the roundness real figures have.
    pub fn money_cents(&mut self) -> u64 {
        let cents = self.rng.range(1_000, 250_000);
        match self.rng.below(10) {
            0..=3 => cents / 100 * 100,
            4..=6 => cents / 5 * 5,
            _ => cents,
        }
    }

    /// A percentage between `low` and `high` tenths of a percent.
    fn percent(&mut self, low: u64, high: u64, out: &mut String) {
        let tenths = self.rng.range(low, high);
        out.push_str(&(tenths / 10).to_string());
        if !tenths.is_multiple_of(10) {
            out.push(',');
            out.push_str(&(tenths % 10).to_string());
        }
        out.push('%');
    }

    fn company(&mut self, out: &mut String) {
        out.push_str(self.rng.pick(COMPANY_KINDS));
        out.push(' ');
        out.push_str(&capitalize(self.rng.pick(super::words::PRODUCTS)));
        out.push(' ');
        let place = self.rng.pick(COMMUNES);
        out.push_str(short_place(place));
    }

    fn person(&mut self, out: &mut String) {
        let (title, names) = if self.rng.percent(60) {
            ("ông", MALE_NAMES)
        } else {
            ("bà", FEMALE_NAMES)
        };
        out.push_str(title);
        out.push(' ');
        out.push_str(self.rng.pick(FAMILY_NAMES));
        out.push(' ');
        out.push_str(self.rng.pick(names));
        out.push_str(", ");
        out.push_str(self.rng.pick(OFFICIALS));
    }

    /// A legal document number, never issued after the article's year.
    pub fn document(&mut self, out: &mut String) {
        let pattern = self.rng.pick(DOCUMENTS);
        let year = self.rng.range(2005, u64::from(self.year)).to_string();
        let number = self.rng.range(1, 250).to_string();
        out.push_str(&pattern.replace("{n}", &number).replace("{y}", &year));
    }

    fn date(&mut self, out: &mut String) {
        let month = self.rng.range(1, u64::from(self.month));
        let day = self.rng.range(1, 28);
        out.push_str(&format!("{day}/{month}/{}", self.year));
    }

    fn period(&mut self, out: &mut String) {
        let year = self.year;
        let text = match self.rng.below(5) {
            0 => format!("năm {}", year - 1),
            1 => format!(
                "quý {} năm {year}",
                ["I", "II", "III"][self.rng.below(3) as usize]
            ),
            2 => format!("6 tháng đầu năm {year}"),
            3 => format!("9 tháng đầu năm {year}"),
            _ => format!("tháng {}/{year}", self.month),
        };
        out.push_str(&text);
    }

    fn next_period(&mut self, out: &mut String) {
        let text = match self.rng.below(3) {
            0 => "những tháng cuối năm".to_string(),
            1 => "quý tới".to_string(),
            _ => format!("năm {}", self.year + 1),
        };
        out.push_str(&text);
    }
}

/// An amount in cents the Vietnamese way: `25285` -> `252,85`, `100000` -> `1.000`.
pub fn format_cents(cents: u64) -> String {
    let whole = format_integer((cents / 100) as i64);
    match cents % 100 {
        0 => whole,
        part if part % 10 == 0 => format!("{whole},{}", part / 10),
        part => format!("{whole},{part:02}"),
    }
}

/// An amount in cents as a YAML decimal: `25285` -> `252.85`, `10000` -> `100`.
pub fn decimal_cents(cents: u64) -> String {
    match cents % 100 {
        0 => (cents / 100).to_string(),
        part if part % 10 == 0 => format!("{}.{}", cents / 100, part / 10),
        part => format!("{}.{part:02}", cents / 100),
    }
}

/// A place name without its administrative prefix: `huyện Tân Uyên` -> `Tân Uyên`.
pub fn short_place(place: &str) -> &str {
    for prefix in ["thành phố ", "huyện ", "xã ", "phường "] {
        if let Some(rest) = place.strip_prefix(prefix) {
            return rest;
        }
    }
    place
}

/// The text with its first letter upper-cased (`đào` -> `Đào`).
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Words of a text, as a reader counts them (Vietnamese: syllables).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}
