//! The page's side of ingest: a worker client in the browser, and the same
//! work done in-thread natively (tests, benchmarks). Either way the results
//! arrive as [`Reply`] values at the [`Deliver`] callback the page gives
//! (the state's reply handler); this module knows nothing of the state.

use engine::dataset::Dataset;
use engine::ingest::roles::Mapping;
#[cfg(not(target_arch = "wasm32"))]
use engine::ingest::{build_mapped, parse_file, ParsedFile, ReadChoice};
use engine::ingest::{InputFile, LoadOptions};
#[cfg(not(target_arch = "wasm32"))]
use engine::protocol::SAMPLE_SOURCE;
use engine::protocol::{MappingPairs, Reply, Request};
#[cfg(not(target_arch = "wasm32"))]
use engine::sample::sample_dataset;
use std::cell::RefCell;
use std::rc::Rc;

/// Where replies go: the reply, and the data set when one was built.
pub type Deliver = Rc<dyn Fn(Reply, Option<Dataset>)>;

/// A file handed to ingest: bytes in memory, or a browser `File` to read in chunks.
pub enum Source {
    /// Bytes already in memory.
    Bytes(InputFile),
    /// A dropped or picked file.
    #[cfg(target_arch = "wasm32")]
    File(web_sys::File),
}

/// Ingest in this thread, for native builds (tests, benchmarks). In the
/// browser ingest only ever runs in the worker — the sample too, since it
/// goes through the same parsers — which keeps them (csv, calamine) out of
/// the page's bundle.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Default)]
pub struct Local {
    sources: RefCell<Vec<InputFile>>,
    parsed: RefCell<Vec<ParsedFile>>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Local {
    /// Carry out a request on in-memory files; returns the reply and, when built, the data set.
    pub fn run(&self, request: Request, files: Vec<InputFile>) -> (Reply, Option<Dataset>) {
        match request {
            Request::Parse { job } => {
                let parsed: Result<Vec<ParsedFile>, _> =
                    files.iter().map(|f| parse_file(f, &ReadChoice::default())).collect();
                match parsed {
                    Ok(parsed) => {
                        if let Some(result) = engine::warehouse::dataset_of_aggregates(&parsed) {
                            return match result {
                                Ok((data, source)) => {
                                    (Reply::Built { job, source, quality: Box::new(data.quality.clone()) }, Some(data))
                                }
                                Err(e) => (Reply::Failed { job, message: e.to_string() }, None),
                            };
                        }
                        let summaries = parsed.iter().map(ParsedFile::summary).collect();
                        *self.sources.borrow_mut() = files;
                        *self.parsed.borrow_mut() = parsed;
                        (Reply::Parsed { job, files: summaries }, None)
                    }
                    Err(e) => (Reply::Failed { job, message: e.to_string() }, None),
                }
            }
            Request::Reparse { job, file, delimiter, sheet, encoding } => {
                let sources = self.sources.borrow();
                let Some(source) = sources.get(file) else {
                    return (Reply::Failed { job, message: "that file is no longer loaded".into() }, None);
                };
                match parse_file(source, &ReadChoice { delimiter, sheet, encoding, header: None, readers: None }) {
                    Ok(p) => {
                        let mut parsed = self.parsed.borrow_mut();
                        parsed[file] = p;
                        (Reply::Parsed { job, files: parsed.iter().map(ParsedFile::summary).collect() }, None)
                    }
                    Err(e) => (Reply::Failed { job, message: e.to_string() }, None),
                }
            }
            Request::SetHeader { job, file, header } => {
                let mut parsed = self.parsed.borrow_mut();
                if file >= parsed.len() {
                    return (Reply::Failed { job, message: "that file is no longer loaded".into() }, None);
                }
                let current = parsed.remove(file);
                parsed.insert(file, current.with_header_row(header));
                (Reply::Parsed { job, files: parsed.iter().map(ParsedFile::summary).collect() }, None)
            }
            Request::Build { job, mappings, options, .. } => {
                let parsed = self.parsed.borrow();
                let mappings: Vec<Mapping> =
                    parsed.iter().zip(&mappings).map(|(f, pairs)| Mapping::from_pairs(f.kind, pairs)).collect();
                match build_mapped(&parsed, &mappings, &options) {
                    Ok(data) => {
                        let source = parsed.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(" + ");
                        (Reply::Built { job, source, quality: Box::new(data.quality.clone()) }, Some(data))
                    }
                    Err(e) => (Reply::Failed { job, message: e.to_string() }, None),
                }
            }
            // Natively a large file is split across threads inside `parse_file`.
            Request::ReadRange { job, .. } => {
                (Reply::Failed { job, message: "ranges are read by the browser's workers only".into() }, None)
            }
            Request::Sample { job } => {
                let data = sample_dataset();
                let source = SAMPLE_SOURCE.to_string();
                (Reply::Built { job, source, quality: Box::new(data.quality.clone()) }, Some(data))
            }
        }
    }
}

/// Where ingest runs: the Web Worker in the browser, this thread natively.
pub struct Ingest {
    deliver: Deliver,
    #[cfg(not(target_arch = "wasm32"))]
    local: Local,
    #[cfg(target_arch = "wasm32")]
    worker: RefCell<Option<browser::WorkerClient>>,
    #[cfg(target_arch = "wasm32")]
    session: RefCell<browser::Session>,
}

impl Ingest {
    /// Ingest with no worker yet (the browser starts one with
    /// [`Ingest::start_worker`]); replies go to `deliver`.
    pub fn new(deliver: Deliver) -> Ingest {
        Ingest {
            deliver,
            #[cfg(not(target_arch = "wasm32"))]
            local: Local::default(),
            #[cfg(target_arch = "wasm32")]
            worker: RefCell::new(None),
            #[cfg(target_arch = "wasm32")]
            session: RefCell::default(),
        }
    }

