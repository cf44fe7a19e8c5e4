//! App tests run natively: charts rendered to SVG strings and the reactive
//! state driven with a Leptos `Owner`.

mod chart;
mod layout;
mod pptx;
mod sample_and_state;
mod takeaways;
