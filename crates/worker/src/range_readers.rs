//! Readers beside this worker: a large file is split into byte ranges
//! (`engine::ingest::ranges`), each later range read by a worker this one
//! starts (the same script, answering [`Request::ReadRange`]), while this
//! one reads the first. Their parts come back as transferred bytes and are
//! merged in file order; a part that cannot be merged (its range did not
//! start at a record) is read again here, from its start, so the result is
//! always one reader's. A reader that cannot be started, fails or stops
//! counts as such a part.

use engine::ingest::ranges::RangePart;
use engine::protocol::{Reply, Request, READY};
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
            let reply = js_sys::Reflect::get(&data, &"reply".into())
                .ok()
                .and_then(|r| serde_wasm_bindgen::from_value::<Reply>(r).ok());
            match reply {
                Some(Reply::Progress { done, rows, .. }) => {
                    if let Some(entry) = progress.borrow_mut().get_mut(slot) {
                        *entry = (done, rows);
                    }
                    on_progress();
                }
                Some(Reply::RangeRead { .. }) => {
                    let bytes = js_sys::Reflect::get(&data, &"dataset".into()).unwrap_or(JsValue::NULL);
                    let _ = done.call1(&JsValue::NULL, &bytes);
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
        let value = JsFuture::from(self.part.clone()).await.ok();
        self.worker.terminate();
        let bytes = value?.dyn_into::<js_sys::Uint8Array>().ok()?.to_vec();
        RangePart::decode(&bytes)
    }
}

impl Drop for RangeWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
