//! Readers beside this worker: a large file is split into byte ranges
//! (`engine::ingest::ranges`), each later range read by a worker this one
//! starts (the same script, answering [`Request::ReadRange`]), while this
//! one reads the first. Their parts come back as transferred typed arrays and are
//! merged in file order; a part that cannot be merged (its range did not
//! start at a record) is read again here, from its start, so the result is
//! always one reader's. A reader that cannot be started, fails or stops
//! counts as such a part.

use engine::ingest::ranges::RangePart;
use engine::ingest::records::Records;
use engine::protocol::{Reply, Request, PROGRESS_TAG, RANGE_READ_TAG, READY};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, MessageEvent, Worker};

/// How far each reader beside this one has come: bytes read and records.
pub type Shared = Rc<RefCell<Vec<(f64, u64)>>>;

/// A worker reading one range.
pub struct RangeWorker {
    worker: Worker,
    part: js_sys::Promise,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl RangeWorker {
    /// Start a worker of this script on `request` (a [`Request::ReadRange`])
    /// for `file`; its progress goes into `progress[slot]` and `on_progress`
    /// is called. `None` when the browser will not start one.
    pub fn start(
        request: &Request,
        file: &File,
        progress: Shared,
        slot: usize,
        on_progress: Rc<dyn Fn()>,
    ) -> Option<RangeWorker> {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let worker = Worker::new(&scope.location().href()).ok()?;
        let message = js_sys::Object::new();
        js_sys::Reflect::set(&message, &"request".into(), &serde_wasm_bindgen::to_value(request).ok()?).ok()?;
        js_sys::Reflect::set(&message, &"files".into(), &js_sys::Array::of1(file)).ok()?;
        let mut resolve_slot: Option<js_sys::Function> = None;
        let part = js_sys::Promise::new(&mut |resolve, _reject| resolve_slot = Some(resolve));
        let resolve = resolve_slot?;
        let target = worker.clone();
        let done = resolve.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if js_sys::Reflect::get(&data, &READY.into()).ok().is_some_and(|r| r.is_truthy()) {
                let _ = target.post_message(&message);
                return;
            }
            // The reply's fields are read one by one: deserialising a whole
            // `Reply` would link every type it can carry into this worker.
            let reply = js_sys::Reflect::get(&data, &"reply".into()).unwrap_or(JsValue::NULL);
            let field = |name: &str| js_sys::Reflect::get(&reply, &name.into()).unwrap_or(JsValue::NULL);
            match field("type").as_string().as_deref() {
                Some(PROGRESS_TAG) => {
                    let (read, rows) = (field("done").as_f64().unwrap_or(0.0), field("rows").as_f64().unwrap_or(0.0));
                    if let Some(entry) = progress.borrow_mut().get_mut(slot) {
                        *entry = (read, rows as u64);
                    }
                    on_progress();
                }
                Some(RANGE_READ_TAG) => {
                    let _ = done.call1(&JsValue::NULL, &data);
                }
                // A failure is a part that could not be read: read here instead.
                _ => {
                    let _ = done.call1(&JsValue::NULL, &JsValue::NULL);
                }
            }
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::NULL);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(RangeWorker { worker, part, _on_message: on_message, _on_error: on_error })
    }

    /// Wait for the range's part; `None` when the reader failed. The worker
    /// is stopped either way (its memory goes back to the browser).
    pub async fn part(self) -> Option<RangePart> {
        let message = JsFuture::from(self.part.clone()).await.ok();
        self.worker.terminate();
        let message = message.filter(|m| m.is_object())?;
        let get = |name: &str| js_sys::Reflect::get(&message, &name.into()).ok();
        let reply = get("reply")?;
        let figure = |name: &str| js_sys::Reflect::get(&reply, &name.into()).ok().and_then(|v| v.as_f64());
        // Each buffer is copied once into this worker's memory.
        let text = String::from_utf8(get("text")?.dyn_into::<js_sys::Uint8Array>().ok()?.to_vec()).ok()?;
        let cell_ends = get("cell_ends")?.dyn_into::<js_sys::Uint32Array>().ok()?.to_vec();
        let record_ends = get("record_ends")?.dyn_into::<js_sys::Uint32Array>().ok()?.to_vec();
        let lines: Vec<u64> =
            get("lines")?.dyn_into::<js_sys::Float64Array>().ok()?.to_vec().into_iter().map(|l| l as u64).collect();
        Some(RangePart {
            records: Records::from_raw_parts(text, cell_ends, record_ends, lines)?,
            line_breaks: figure("line_breaks")? as u64,
            clean_end: js_sys::Reflect::get(&reply, &"clean_end".into()).ok()?.as_bool()?,
            replaced: figure("replaced")? as usize,
            overlong: figure("overlong").map(|line| line as u64),
            bytes: figure("bytes")? as u64,
        })
    }
}

/// Send a range's part to the worker that asked: its figures as the reply,
/// its records' buffers as typed arrays transferred beside it (one copy
/// out of this worker's memory, none on the way).
pub fn send_part(job: u32, part: RangePart) {
    let reply = Reply::RangeRead {
        job,
        line_breaks: part.line_breaks as f64,
        clean_end: part.clean_end,
        replaced: part.replaced as f64,
        overlong: part.overlong.map(|line| line as f64),
        bytes: part.bytes as f64,
    };
    let Ok(value) = serde_wasm_bindgen::to_value(&reply) else {
        return crate::runtime::post(&Reply::Failed { job, message: "a range could not be sent".into() }, None);
    };
    let (text, cell_ends, record_ends, lines) = part.records.raw_parts();
    let lines: Vec<f64> = lines.iter().map(|&l| l as f64).collect();
    let text = js_sys::Uint8Array::from(text.as_bytes());
    let cells = js_sys::Uint32Array::from(cell_ends);
    let records = js_sys::Uint32Array::from(record_ends);
    let lines = js_sys::Float64Array::from(lines.as_slice());
    let arrays: [(&str, js_sys::ArrayBuffer, JsValue); 4] = [
        ("text", text.buffer(), text.into()),
        ("cell_ends", cells.buffer(), cells.into()),
        ("record_ends", records.buffer(), records.into()),
        ("lines", lines.buffer(), lines.into()),
    ];
    drop(part);
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"reply".into(), &value);
    let transfer = js_sys::Array::new();
    for (name, buffer, array) in arrays {
        let _ = js_sys::Reflect::set(&message, &name.into(), &array);
        transfer.push(&buffer);
    }
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    if scope.post_message_with_transfer(&message, &transfer).is_err() {
        crate::runtime::post(&Reply::Failed { job, message: "a range could not be sent".into() }, None);
    }
}

impl Drop for RangeWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
