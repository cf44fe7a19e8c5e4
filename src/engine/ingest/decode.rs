//! Bytes to text: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (Excel
//! "Unicode Text"), and Windows-1252 for files that are not valid UTF-8
//! (Excel "CSV" on Windows).
//!
//! The issue named `encoding_rs`; measured in the release build it added
//! 158 KB to the `.wasm` (105 KB brotli: 314 KB instead of 210 KB) for
//! tables of encodings CRM exports do not use, so the three that occur are
//! decoded here:
//! UTF-16 with `char::decode_utf16`, Windows-1252 with its 32-entry table.

/// Decoded text and the name of the encoding it was read as.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text, as UTF-8.
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or `windows-1252`.
    pub encoding: &'static str,
}

/// Decode a file's bytes, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8_or_1252(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Decoded { text: utf16(rest, true), encoding: "UTF-16LE" };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Decoded { text: utf16(rest, false), encoding: "UTF-16BE" };
    }
    if looks_like_utf16(bytes, true) {
        return Decoded { text: utf16(bytes, true), encoding: "UTF-16LE" };
    }
    if looks_like_utf16(bytes, false) {
        return Decoded { text: utf16(bytes, false), encoding: "UTF-16BE" };
    }
    utf8_or_1252(bytes)
}

fn utf8_or_1252(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded { text: text.to_string(), encoding: "UTF-8" },
        Err(_) => Decoded { text: bytes.iter().map(|&b| windows_1252(b)).collect(), encoding: "windows-1252" },
    }
}

/// UTF-16 code units to text; unpaired surrogates become U+FFFD.
fn utf16(bytes: &[u8], little_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|c| {
        if little_endian {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

/// One Windows-1252 byte as a character (0x80–0x9F differ from Latin-1).
pub fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// UTF-16 without a BOM: ASCII text has a zero in every other byte.
fn looks_like_utf16(bytes: &[u8], little_endian: bool) -> bool {
    let sample = &bytes[..bytes.len().min(512) & !1];
    if sample.len() < 8 {
        return false;
    }
    let zero_at = usize::from(little_endian);
    let zeros = sample.chunks(2).filter(|c| c[zero_at] == 0 && c[1 - zero_at] != 0).count();
    zeros * 10 >= sample.len() / 2 * 9
}