    /// Send a request; the reply arrives at `deliver` (at once when in-thread).
    /// A worker that died (a crash, an out-of-memory abort) is replaced by a
    /// fresh one first, so one bad file never breaks the next.
    pub fn send(&self, request: Request, sources: Vec<Source>) {
        #[cfg(target_arch = "wasm32")]
        {
            if self.worker.borrow().as_ref().is_none_or(browser::WorkerClient::is_dead) {
                self.restart();
            }
            let (request, files) = self.session.borrow_mut().track(request, browser::files_of(sources));
            match self.worker.borrow().as_ref() {
                Some(worker) => worker.post(&request, files),
                None => (self.deliver)(
                    Reply::Failed {
                        job: request.job(),
                        message: "This browser could not start the file reader (a Web Worker). \
                                  Reload the page, or try a current Chrome, Edge, Firefox or Safari."
                            .into(),
                    },
                    None,
                ),
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let files = sources.into_iter().map(|Source::Bytes(f)| f).collect();
            let (reply, data) = self.local.run(request, files);
            // As the worker does: the first results follow the data set.
            let first = match (&reply, &data) {
                (Reply::Built { job, .. }, Some(data)) => Some(Reply::FirstResults {
                    job: *job,
                    models: engine::view::Loaded::new(data.clone(), String::new()).first_results(),
                }),
                _ => None,
            };
            (self.deliver)(reply, data);
            if let Some(first) = first {
                (self.deliver)(first, None);
            }
        }
    }

    /// Return the memory of the worker that read and built the data on
    /// screen: it is stopped (its wasm memory cannot shrink otherwise) and
    /// the next request starts a fresh one. A later build sends the files
    /// to be read again as before.
    pub fn release(&self) {
        // The next request starts a fresh worker (not now: its start-up
        // would compete with the page showing the results).
        #[cfg(target_arch = "wasm32")]
        if let Some(worker) = self.worker.borrow_mut().take() {
            worker.terminate();
        }
    }

    /// Stop the job under way (the worker is replaced by a fresh one).
    pub fn cancel(&self) {
        #[cfg(target_arch = "wasm32")]
        self.restart();
    }

    /// Start the worker (browser only).
    pub fn start_worker(&self) {
        #[cfg(target_arch = "wasm32")]
        self.restart();
    }

    /// Terminate the worker, if any, and start a fresh one.
    #[cfg(target_arch = "wasm32")]
    fn restart(&self) {
        if let Some(worker) = self.worker.borrow_mut().take() {
            worker.terminate();
        }
        *self.worker.borrow_mut() = browser::spawn(Rc::clone(&self.deliver));
    }
}

/// Mapping pairs for a request.
pub fn pairs(mappings: &[Mapping]) -> Vec<MappingPairs> {
    mappings.iter().map(Mapping::to_pairs).collect()
}

/// The build request for these choices.
pub fn build_request(job: u32, mappings: &[Mapping], options: &LoadOptions) -> Request {
    Request::Build { job, mappings: pairs(mappings), options: options.clone(), restore: None }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::{Deliver, Request, Source};
    use engine::codec;
    use engine::protocol::ReadChoice;
    use engine::protocol::{Reply, READY};
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;

    /// Encoded data sets larger than this wait for the worker's release
    /// before they are decoded (about 300,000 deals; measured: 1M deals peak
    /// at 4.5× the file instead of 7.7×, for 0.4 s more before the first
    /// results, while 100,000 deals keep their speed).
    const PARK_ABOVE_BYTES: u32 = 32 * 1024 * 1024;

    /// The worker script Trunk builds beside the app (relative: works under any sub-path).
    const WORKER_URL: &str = "./ingest-worker_loader.js";

    /// The files of the last `Parse` and how each was read, so a worker
    /// that no longer holds them (released after a load, restarted after a
    /// cancel or a crash) can read them again for a build.
    #[derive(Default)]
    pub struct Session {
        files: Vec<web_sys::File>,
        choices: Vec<ReadChoice>,
    }

    impl Session {
        /// Note what a request changes; a build carries the files and how to
        /// read them (the worker reads them only when it does not hold them).
        /// Returns the request and files to post.
        pub fn track(&mut self, mut request: Request, files: Vec<web_sys::File>) -> (Request, Vec<web_sys::File>) {
            match &mut request {
                Request::Parse { .. } => {
                    *self = Session { choices: vec![ReadChoice::default(); files.len()], files };
                    return (request, self.files.clone());
                }
                Request::Reparse { file, delimiter, sheet, encoding, .. } => {
                    if let Some(choice) = self.choices.get_mut(*file) {
                        *choice = ReadChoice {
                            delimiter: *delimiter,
                            sheet: sheet.clone(),
                            header: None,
                            encoding: encoding.clone(),
                            readers: None,
                        };
                    }
                }
                Request::SetHeader { file, header, .. } => {
                    if let Some(choice) = self.choices.get_mut(*file) {
                        choice.header = Some(*header);
                    }
                }
                Request::Build { restore, .. } if !self.files.is_empty() => {
                    *restore = Some(self.choices.clone());
                    return (request, self.files.clone());
                }
                _ => {}
            }
            (request, files)
        }
    }

    /// Sources as `File`s (bytes in memory are wrapped in one).
    pub fn files_of(sources: Vec<Source>) -> Vec<web_sys::File> {
        sources
            .into_iter()
            .filter_map(|source| match source {
                Source::File(f) => Some(f),
                Source::Bytes(input) => {
                    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(input.bytes.as_slice()));
                    web_sys::File::new_with_u8_array_sequence(&parts, &input.name).ok()
                }
            })
            .collect()
    }

