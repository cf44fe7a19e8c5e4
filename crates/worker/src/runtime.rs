//! The worker's side: receive requests, read `File`s in chunks straight
//! into the streaming table reader (the file is never one JavaScript
//! string), report progress, and send the data set back as one
//! transferred buffer.

use crate::range_readers::{RangeWorker, Shared};
use engine::codec;
use engine::dataset::Dataset;
use engine::ingest::csv_reader::TableReader;
use engine::ingest::ranges::{self, RangeReader};
use engine::ingest::roles::Mapping;
use engine::ingest::workbook::{is_workbook, read_sheet};
use engine::ingest::{build_mapped, ParsedFile};
use engine::protocol::{ReadChoice, Reply, Request, CHUNK_BYTES, READY, SAMPLE_SOURCE};
use engine::sample::sample_dataset;
use engine::view::Loaded;
use engine::warehouse::dataset_of_aggregates;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

/// Files received and their parsed tables, kept between requests.
#[derive(Default)]
struct Held {
    files: Vec<File>,
    parsed: Vec<ParsedFile>,
    /// The newest job asked for. A read that ends after a newer job came
    /// (another file was dropped meanwhile) keeps nothing: its files must
    /// not replace the newer job's.
    latest: u32,
}

impl Held {
    /// Whether `job` is still the newest (its reading may be kept).
    fn is_current(held: &RefCell<Held>, job: u32) -> bool {
        held.borrow().latest == job
    }
}

