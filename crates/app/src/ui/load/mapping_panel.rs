//! The column-mapping panel: shown when a file's columns cannot all be
//! matched to roles with confidence. Dropdowns per role, a preview of the
//! first rows (as text), the number formats and the stage labels.

use crate::ui::browser::save_mapping;
use crate::ui::state::{AppState, Pending, Shared};
use engine::ingest::decode::ENCODING_CHOICES;
use engine::ingest::roles::encode_mapping;
use engine::ingest::roles::{may_be_absent, roles_of, FileKind, Mapping};
use engine::ingest::values::{stage_outcome, DateOrder, DecimalMark};
use leptos::prelude::*;
use std::sync::Arc;

/// Apply an edit to the pending files (the tables are shared, not copied).
fn edit(state: AppState, f: impl FnOnce(&mut Pending)) {
    if let Some(current) = state.pending.get_untracked() {
        let mut next = (*current).clone();
        f(&mut next);
        state.pending.set(Some(Shared(Arc::new(next))));
    }
}

/// The panel (`data-testid="mapping"`), when files are waiting.
#[component]
pub fn MappingPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let load = move |_| {
        let Some(pending) = state.pending.get_untracked() else { return };
        for (file, mapping) in pending.files.iter().zip(&pending.mappings) {
            let encoded = encode_mapping(mapping, &file.headers);
            save_mapping(&file.signature, &encoded);
            // Share links carry the choice (header names only), so a colleague's identical export maps the same way.
            state.shared_mappings.update(|shared| {
                shared.retain(|(signature, _)| *signature != file.signature);
                shared.push((file.signature.clone(), encoded));
            });
        }
        state.build(pending.mappings.clone(), pending.options.clone());
    };
    move || {
        let pending = state.pending.get()?;
        let files = pending
            .files
            .iter()
            .enumerate()
            .map(|(fi, file)| {
                let mapping = pending.mappings[fi].clone();
                let kind = file.kind;
                let missing = mapping.missing(kind);
                let proposed = Mapping::from_pairs(kind, &file.mapping);
                let roles = roles_of(kind)
                    .iter()
                    .map(|spec| {
                        let id = spec.id;
                        let current = mapping.column(id).map_or(String::new(), |c| c.to_string());
                        // Why this column (or none), while the choice is still the proposed one.
                        let reason = (mapping.column(id) == proposed.column(id))
                            .then(|| file.reasons.iter().find(|(r, _)| r == id).map(|(_, why)| why.clone()))
                            .flatten();
                        let confidence = mapping.confidence.get(id).copied().unwrap_or(0.0);
                        let optional_here = may_be_absent(kind, id);
                        let flag = if missing.contains(&id) {
                            "missing"
                        } else if optional_here && mapping.column(id).is_none() {
                            "absent-ok"
                        } else if confidence < 0.8 && mapping.column(id).is_some() {
                            "check"
                        } else {
                            ""
                        };
                        let options = file
                            .headers
                            .iter()
                            .enumerate()
                            .map(|(c, h)| view! { <option value=c.to_string() selected=current == c.to_string()>{h.clone()}</option> })
                            .collect_view();
                        let on_change = move |ev: leptos::ev::Event| {
                            let value = event_target_value(&ev);
                            edit(state, |p| {
                                let m = &mut p.mappings[fi];
                                match value.parse::<usize>() {
                                    Ok(c) => {
                                        m.columns.insert(id, vec![c]);
                                        m.confidence.insert(id, 1.0);
                                    }
                                    Err(_) => {
                                        m.columns.remove(id);
                                        m.confidence.remove(id);
                                    }
                                }
                            });
                        };
                        view! {
                            <label class=format!("role {flag}")>
                                <span>
                                    {id.replace('_', " ")}
                                    {(spec.required && !optional_here).then_some(" *")}
                                    {(flag == "missing").then(|| view! { <em class="role-note" data-testid="missing-role">" needed"</em> })}
                                    {(flag == "absent-ok").then(|| view! {
                                        <em class="role-note">{if id == "deal_id" { " absent: rows are numbered" } else { " absent: no cycle time" }}</em>
                                    })}
                                </span>
                                <select on:change=on_change>
                                    <option value="" selected=current.is_empty()>"— not in this file —"</option>
                                    {options}
                                </select>
                                {reason.map(|why| view! { <small class="role-reason" data-testid="role-reason">{why}</small> })}
                            </label>
                        }
                    })
                    .collect_view();
                let header = file.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view();
                let rows = file
                    .preview
                    .iter()
                    .cloned()
                    .map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> })
                    .collect_view();
                let stages = (kind == FileKind::Deals).then(|| stage_editor(state, &pending, fi));
                let reread = move |delimiter: Option<u8>, sheet: Option<String>, encoding: Option<String>| {
                    state.reparse(fi, delimiter, sheet, encoding)
                };
                let source_choice = match &file.sheet {
                    Some((current, names)) if names.len() > 1 => {
                        let options = names
                            .iter()
                            .map(|n| view! { <option value=n.clone() selected=n == current>{n.clone()}</option> })
                            .collect_view();
                        view! {
                            <label class="control">
                                <span>"Sheet"</span>
                                <select on:change=move |ev| reread(None, Some(event_target_value(&ev)), None)>{options}</select>
                            </label>
                        }
                        .into_any()
                    }
                    Some(_) => ().into_any(),
                    None => {
                        let current = file.delimiter;
                        let choices = [(b',', "comma ,"), (b';', "semicolon ;"), (b'\t', "tab"), (b'|', "pipe |")]
                            .into_iter()
                            .map(|(d, label)| view! { <option value=d.to_string() selected=d == current>{label}</option> })
                            .collect_view();
                        let encoding = file.encoding.clone();
                        let known = ENCODING_CHOICES.iter().any(|(_, name)| name.eq_ignore_ascii_case(&encoding))
                            || ENCODING_CHOICES.iter().any(|(label, _)| label.eq_ignore_ascii_case(&encoding));
                        let encodings = ENCODING_CHOICES
                            .iter()
                            .map(|&(label, name)| {
                                let selected = label.eq_ignore_ascii_case(&encoding);
                                view! { <option value=label selected=selected>{name}</option> }
                            })
                            .collect_view();
                        view! {
                            <label class="control">
                                <span>"Delimiter"</span>
                                <select on:change=move |ev| reread(event_target_value(&ev).parse::<u8>().ok(), None, None)>{choices}</select>
                            </label>
                            <label class="control">
                                <span>"Encoding"</span>
                                <select data-testid="encoding" on:change=move |ev| reread(None, None, Some(event_target_value(&ev)))>
                                    {(!known).then(|| view! { <option value="" selected=true>{encoding.clone()}</option> })}
                                    {encodings}
                                </select>
                            </label>
                        }
                        .into_any()
                    }
                };
                let kind_label = kind.label();
                let has_header = !file.headerless;
                let header_switch = view! {
                    <label class="control checkbox">
                        <input type="checkbox" data-testid="first-row-header" prop:checked=has_header
                            on:change=move |ev| state.set_header_row(fi, event_target_checked(&ev))/>
                        <span>"First row is a header"</span>
                    </label>
                };
                view! {
                    <div class="mapping-file">
                        <h3>{format!("{} — read as {kind_label}, {} rows", file.name, file.rows)}</h3>
                        {file.headerless.then(|| view! {
                            <p class="muted" data-testid="headerless-note">"The first row holds data, not column names: the columns are numbered and each role below was guessed from the values. Tick “First row is a header” if it is one after all."</p>
                        })}
                        <div class="formats">{source_choice}{header_switch}</div>
                        <div class="roles">{roles}</div>
                        <div class="table-wrap preview" tabindex="0" role="region" aria-label=format!("Preview of the first rows of {}", file.name)>
                            <table class="data-table"><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>
                        </div>
                        {stages}
                    </div>
                }
            })
            .collect_view();
        let on_decimal = move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            edit(state, |p| {
                p.options.decimal_mark = match v.as_str() {
                    "point" => Some(DecimalMark::Point),
                    "comma" => Some(DecimalMark::Comma),
                    _ => None,
                }
            });
        };
        let on_order = move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            edit(state, |p| {
                p.options.date_order = match v.as_str() {
                    "mdy" => Some(DateOrder::MonthFirst),
                    "dmy" => Some(DateOrder::DayFirst),
                    _ => None,
                }
            });
        };
        Some(view! {
            <section class="card mapping" data-testid="mapping" aria-label="Column mapping">
                <div class="card-head row">
                    <div>
                        <h2>"Which column is which?"</h2>
                        <p class="muted">"Check the choices (* = required); under each, why it was made. The preview shows the first rows. Your choice is remembered in this browser for files with the same columns — the mapping only, never the data."</p>
                    </div>
                    <button class="button subtle" on:click=move |_| state.pending.set(None)>"Cancel"</button>
                </div>
                {files}
                <div class="formats">
                    <label class="control">
                        <span>"Decimal mark of amounts"</span>
                        <select on:change=on_decimal>
                            <option value="auto">"Decide from the data"</option>
                            <option value="point">"1,234.56"</option>
                            <option value="comma">"1.234,56"</option>
                        </select>
                    </label>
                    <label class="control">
                        <span>"Dates such as 03/04/2025"</span>
                        <select on:change=on_order>
                            <option value="auto">"Decide from the data"</option>
                            <option value="mdy">"month/day/year"</option>
                            <option value="dmy">"day/month/year"</option>
                        </select>
                    </label>
                </div>
                <div class="actions">
                    <button class="button primary" on:click=load>"Use these columns"</button>
                </div>
            </section>
        })
    }
}