    /// The page's handle on the worker. Messages sent before the worker has
    /// loaded its WebAssembly would be lost (nothing listens yet), so they
    /// wait in `queue` until the worker says it is ready.
    pub struct WorkerClient {
        worker: web_sys::Worker,
        ready: Rc<Cell<bool>>,
        dead: Rc<Cell<bool>>,
        queue: Rc<RefCell<Vec<js_sys::Object>>>,
    }

    impl WorkerClient {
        /// Post a request with its files (queued until the worker is ready).
        pub fn post(&self, request: &Request, files: Vec<web_sys::File>) {
            let message = message(request, files);
            if self.ready.get() {
                let _ = self.worker.post_message(&message);
            } else {
                self.queue.borrow_mut().push(message);
            }
        }

        /// Stop the worker at once, whatever it is doing.
        pub fn terminate(&self) {
            self.worker.terminate();
        }

        /// Whether the worker stopped on an error (it cannot take more work).
        pub fn is_dead(&self) -> bool {
            self.dead.get()
        }
    }

    /// Start the worker and route its replies to `deliver`.
    pub fn spawn(deliver: Deliver) -> Option<WorkerClient> {
        let worker = web_sys::Worker::new(WORKER_URL).ok()?;
        let ready = Rc::new(Cell::new(false));
        let dead = Rc::new(Cell::new(false));
        let queue: Rc<RefCell<Vec<js_sys::Object>>> = Rc::default();
        let (ready_flag, waiting, target) = (Rc::clone(&ready), Rc::clone(&queue), worker.clone());
        let on_reply = Rc::clone(&deliver);
        let parked: Rc<RefCell<Option<(JsValue, Reply)>>> = Rc::default();
        let parked_here = Rc::clone(&parked);
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            if js_sys::Reflect::get(&data, &READY.into()).ok().is_some_and(|r| r.is_truthy()) {
                ready_flag.set(true);
                for message in waiting.borrow_mut().drain(..) {
                    let _ = target.post_message(&message);
                }
                return;
            }
            let Some(reply) = js_sys::Reflect::get(&data, &"reply".into())
                .ok()
                .and_then(|r| serde_wasm_bindgen::from_value::<Reply>(r).ok())
            else {
                return;
            };
            let dataset = js_sys::Reflect::get(&data, &"dataset".into()).ok().filter(|d| d.is_object());
            if let Some(dataset) = dataset {
                crate::ui::browser::mark("pa:received");
                // A large data set is decoded once the worker has sent its
                // first results and been released, so its memory and the
                // page's are never held at once; a small one at once, beside
                // the worker's models (the two threads work together).
                let large = js_sys::Uint8Array::new(&dataset).byte_length() > PARK_ABOVE_BYTES;
                *parked_here.borrow_mut() = Some((dataset, reply));
                if !large {
                    decode_parked(&parked_here, &on_reply);
                }
                return;
            }
            let last_word = matches!(reply, Reply::FirstResults { .. } | Reply::Failed { .. });
            on_reply(reply, None);
            if last_word {
                decode_parked(&parked_here, &on_reply);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let dead_flag = Rc::clone(&dead);
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
            // The worker cannot take more work; the next request starts a fresh one.
            dead_flag.set(true);
            deliver(
                Reply::Failed {
                    job: u32::MAX,
                    message: "The file reader stopped on this file (it may be too large for this tab, or damaged). \
                              A fresh reader is ready: drop the file again, another file, or use the command-line \
                              program for very large exports."
                        .into(),
                },
                None,
            );
            // A data set already handed over is still shown.
            decode_parked(&parked, &deliver);
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        Some(WorkerClient { worker, ready, dead, queue })
    }

    /// Decode the parked data set, if any, and deliver it. Copying it into
    /// this module's memory, decoding it and showing it each take a task, so
    /// the page can paint in between.
    fn decode_parked(parked: &RefCell<Option<(JsValue, Reply)>>, on_reply: &Deliver) {
        let Some((dataset, reply)) = parked.borrow_mut().take() else { return };
        let on_reply = Rc::clone(on_reply);
        crate::ui::browser::on_next_task(move || {
            let bytes = js_sys::Uint8Array::new(&dataset).to_vec();
            drop(dataset);
            crate::ui::browser::on_next_task(move || decode_and_deliver(bytes, reply, on_reply));
        });
    }

    /// Decode a handed-over data set and deliver it, on a task of its own.
    fn decode_and_deliver(bytes: Vec<u8>, reply: Reply, on_reply: Deliver) {
        match codec::decode(&bytes) {
            Ok(mut data) => {
                drop(bytes);
                crate::ui::browser::mark("pa:decoded");
                if let Reply::Built { quality, .. } = &reply {
                    data.quality = (**quality).clone();
                }
                crate::ui::browser::on_next_task(move || on_reply(reply, Some(data)));
            }
            Err(e) => on_reply(
                Reply::Failed { job: reply.job(), message: format!("The data could not be handed over: {e}") },
                None,
            ),
        }
    }

    /// A request with its files, as posted to the worker.
    fn message(request: &Request, files: Vec<web_sys::File>) -> js_sys::Object {
        let message = js_sys::Object::new();
        if let Ok(value) = serde_wasm_bindgen::to_value(request) {
            let _ = js_sys::Reflect::set(&message, &"request".into(), &value);
        }
        let files: js_sys::Array = files.into_iter().collect();
        let _ = js_sys::Reflect::set(&message, &"files".into(), &files);
        if let Some(readers) = crate::ui::browser::readers_in_address() {
            let _ = js_sys::Reflect::set(&message, &"readers".into(), &f64::from(readers).into());
        }
        message
    }
}