thread_local! {
    /// Readers the page asked for (`?readers=N` in its address), for tests
    /// and benchmarks; `None`: one per two cores for a large file.
    static FORCED_READERS: Cell<Option<u32>> = const { Cell::new(None) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Send a reply, with a transferred buffer when there is one.
pub(crate) fn post(reply: &Reply, bytes: Option<Vec<u8>>) {
    let value = match serde_wasm_bindgen::to_value(reply) {
        Ok(value) => value,
        // A reply that cannot be sent becomes a message, never silence.
        Err(e) if !matches!(reply, Reply::Failed { .. }) => {
            let message = format!("The result could not be handed to the page ({e}). Please report this file's shape.");
            return post(&Reply::Failed { job: reply.job(), message }, None);
        }
        Err(_) => return,
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"reply".into(), &value);
    match bytes {
        Some(bytes) => {
            let array = js_sys::Uint8Array::from(bytes.as_slice());
            let _ = js_sys::Reflect::set(&message, &"dataset".into(), &array);
            let _ = scope().post_message_with_transfer(&message, &js_sys::Array::of1(&array.buffer()));
        }
        None => {
            let _ = scope().post_message(&message);
        }
    }
}

/// Install the message handler. Called once when the worker starts.
pub fn run() {
    std::panic::set_hook(Box::new(|info| {
        post(&Reply::Failed { job: u32::MAX, message: format!("The file reader stopped: {info}") }, None);
    }));
    let held = Rc::new(RefCell::new(Held::default()));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let request = js_sys::Reflect::get(&data, &"request".into())
            .ok()
            .and_then(|r| serde_wasm_bindgen::from_value::<Request>(r).ok());
        let Some(request) = request else { return };
        let forced = js_sys::Reflect::get(&data, &"readers".into()).ok().and_then(|n| n.as_f64());
        FORCED_READERS.with(|f| f.set(forced.filter(|n| *n >= 1.0).map(|n| n as u32)));
        let files: Vec<File> = js_sys::Reflect::get(&data, &"files".into())
            .ok()
            .filter(|f| f.is_object())
            .map(|f| js_sys::Array::from(&f).iter().filter_map(|f| f.dyn_into::<File>().ok()).collect())
            .unwrap_or_default();
        if !matches!(request, Request::ReadRange { .. }) {
            held.borrow_mut().latest = request.job();
        }
        let held = Rc::clone(&held);
        wasm_bindgen_futures::spawn_local(async move { handle(request, files, held).await });
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Tell the page it can send: messages posted before this point found no listener.
    let ready = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&ready, &READY.into(), &true.into());
    let _ = scope().post_message(&ready);
}

async fn handle(request: Request, files: Vec<File>, held: Rc<RefCell<Held>>) {
    match request {
        Request::Parse { job } => {
            let first_read = vec![ReadChoice::default(); files.len()];
            let parsed = match read_files(job, &files, &first_read).await {
                Ok(parsed) => parsed,
                Err(message) => return post(&Reply::Failed { job, message }, None),
            };
            if !Held::is_current(&held, job) {
                return;
            }
            // The warehouse's pa_ tables (spec §10) need no mapping: finished at once.
            if let Some(result) = dataset_of_aggregates(&parsed) {
                return match result {
                    Ok((data, source)) => hand_over(job, data, source),
                    Err(e) => post(&Reply::Failed { job, message: e.to_string() }, None),
                };
            }
            let summaries = parsed.iter().map(ParsedFile::summary).collect();
            *held.borrow_mut() = Held { files, parsed, latest: job };
            post(&Reply::Parsed { job, files: summaries }, None);
        }
        Request::Reparse { job, file, delimiter, sheet, encoding } => {
            let Some(source) = held.borrow().files.get(file).cloned() else { return };
            let mut done = 0.0;
            let choice = ReadChoice { delimiter, sheet, encoding, header: None, readers: None };
            let read = read_file(job, &source, &choice, &mut done, source.size()).await;
            if !Held::is_current(&held, job) {
                return;
            }
            match read {
                Ok(p) => {
                    let mut h = held.borrow_mut();
                    h.parsed[file] = p;
                    post(&Reply::Parsed { job, files: h.parsed.iter().map(ParsedFile::summary).collect() }, None);
                }
                Err(message) => post(&Reply::Failed { job, message }, None),
            }
        }
        Request::SetHeader { job, file, header } => {
            let mut h = held.borrow_mut();
            if file >= h.parsed.len() {
                return post(&Reply::Failed { job, message: "that file is no longer loaded".into() }, None);
            }
            let current = h.parsed.remove(file);
            h.parsed.insert(file, current.with_header_row(header));
            post(&Reply::Parsed { job, files: h.parsed.iter().map(ParsedFile::summary).collect() }, None);
        }
        Request::Build { job, mappings, options, restore } => {
            if let Some(choices) = restore.filter(|_| held.borrow().parsed.is_empty()) {
                // This worker does not hold them: read the files again, each as before.
                let read = read_files(job, &files, &choices).await;
                if !Held::is_current(&held, job) {
                    return;
                }
                match read {
                    Ok(parsed) => *held.borrow_mut() = Held { files, parsed, latest: job },
                    Err(message) => return post(&Reply::Failed { job, message }, None),
                }
            }
            let h = held.borrow();
            let mappings: Vec<Mapping> =
                h.parsed.iter().zip(&mappings).map(|(f, pairs)| Mapping::from_pairs(f.kind, pairs)).collect();
            let built = build_mapped(&h.parsed, &mappings, &options);
            let source = h.parsed.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(" + ");
            drop(h);
            match built {
                Ok(data) => {
                    // The records' text is not needed again (the page releases
                    // this worker after a load; a rebuild reads the files anew):
                    // the encoded copy reuses its memory.
                    held.borrow_mut().parsed = Vec::new();
                    hand_over(job, data, source)
                }
                Err(e) => post(&Reply::Failed { job, message: e.to_string() }, None),
            }
        }
        Request::Sample { job } => {
            hand_over(job, sample_dataset(), SAMPLE_SOURCE.to_string());
        }
        Request::ReadRange { job, start, end, encoding, delimiter, last } => {
            let Some(file) = files.first() else {
                return post(&Reply::Failed { job, message: "no file to read a range of".into() }, None);
            };
            match read_range(job, file, start, end, &encoding, delimiter, last).await {
                Ok(part) => crate::range_readers::send_part(job, part),
                Err(message) => post(&Reply::Failed { job, message }, None),
            }
        }
    }
}

/// Read bytes `start..end` of `file` as one range, posting progress (bytes
/// of the range read, records) to the worker that asked.
async fn read_range(
    job: u32,
    file: &File,
    start: f64,
    end: f64,
    encoding: &str,
    delimiter: u8,
    last: bool,
) -> Result<ranges::RangePart, String> {
    let mut range = RangeReader::new(encoding, delimiter).ok_or_else(|| format!("cannot read {encoding} by range"))?;
    range.expect((end - start) as u64);
    let (name, mut read) = (file.name(), 0.0);
    read_slices(file, start, end, |chunk| {
        range.feed(chunk);
        read += chunk.len() as f64;
        let rows = range.records() as u64;
        post(&Reply::Progress { job, file: name.clone(), done: read, total: end - start, rows }, None);
    })
    .await?;
    Ok(range.finish(last))
}

/// Send the data set to the page, then compute what the page shows first.
/// The page decodes a small data set meanwhile; a large one once these
/// credits have come and this worker has been released (never both
/// memories at once). Either way the page's main thread runs no model of
/// a fresh load.
fn hand_over(job: u32, data: Dataset, source: String) {
    let bytes = codec::encode(&data);
    post(&Reply::Built { job, source, quality: Box::new(data.quality.clone()) }, Some(bytes));
    let models = Loaded::new(data, String::new()).first_results();
    post(&Reply::FirstResults { job, models }, None);
}

/// Read `files` in order, each with its choices (the defaults for a first
/// read; the panel's for a worker reading them again), posting progress
/// over all of them.
async fn read_files(job: u32, files: &[File], choices: &[ReadChoice]) -> Result<Vec<ParsedFile>, String> {
    let total: f64 = files.iter().map(|f| f.size()).sum();
    let mut done = 0.0;
    let mut parsed = Vec::with_capacity(files.len());
    for (file, choice) in files.iter().zip(choices) {
        let read = read_file(job, file, choice, &mut done, total).await?;
        parsed.push(match choice.header {
            Some(header) => read.with_header_row(header),
            None => read,
        });
    }
    Ok(parsed)
}

/// Bytes `start..end` of a file.
async fn slice(file: &File, start: f64, end: f64) -> Result<Vec<u8>, String> {
    read_slice(start_slice(file, start, end)?, file).await
}

/// Ask the browser for bytes `start..end` of a file: the read starts now,
/// so it runs while the previous chunk is parsed.
fn start_slice(file: &File, start: f64, end: f64) -> Result<JsFuture, String> {
    let blob = file
        .slice_with_f64_and_f64(start, end)
        .map_err(|e| format!("{}: cannot read the file ({e:?})", file.name()))?;
    Ok(JsFuture::from(blob.array_buffer()))
}

/// The bytes of a read started by [`start_slice`].
async fn read_slice(read: JsFuture, file: &File) -> Result<Vec<u8>, String> {
    let buffer = read.await.map_err(|e| format!("{}: the browser could not read the file ({e:?})", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Read one file chunk by chunk into a parsed table, posting progress.
async fn read_file(
    job: u32,
    file: &File,
    choice: &ReadChoice,
    done: &mut f64,
    total: f64,
) -> Result<ParsedFile, String> {
    let name = file.name();
    let size = file.size();
    let first = slice(file, 0.0, size.min(CHUNK_BYTES as f64)).await?;
    if is_workbook(&first) {
        // Spreadsheets are zip archives: calamine needs the whole file.
        let bytes = if (first.len() as f64) < size { slice(file, 0.0, size).await? } else { first };
        *done += size;
        let (table, report, sheet, names) =
            read_sheet(&name, &bytes, choice.sheet.as_deref()).map_err(|e| e.to_string())?;
        return Ok(ParsedFile::new(&name, table, report, Some((sheet, names))));
    }
    // A reader per two cores: the browser's own process feeds every reader
    // the file's bytes, and on 2 cores one reader and that feeding already
    // use both (README, "Parallel readers").
    let cores = scope().navigator().hardware_concurrency() as usize / 2;
    let readers = ranges::readers_chosen(FORCED_READERS.with(Cell::get), size as u64, cores);
    let starts = if readers > 1 { range_starts(file, size, readers).await? } else { Vec::new() };
    // The first chunk decides the encoding and delimiter whatever this reader's share of it.
    let own_first = starts.first().map_or(first.len(), |&s| first.len().min(s as usize));
    let mut reader =
        TableReader::start(&name, &first, &first[..own_first], choice.delimiter, choice.encoding.as_deref())
            .map_err(|e| e.to_string())?;
    reader.expect_total(size as u64);
    let starts = if reader.range_reader().is_some() { starts } else { Vec::new() };
    let ends: Vec<f64> = starts.iter().skip(1).copied().chain([size]).collect();
    let beside: Shared = Rc::new(RefCell::new(vec![(0.0, 0); starts.len()]));
    let own = Rc::new(Cell::new((own_first as f64, reader.records() as u64)));
    let report: Rc<dyn Fn()> = {
        let (name, beside, own, base) = (name.clone(), Rc::clone(&beside), Rc::clone(&own), *done);
        Rc::new(move || {
            let (mut done, mut rows) = own.get();
            for (d, r) in beside.borrow().iter() {
                done += d;
                rows += r;
            }
            post(&Reply::Progress { job, file: name.clone(), done: base + done, total, rows }, None);
        })
    };
    let workers: Vec<Option<RangeWorker>> = starts
        .iter()
        .zip(&ends)
        .enumerate()
        .map(|(slot, (&start, &end))| {
            let request = Request::ReadRange {
                job,
                start,
                end,
                encoding: reader.encoding().to_string(),
                delimiter: reader.delimiter(),
                last: end >= size,
            };
            RangeWorker::start(&request, file, Rc::clone(&beside), slot, Rc::clone(&report))
        })
        .collect();
    // This reader's own range: the rest of the first chunk, then slices.
    let own_end = starts.first().copied().unwrap_or(size);
    let in_first = (own_end as usize).min(first.len());
    if own_first < in_first {
        reader.feed(&first[own_first..in_first]);
        own.set((in_first as f64, reader.records() as u64));
    }
    drop(first);
    read_span(file, &mut reader, in_first.max(own_first) as f64, own_end, &own, &report).await?;
    // The others' parts in file order; the first that cannot be merged is read here, from its start.
    let mut fall_back = None;
    let mut waiting = workers.into_iter().enumerate();
    for (slot, worker) in waiting.by_ref() {
        let part = match worker {
            Some(worker) => worker.part().await,
            None => None,
        };
        if !part.is_some_and(|part| reader.append(&part)) {
            fall_back = Some(slot);
            break;
        }
    }
    drop(waiting);
    if let Some(slot) = fall_back {
        beside.borrow_mut()[slot..].iter_mut().for_each(|entry| *entry = (0.0, 0));
        read_span(file, &mut reader, starts[slot], size, &own, &report).await?;
    }
    *done += size;
    report();
    let (table, report) = reader.finish().map_err(|e| e.to_string())?;
    Ok(ParsedFile::new(&name, table, report, None))
}

/// Where each later range starts: just past the first line break after
/// each of `readers - 1` equal split points (a probe of 64 KB read at each).
async fn range_starts(file: &File, size: f64, readers: usize) -> Result<Vec<f64>, String> {
    let mut probes = Vec::new();
    for point in ranges::split_points(size as u64, readers) {
        let end = (point as f64 + 65_536.0).min(size);
        probes.push((point, slice(file, point as f64, end).await?));
    }
    let starts = ranges::range_starts(&probes.iter().map(|(p, _)| *p).collect::<Vec<_>>(), |at| {
        probes.iter().find(|(p, _)| *p == at).map(|(_, bytes)| bytes.clone()).unwrap_or_default()
    });
    Ok(starts.into_iter().map(|s| s as f64).filter(|&s| s < size).collect())
}

/// Feed bytes `from..to` of `file` to `reader` in slices, counting them
/// in `own` and reporting progress before each.
async fn read_span(
    file: &File,
    reader: &mut TableReader,
    from: f64,
    to: f64,
    own: &Cell<(f64, u64)>,
    report: &Rc<dyn Fn()>,
) -> Result<(), String> {
    report();
    read_slices(file, from, to, |chunk| {
        reader.feed(chunk);
        let (done, _) = own.get();
        own.set((done + chunk.len() as f64, reader.records() as u64));
        report();
    })
    .await
}

/// Read bytes `from..to` of `file` in slices of [`CHUNK_BYTES`], one read
/// ahead (the next slice is on its way while `each` takes this one).
async fn read_slices(file: &File, from: f64, to: f64, mut each: impl FnMut(&[u8])) -> Result<(), String> {
    let next_read = |offset: f64| -> Result<Option<(JsFuture, f64)>, String> {
        if offset >= to {
            return Ok(None);
        }
        let end = (offset + CHUNK_BYTES as f64).min(to);
        Ok(Some((start_slice(file, offset, end)?, end)))
    };
    let mut pending = next_read(from)?;
    while let Some((read, end)) = pending {
        let chunk = read_slice(read, file).await?;
        pending = next_read(end)?;
        each(&chunk);
    }
    Ok(())
}