/// Stage labels with what they mean, each overridable.
fn stage_editor(state: AppState, pending: &Pending, fi: usize) -> Option<AnyView> {
    pending.mappings[fi].column("stage")?;
    let labels = pending.files[fi].stage_labels.clone();
    let items = labels
        .into_iter()
        .map(|label| {
            let current = pending.options.stage_overrides.get(&label).copied().unwrap_or_else(|| stage_outcome(&label));
            let value = match current {
                (true, true) => "won",
                (true, false) => "lost",
                _ => "open",
            };
            let key = label.clone();
            let on_change = move |ev: leptos::ev::Event| {
                let v = event_target_value(&ev);
                let outcome = match v.as_str() {
                    "won" => (true, true),
                    "lost" => (true, false),
                    _ => (false, false),
                };
                let key = key.clone();
                edit(state, move |p| {
                    p.options.stage_overrides.insert(key, outcome);
                });
            };
            view! {
                <label class="stage">
                    <span>{label}</span>
                    <select on:change=on_change>
                        <option value="open" selected=value == "open">"open"</option>
                        <option value="won" selected=value == "won">"won"</option>
                        <option value="lost" selected=value == "lost">"lost"</option>
                    </select>
                </label>
            }
        })
        .collect_view();
    Some(view! { <details class="stages"><summary>"Stage labels"</summary><div class="stage-list">{items}</div></details> }.into_any())
}
