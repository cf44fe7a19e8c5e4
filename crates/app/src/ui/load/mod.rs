//! Getting data in: the drop zone, the reading progress, the mapping panel,
//! the data-quality report and the error panel.

pub mod check_bar;
pub mod drop_zone;
pub mod error_panel;
pub mod mapping_panel;
pub mod problem_rows;
pub mod progress_bar;
pub mod quality_panel;
pub mod stage_labels;
