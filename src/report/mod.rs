//! Activity reports (DESIGN §7): structured figures in an article's front
//! matter. `model` reads and checks them; `table` formats them the
//! Vietnamese way; `chart` draws them as an accessible SVG bar chart at build
//! time; `overview` gathers every report of the site by year and category.

pub mod chart;
pub mod model;
pub mod overview;
pub mod table;

pub use model::{Period, Report, ReportItem, Status, read_report};
