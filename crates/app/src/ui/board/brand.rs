//! Your brand on the deck: an accent colour and a logo, kept in this
//! browser only (local storage, like every setting) and never put in a
//! link. The board's slides and the PowerPoint file use them.

use engine::base64url::{base64url, unbase64url};
use leptos::prelude::*;

/// Storage keys.
const ACCENT_KEY: &str = "brand-accent";
const LOGO_KEY: &str = "brand-logo";

/// Largest logo kept (bytes of its PNG), so local storage never fills up.
pub const MAX_LOGO_BYTES: usize = 400_000;

/// Largest image file read as a logo, checked before a byte is read.
pub const MAX_LOGO_FILE_BYTES: f64 = 5e6;

/// Largest SVG drawn as a logo: drawing happens on the page's thread, and
/// a 10 MB SVG once held it for 17 s.
pub const MAX_LOGO_SVG_BYTES: f64 = 512e3;

/// Why a picked file cannot be a logo, before it is read, if so.
pub fn logo_file_refusal(size: f64, mime: &str, name: &str) -> Option<String> {
    let svg = mime.contains("svg") || name.to_lowercase().ends_with(".svg");
    if svg && size > MAX_LOGO_SVG_BYTES {
        return Some(format!(
            "That SVG is {:.1} MB; a logo SVG is at most 512 KB here. Export the logo as a PNG, or a simpler SVG.",
            size / 1e6
        ));
    }
    (size > MAX_LOGO_FILE_BYTES)
        .then(|| format!("That file is {:.1} MB; a logo is at most 5 MB. Pick a smaller PNG, JPEG or SVG.", size / 1e6))
}

/// Why an SVG's text cannot be drawn as a logo, if so: embedded HTML
/// (`foreignObject`) or scripts make the browser refuse to read the picture back.
pub fn svg_refusal(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    (lower.contains("<foreignobject") || lower.contains("<script"))
        .then_some("That SVG holds embedded HTML or a script, which a browser will not turn into a picture. Export the logo as a PNG.")
}

/// The app's own accent (Okabe–Ito blue).
pub const DEFAULT_ACCENT: &str = "#0072b2";

/// Accent colour and logo.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Brand {
    /// `#rrggbb`; empty: the app's blue.
    pub accent: String,
    /// The logo as a PNG and its pixel size.
    pub logo: Option<(Vec<u8>, (u32, u32))>,
}

impl Brand {
    /// The accent to use: the chosen one when it is a colour, else the app's.
    pub fn accent_or_default(&self) -> String {
        let hex = self.accent.trim_start_matches('#');
        if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            format!("#{}", hex.to_ascii_lowercase())
        } else {
            DEFAULT_ACCENT.to_string()
        }
    }

    /// The logo as a `data:` URL for an `<img>`.
    pub fn logo_url(&self) -> Option<String> {
        let (png, _) = self.logo.as_ref()?;
        let standard: String = base64url(png)
            .chars()
            .map(|c| match c {
                '-' => '+',
                '_' => '/',
                c => c,
            })
            .collect();
        let pad = "=".repeat((4 - standard.len() % 4) % 4);
        Some(format!("data:image/png;base64,{standard}{pad}"))
    }

    /// `w,h,base64url` for storage.
    fn encode_logo(&self) -> Option<String> {
        let (png, (w, h)) = self.logo.as_ref()?;
        Some(format!("{w},{h},{}", base64url(png)))
    }

    /// Read a stored logo.
    fn decode_logo(text: &str) -> Option<(Vec<u8>, (u32, u32))> {
        let mut parts = text.splitn(3, ',');
        let w = parts.next()?.parse().ok()?;
        let h = parts.next()?.parse().ok()?;
        let png = unbase64url(parts.next()?).ok()?;
        png.starts_with(b"\x89PNG").then_some((png, (w, h)))
    }
}

/// The brand context.
#[derive(Clone, Copy)]
pub struct BrandState(pub RwSignal<Brand>);

/// Read the stored brand and provide it to the page.
pub fn provide_brand() -> BrandState {
    let brand = Brand {
        accent: crate::ui::browser::load_setting(ACCENT_KEY).unwrap_or_default(),
        logo: crate::ui::browser::load_setting(LOGO_KEY).and_then(|t| Brand::decode_logo(&t)),
    };
    let state = BrandState(RwSignal::new(brand));
    provide_context(state);
    state
}

/// The brand in context, provided on first use (the App provides it; a
/// view mounted on its own, as in the browser tests, gets it here).
pub fn use_brand() -> BrandState {
    use_context::<BrandState>().unwrap_or_else(provide_brand)
}

/// Store the brand (an empty accent or no logo removes the key).
fn store(brand: &Brand) {
    match brand.accent.is_empty() {
        true => crate::ui::browser::remove_setting(ACCENT_KEY),
        false => crate::ui::browser::save_setting(ACCENT_KEY, &brand.accent),
    }
    match brand.encode_logo() {
        Some(text) => crate::ui::browser::save_setting(LOGO_KEY, &text),
        None => crate::ui::browser::remove_setting(LOGO_KEY),
    }
}

/// Accent colour and logo pickers.
#[component]
pub fn BrandPanel() -> impl IntoView {
    let brand = use_brand().0;
    let message = RwSignal::new(None::<String>);
    let set_accent = move |ev: leptos::ev::Event| {
        brand.update(|b| b.accent = event_target_value(&ev));
        store(&brand.get_untracked());
    };
    let pick_logo = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let mime = file.type_();
        if let Some(why) = logo_file_refusal(file.size(), &mime, &file.name()) {
            return message.set(Some(why));
        }
        wasm_bindgen_futures::spawn_local(async move {
            let bytes = match crate::ui::browser::blob_bytes(&file).await {
                Ok(b) => b,
                Err(_) => return message.set(Some("The logo could not be read.".into())),
            };
            if mime.contains("svg") || file.name().to_lowercase().ends_with(".svg") {
                if let Some(why) = svg_refusal(&String::from_utf8_lossy(&bytes)) {
                    return message.set(Some(why.into()));
                }
            }
            match crate::ui::browser::image_as_png(&bytes, &mime, 240).await {
                Ok((png, size)) if png.len() <= MAX_LOGO_BYTES => {
                    brand.update(|b| b.logo = Some((png, size)));
                    store(&brand.get_untracked());
                    message.set(Some(format!("Logo kept in this browser ({}×{} px).", size.0, size.1)));
                }
                Ok(_) => message.set(Some("That logo is too detailed to keep; try a smaller PNG or an SVG.".into())),
                Err(_) => {
                    message.set(Some("That file is not an image this browser can read (PNG, JPEG, SVG, WebP).".into()))
                }
            }
        });
    };
    let remove = move |_| {
        brand.update(|b| b.logo = None);
        store(&brand.get_untracked());
        message.set(None);
    };
    view! {
        <div class="brand">
            <label class="control">
                <span>"Accent colour"</span>
                <input type="color" data-testid="brand-accent" prop:value=move || brand.with(Brand::accent_or_default) on:change=set_accent/>
            </label>
            <label class="control">
                <span>"Logo (kept in this browser only)"</span>
                <input type="file" accept="image/png,image/jpeg,image/svg+xml,image/webp" data-testid="brand-logo" on:change=pick_logo/>
            </label>
            {move || brand.with(|b| b.logo.is_some()).then(|| view! {
                <img class="brand-logo-preview" alt="Your logo" src=brand.with(Brand::logo_url)/>
                <button class="button small" on:click=remove>"Remove logo"</button>
            })}
            <p class="muted" role="status">{move || message.get()}</p>
        </div>
    }
}
