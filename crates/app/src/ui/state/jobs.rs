//! The ingest session seen from the state: starting, cancelling and
//! answering jobs of the ingest worker.

use super::shared::{now_ms, Shared};
use super::{AppState, FirstResults, Pending, Progress};
use crate::ui::browser::mark;
use crate::ui::ingest::{build_request, Source};
use engine::dataset::Dataset;
use engine::error::IngestError;
use engine::ingest::roles::{decode_mapping, Mapping};
use engine::ingest::{InputFile, LoadOptions};
use engine::protocol::{Reply, Request};
use engine::view::Loaded;
use leptos::prelude::*;
use std::sync::Arc;

impl AppState {
    /// Start a new ingest job (replies to earlier jobs are ignored from now on).
    fn start(&self, make: impl FnOnce(u32) -> Request, sources: Vec<Source>) {
        let job = self.job.get_value().wrapping_add(1) % u32::MAX;
        self.job.set_value(job);
        self.error.set(None); // the last file's error no longer applies
        self.busy.set(true);
        self.ingest.get_value().send(make(job), sources);
    }

    /// Load the built-in sample.
    pub fn load_sample(&self) {
        self.last_parsed.set_value(None);
        self.start(|job| Request::Sample { job }, Vec::new());
    }

    /// Load files held in memory.
    pub fn load_files(&self, files: Vec<InputFile>) {
        self.last_parsed.set_value(None);
        self.start(|job| Request::Parse { job }, files.into_iter().map(Source::Bytes).collect());
    }

    /// Load dropped or picked files (read in chunks by the worker).
    #[cfg(target_arch = "wasm32")]
    pub fn load_web_files(&self, files: Vec<web_sys::File>) {
        mark("pa:file");
        let total: f64 = files.iter().map(|f| f.size()).sum();
        if total > engine::ingest::MAX_PAGE_BYTES {
            self.error.set(Some(engine::ingest::too_large_message(total)));
            return;
        }
        let file = files.first().map(|f| f.name()).unwrap_or_default();
        self.progress.set(Some(Progress { file, done: 0.0, total, rows: 0, started_ms: now_ms() }));
        self.last_parsed.set_value(None);
        self.start(|job| Request::Parse { job }, files.into_iter().map(Source::File).collect());
    }

    /// Read one pending file again with another delimiter, sheet or encoding.
    pub fn reparse(&self, file: usize, delimiter: Option<u8>, sheet: Option<String>, encoding: Option<String>) {
        self.start(|job| Request::Reparse { job, file, delimiter, sheet, encoding }, Vec::new());
    }

    /// Read one pending file's first row as its header, or as data.
    pub fn set_header_row(&self, file: usize, header: bool) {
        self.start(|job| Request::SetHeader { job, file, header }, Vec::new());
    }

    /// Build the data set with these mappings and choices.
    pub fn build(&self, mappings: Vec<Mapping>, options: LoadOptions) {
        self.last_choices.set_value(Some((mappings.clone(), options.clone())));
        self.start(|job| build_request(job, &mappings, &options), Vec::new());
    }

    /// Rebuild the loaded data with changed choices (exchange rates).
    pub fn rebuild(&self, change: impl FnOnce(&mut LoadOptions)) {
        if let Some((mappings, mut options)) = self.last_choices.get_value() {
            change(&mut options);
            self.build(mappings, options);
        }
    }

    /// Stop the job under way.
    pub fn cancel(&self) {
        FirstResults::stop_waiting(self.first_results);
        self.job.set_value(self.job.get_value().wrapping_add(1) % u32::MAX);
        self.ingest.get_value().cancel();
        self.busy.set(false);
        self.progress.set(None);
    }

