//! Media stage: what attachment lists show — the document type and the file
//! size, the Vietnamese way.

use std::path::Path;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::vietnamese::format_decimal;

/// The document type shown in attachment lists.
pub fn kind_of(file: &str) -> String {
    let extension = Path::new(file)
        .extension()
        .map(|extension| extension.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "doc" | "docx" | "odt" | "rtf" => "Word".to_string(),
        "xls" | "xlsx" | "ods" | "csv" => "Excel".to_string(),
        "ppt" | "pptx" | "odp" => "PowerPoint".to_string(),
        "jpg" | "jpeg" => "JPEG".to_string(),
        other => other.to_uppercase(),
    }
}

/// A file size the Vietnamese way: `850 KB`, `1,2 MB` (1 KB = 1024 bytes).
pub fn size_label(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    const GIB: u64 = 1024 * 1024 * 1024;
    let scaled = |unit: u64, places: u32| {
        let value = Decimal::from(bytes) / Decimal::from(unit);
        format_decimal(value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero))
    };
    match bytes {
        0..KIB => format!("{} B", format_decimal(Decimal::from(bytes))),
        KIB..MIB => format!("{} KB", scaled(KIB, 0)),
        MIB..GIB => format!("{} MB", scaled(MIB, 1)),
        _ => format!("{} GB", scaled(GIB, 1)),
    }
}
