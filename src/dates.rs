//! Dates: parsing the forms editors write in front matter (in the site's time
//! zone when no offset is given) and printing them the Vietnamese way
//! (`Thứ Tư, 24/09/2014`).

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike,
    Weekday,
};
use chrono_tz::Tz;

/// Why a date did not parse, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    pub hint: String,
}

const FORMS: &str = "YYYY-MM-DD, \"YYYY-MM-DD HH:MM\" or RFC 3339 (2014-09-24T08:30:00+07:00)";

/// Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (also with `T`), or RFC 3339.
/// Times without an offset are in `zone`.
pub fn parse_date(text: &str, zone: Tz) -> Result<DateTime<FixedOffset>, DateError> {
    let text = text.trim();
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Ok(date);
    }
    if let Some(error) = day_first(text) {
        return Err(error);
    }
    let (date_part, time_part) = match text.find([' ', 'T']) {
        Some(at) => (&text[..at], Some(text[at + 1..].trim())),
        None => (text, None),
    };
    let date = parse_calendar_date(date_part)?;
    let time = match time_part {
        None => NaiveTime::MIN,
        Some(time) => NaiveTime::parse_from_str(time, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
            .map_err(|_| DateError {
                message: format!("invalid time \"{time}\""),
                hint: format!("write the time as HH:MM in 24-hour form; accepted: {FORMS}"),
            })?,
    };
    localize(date.and_time(time), zone)
}

/// A day in the site's zone, at midnight (for `from`/`to` of report periods).
pub fn parse_day(text: &str) -> Result<NaiveDate, DateError> {
    if let Some(error) = day_first(text.trim()) {
        return Err(error);
    }
    parse_calendar_date(text.trim())
}

fn localize(local: NaiveDateTime, zone: Tz) -> Result<DateTime<FixedOffset>, DateError> {
    zone.from_local_datetime(&local)
        .earliest()
        .map(|date| date.fixed_offset())
        .ok_or_else(|| DateError {
            message: format!("{local} does not exist in time zone {zone}"),
            hint: "pick a time outside the daylight-saving gap".into(),
        })
}

/// `24/09/2014` and `24-09-2014`: the day-first form Vietnamese editors use.
fn day_first(text: &str) -> Option<DateError> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 || parts[0].len() > 2 {
        return None;
    }
    let numbers: Option<Vec<u32>> = parts.iter().map(|part| part.parse().ok()).collect();
    let numbers = numbers?;
    Some(DateError {
        message: format!("\"{text}\" is day-first; dates are written year first"),
        hint: format!(
            "write {:04}-{:02}-{:02}",
            numbers[2], numbers[1], numbers[0]
        ),
    })
}

fn parse_calendar_date(text: &str) -> Result<NaiveDate, DateError> {
    let parts: Vec<&str> = text.split('-').collect();
    let shape_ok = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts
            .iter()
            .all(|part| part.bytes().all(|b| b.is_ascii_digit()));
    if !shape_ok {
        return Err(DateError {
            message: format!("\"{text}\" is not a date"),
            hint: format!("accepted: {FORMS}"),
        });
    }
    let (year, month, day) = (
        parts[0].parse::<i32>().unwrap_or(0),
        parts[1].parse::<u32>().unwrap_or(0),
        parts[2].parse::<u32>().unwrap_or(0),
    );
    if !(1..=12).contains(&month) {
        return Err(DateError {
            message: format!("\"{text}\" has no month {month}"),
            hint: "months run from 01 to 12; the form is YYYY-MM-DD".into(),
        });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError {
        message: format!("\"{text}\": day {day} does not exist in {month:02}/{year}"),
        hint: "check the day; the form is YYYY-MM-DD".into(),
    })
}

/// Weekday names as Vietnamese portals print them (capitalized: `Thứ Tư`).
fn weekday_vi(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ Nhật",
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `Thứ Tư, 24/09/2014` (vi) or `Wednesday, 24 September 2014` (en).
pub fn long_date(date: &DateTime<FixedOffset>, language: &str) -> String {
    if language == "vi" {
        format!(
            "{}, {:02}/{:02}/{}",
            weekday_vi(date.weekday()),
            date.day(),
            date.month(),
            date.year()
        )
    } else {
        let weekday = match date.weekday() {
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
            Weekday::Sun => "Sunday",
        };
        format!(
            "{weekday}, {} {} {}",
            date.day(),
            MONTHS_EN[date.month0() as usize],
            date.year()
        )
    }
}

/// `long_date` followed by ` - 08:27` when the time is not midnight.
pub fn long_date_time(date: &DateTime<FixedOffset>, language: &str) -> String {
    let day = long_date(date, language);
    if date.hour() == 0 && date.minute() == 0 {
        day
    } else {
        format!("{day} - {:02}:{:02}", date.hour(), date.minute())
    }
}

/// `24/09/2014`.
pub fn short_date(date: &DateTime<FixedOffset>) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Asia::Ho_Chi_Minh;

    #[test]
    fn plain_dates_are_midnight_in_the_site_zone() {
        let date = parse_date("2014-09-24", Ho_Chi_Minh).expect("valid");
        assert_eq!(date.to_rfc3339(), "2014-09-24T00:00:00+07:00");
        let with_time = parse_date("2014-09-24 08:27", Ho_Chi_Minh).expect("valid");
        assert_eq!(with_time.to_rfc3339(), "2014-09-24T08:27:00+07:00");
        let rfc = parse_date("2014-09-24T01:00:00Z", Ho_Chi_Minh).expect("valid");
        assert_eq!(rfc.to_rfc3339(), "2014-09-24T01:00:00+00:00");
    }

    #[test]
    fn impossible_and_day_first_dates_explain_themselves() {
        let month = parse_date("2014-13-45", Ho_Chi_Minh).expect_err("month 13");
        assert!(month.message.contains("no month 13"), "{month:?}");
        let day = parse_date("2014-02-30", Ho_Chi_Minh).expect_err("30 February");
        assert!(day.message.contains("day 30"), "{day:?}");
        let first = parse_date("24/09/2014", Ho_Chi_Minh).expect_err("day first");
        assert_eq!(first.hint, "write 2014-09-24");
        assert!(parse_date("hôm qua", Ho_Chi_Minh).is_err());
    }

    #[test]
    fn prints_vietnamese_weekdays_and_day_first_dates() {
        let date = parse_date("2014-09-24 08:27", Ho_Chi_Minh).expect("valid");
        assert_eq!(long_date(&date, "vi"), "Thứ Tư, 24/09/2014");
        assert_eq!(long_date_time(&date, "vi"), "Thứ Tư, 24/09/2014 - 08:27");
        assert_eq!(long_date(&date, "en"), "Wednesday, 24 September 2014");
        assert_eq!(short_date(&date), "24/09/2014");
    }
}
