//! Presenting and sharing: the board view, the slides, share and snapshot links.

pub mod presentation;
pub mod share_panel;
pub mod sharing;
pub mod slides;
pub mod summary;
pub mod takeaways;
