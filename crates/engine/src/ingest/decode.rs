//! Bytes to text: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (Excel
//! "Unicode Text"), and Windows-1252 for files that are not valid UTF-8
//! (Excel "CSV" on Windows).
//!
//! The issue named `encoding_rs`; measured in the release build it added
//! 158 KB to the `.wasm` (105 KB brotli: 314 KB instead of 210 KB) for
//! tables of encodings CRM exports do not use. (`calamine` still links it
//! for old `.xls` code pages; once ingest runs only in the worker bundle the
//! page no longer carries either.) The three encodings that occur are
//! decoded here:
//! UTF-16 with `char::decode_utf16`, Windows-1252 with its 32-entry table.

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

/// The encodings files come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

/// Decodes a file chunk by chunk; characters split across chunks are
/// carried over, so chunk boundaries never corrupt text.
#[derive(Debug, Clone)]
pub struct StreamDecoder {
    encoding: Encoding,
    carry: Vec<u8>,
    bom: usize,
}

impl StreamDecoder {
    /// Detect the encoding from the file's first chunk (BOM, zero bytes, UTF-8 validity).
    pub fn detect(first: &[u8]) -> StreamDecoder {
        let (encoding, bom) = if first.starts_with(b"\xEF\xBB\xBF") {
            (Encoding::Utf8, 3)
        } else if first.starts_with(b"\xFF\xFE") {
            (Encoding::Utf16Le, 2)
        } else if first.starts_with(b"\xFE\xFF") {
            (Encoding::Utf16Be, 2)
        } else if looks_like_utf16(first, true) {
            (Encoding::Utf16Le, 0)
        } else if looks_like_utf16(first, false) {
            (Encoding::Utf16Be, 0)
        } else {
            match std::str::from_utf8(first) {
                Ok(_) => (Encoding::Utf8, 0),
                // An incomplete character at the very end of the chunk is still UTF-8.
                Err(e) if e.error_len().is_none() => (Encoding::Utf8, 0),
                Err(_) => (Encoding::Windows1252, 0),
            }
        };
        StreamDecoder { encoding, carry: Vec::new(), bom }
    }

    /// Name of the detected encoding.
    pub fn encoding(&self) -> &'static str {
        match self.encoding {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    /// Decode a chunk, appending to `out`.
    pub fn decode(&mut self, chunk: &[u8], out: &mut String) {
        let skip = std::mem::take(&mut self.bom).min(chunk.len());
        let mut bytes = std::mem::take(&mut self.carry);
        bytes.extend_from_slice(&chunk[skip..]);
        match self.encoding {
            Encoding::Windows1252 => out.extend(bytes.iter().map(|&b| windows_1252(b))),
            Encoding::Utf8 => {
                let mut rest = &bytes[..];
                loop {
                    match std::str::from_utf8(rest) {
                        Ok(text) => {
                            out.push_str(text);
                            break;
                        }
                        Err(e) => {
                            let (valid, after) = rest.split_at(e.valid_up_to());
                            out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                            match e.error_len() {
                                // Incomplete character at the end: wait for the next chunk.
                                None => {
                                    self.carry = after.to_vec();
                                    break;
                                }
                                // A stray byte in a UTF-8 file: read it as Windows-1252.
                                Some(n) => {
                                    out.extend(after[..n].iter().map(|&b| windows_1252(b)));
                                    rest = &after[n..];
                                }
                            }
                        }
                    }
                }
            }
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let little = self.encoding == Encoding::Utf16Le;
                let mut usable = bytes.len() & !1;
                // Keep a high surrogate at the end for its partner in the next chunk.
                if usable >= 2 {
                    let last = &bytes[usable - 2..usable];
                    let unit = if little {
                        u16::from_le_bytes([last[0], last[1]])
                    } else {
                        u16::from_be_bytes([last[0], last[1]])
                    };
                    if (0xD800..0xDC00).contains(&unit) {
                        usable -= 2;
                    }
                }
                out.push_str(&utf16(&bytes[..usable], little));
                self.carry = bytes[usable..].to_vec();
            }
        }
    }

    /// Flush what is left at the end of the file.
    pub fn finish(&mut self, out: &mut String) {
        let rest = std::mem::take(&mut self.carry);
        match self.encoding {
            Encoding::Utf16Le | Encoding::Utf16Be if rest.len() >= 2 => {
                out.push_str(&utf16(&rest, self.encoding == Encoding::Utf16Le))
            }
            _ => out.extend(rest.iter().map(|&b| windows_1252(b))),
        }
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