    /// Take a reply from ingest.
    pub fn apply(&self, reply: Reply, data: Option<Dataset>) {
        let job = reply.job();
        if job != u32::MAX && job != self.job.get_value() {
            return; // a reply to a job that was cancelled or replaced
        }
        match reply {
            Reply::Progress { file, done, total, rows, .. } => {
                let started_ms = self.progress.with_untracked(|p| p.as_ref().map_or_else(now_ms, |p| p.started_ms));
                self.progress.set(Some(Progress { file, done, total, rows, started_ms }));
            }
            Reply::Parsed { files, .. } => {
                mark("pa:parsed");
                self.busy.set(false);
                self.progress.set(None);
                self.last_parsed.set_value(Some(files.clone()));
                if let Some(reason) = files.iter().find_map(|f| f.unfixable.clone()) {
                    if files.iter().any(|f| f.rows == 0) {
                        self.error.set(Some(reason));
                        return;
                    }
                    // Missing roles and no spare column: still open the panel,
                    // where another column can be chosen for each role.
                    let mappings = files.iter().map(|f| Mapping::from_pairs(f.kind, &f.mapping)).collect();
                    let options = LoadOptions::default();
                    self.pending.set(Some(Shared(Arc::new(Pending { files, mappings, options }))));
                    self.error.set(Some(reason));
                    return;
                }
                let mut confident = true;
                let mut from_link = false;
                let mappings: Vec<Mapping> = files
                    .iter()
                    .map(|f| {
                        let remembered = crate::ui::browser::load_mapping(&f.signature)
                            .and_then(|saved| decode_mapping(&saved, &f.headers, f.kind));
                        if remembered.is_some() {
                            return remembered.unwrap_or_default();
                        }
                        // A mapping a link carried is filled in, and shown for confirmation.
                        let linked = self.shared_mappings.with_untracked(|shared| {
                            shared
                                .iter()
                                .find(|(signature, _)| *signature == f.signature)
                                .and_then(|(_, text)| decode_mapping(text, &f.headers, f.kind))
                        });
                        match linked {
                            Some(mapping) => {
                                from_link = true;
                                confident = false;
                                mapping
                            }
                            None => {
                                confident &= f.confident;
                                Mapping::from_pairs(f.kind, &f.mapping)
                            }
                        }
                    })
                    .collect();
                if from_link {
                    self.notice.set(Some(
                        "The columns below were chosen in the link you opened. Check them before using them: a link never decides how your file is read."
                            .into(),
                    ));
                }
                // A reparse keeps the choices already made in the panel.
                let options =
                    self.pending.with_untracked(|p| p.as_ref().map(|p| p.options.clone())).unwrap_or_default();
                if confident && self.pending.with_untracked(Option::is_none) {
                    self.build(mappings, options);
                } else {
                    self.error.set(None);
                    self.pending.set(Some(Shared(Arc::new(Pending { files, mappings, options }))));
                }
            }
            Reply::Built { source, .. } => {
                self.busy.set(false);
                self.progress.set(None);
                self.pending.set(None);
                match data {
                    Some(data) => self.show(Ok(data), source),
                    None => self.error.set(Some("The data could not be read back from the file reader.".into())),
                }
            }
            Reply::FirstResults { job, models } => {
                mark("pa:models");
                // The load is complete: the worker's memory (the file's text,
                // its own copy of the data set) goes back to the browser.
                self.ingest.get_value().release();
                // They may come before the data set is decoded and shown.
                FirstResults::arrive(self.first_results, job, Shared(Arc::new(models)));
            }
            // Between the ingest worker and the readers it starts; never the page's.
            Reply::RangeRead { .. } => {}
            Reply::Failed { message, .. } => {
                FirstResults::stop_waiting(self.first_results);
                self.busy.set(false);
                self.progress.set(None);
                self.reopen_mapping();
                self.error.set(Some(message));
            }
        }
    }

    /// Open the mapping panel on the files on screen with the choices they
    /// were read with (the "check the columns" bar); "Use these columns"
    /// rebuilds, reading the files again if the worker no longer holds them.
    pub fn review_mapping(&self) {
        self.reopen_mapping();
    }

    /// After a failed build, open the mapping panel on the files just read,
    /// with the choices that failed, so the user can fix them in one step.
    fn reopen_mapping(&self) {
        if self.pending.with_untracked(Option::is_some) {
            return;
        }
        let (Some(files), Some((mappings, options))) = (self.last_parsed.get_value(), self.last_choices.get_value())
        else {
            return;
        };
        if files.len() == mappings.len() {
            self.pending.set(Some(Shared(Arc::new(Pending { files, mappings, options }))));
        }
    }

    fn show(&self, result: Result<Dataset, IngestError>, source: String) {
        match result {
            Ok(data) => {
                self.error.set(None);
                self.drill.set(None);
                let loaded = Shared(Arc::new(Loaded::new(data, source)));
                mark("pa:journeys");
                // Showing starts on a task of its own, after the journeys' one.
                let (state, job) = (*self, self.job.get_value());
                crate::ui::browser::on_next_task(move || {
                    if state.job.try_get_value() == Some(job) {
                        FirstResults::shown(state.first_results, job);
                        state.loaded.set(Some(loaded));
                        state.reveal_from_start(job);
                    }
                });
            }
            Err(e) => self.error.set(Some(e.to_string())),
        }
    }
}
