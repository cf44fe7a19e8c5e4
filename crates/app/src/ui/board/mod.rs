//! Presenting and sharing: the board view, the slides, share and snapshot links.

pub mod brand;
pub mod deck;
pub mod pptx_export;
pub mod presentation;
pub mod share_panel;
pub mod sharing;
pub mod slide_charts;
pub mod slides;
pub mod summary;
pub mod takeaways;
