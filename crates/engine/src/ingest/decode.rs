//! Bytes to text, by evidence: a byte-order mark decides (UTF-8, UTF-16
//! LE/BE); text that reads as UTF-8 is UTF-8, even with a few invalid bytes
//! (they become U+FFFD and the rows holding them are named in the report);
//! anything else is given to `chardetng`, the detector Firefox uses, and
//! decoded by `encoding_rs` (Windows-125x, ISO-8859-x, KOI8-R, Shift_JIS,
//! GBK, EUC-KR, Big5…). The user can override the choice in the mapping
//! panel ([`StreamDecoder::forced`]).
//!
//! Bundle cost, measured on the worker's release build (brotli): see
//! `docs/input-formats.md` (encoding_rs was already linked by calamine for
//! old `.xls` code pages; chardetng adds its frequency tables).
//!
//! UTF-8, the common case, stays on the standard library's validator: no
//! copy through a decoder when the bytes are valid.

use encoding_rs::{Decoder, Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// One Windows-1252 byte as a character (0x80–0x9F differ from Latin-1).
pub fn windows_1252(b: u8) -> char {
    let bytes = [b];
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
    text.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The encodings the panel offers by name (label, shown name), most common first.
pub const ENCODING_CHOICES: &[(&str, &str)] = &[
    ("utf-8", "UTF-8"),
    ("windows-1252", "Western (Windows-1252)"),
    ("iso-8859-1", "Western (ISO-8859-1)"),
    ("iso-8859-15", "Western (ISO-8859-15)"),
    ("windows-1250", "Central European (Windows-1250)"),
    ("iso-8859-2", "Central European (ISO-8859-2)"),
    ("windows-1251", "Cyrillic (Windows-1251)"),
    ("koi8-r", "Cyrillic (KOI8-R)"),
    ("windows-1253", "Greek (Windows-1253)"),
    ("windows-1254", "Turkish (Windows-1254)"),
    ("windows-1255", "Hebrew (Windows-1255)"),
    ("windows-1256", "Arabic (Windows-1256)"),
    ("windows-1257", "Baltic (Windows-1257)"),
    ("windows-1258", "Vietnamese (Windows-1258)"),
    ("windows-874", "Thai (Windows-874)"),
    ("shift_jis", "Japanese (Shift_JIS)"),
    ("euc-jp", "Japanese (EUC-JP)"),
    ("gbk", "Chinese simplified (GBK)"),
    ("gb18030", "Chinese simplified (GB18030)"),
    ("big5", "Chinese traditional (Big5)"),
    ("euc-kr", "Korean (EUC-KR)"),
    ("utf-16le", "UTF-16 LE"),
    ("utf-16be", "UTF-16 BE"),
];

/// How the decoder came to its encoding (for the report).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A byte-order mark.
    Bom,
    /// The bytes are valid UTF-8 (or nearly: see [`StreamDecoder::replaced`]).
    ValidUtf8,
    /// ASCII with a zero byte beside every character.
    Utf16Pattern,
    /// The statistical detector.
    Detected,
    /// The user chose it.
    Chosen,
}

/// Decodes a file chunk by chunk; characters split across chunks are
/// carried over, so chunk boundaries never corrupt text.
pub struct StreamDecoder {
    encoding: &'static Encoding,
    evidence: Evidence,
    /// UTF-8 fast path: bytes of a character split across chunks.
    carry: Vec<u8>,
    /// Every other encoding (and UTF-16).
    decoder: Option<Decoder>,
    bom: usize,
    replaced: usize,
}

impl std::fmt::Debug for StreamDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamDecoder").field("encoding", &self.encoding.name()).finish()
    }
}

/// Invalid sequences and valid multi-byte characters in a UTF-8 reading of
/// `bytes` (an incomplete character at the very end is neither).
fn utf8_evidence(bytes: &[u8]) -> (usize, usize) {
    let (mut invalid, mut multibyte) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                multibyte += text.bytes().filter(|b| *b >= 0xC0).count();
                return (invalid, multibyte);
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                multibyte += valid.iter().filter(|b| **b >= 0xC0).count();
                match e.error_len() {
                    None => return (invalid, multibyte),
                    Some(n) => {
                        invalid += 1;
                        rest = &after[n..];
                    }
                }
            }
        }
    }
}

impl StreamDecoder {
    /// Detect the encoding from the file's first chunk: BOM, UTF-16
    /// pattern, UTF-8 validity (a few stray bytes among many valid UTF-8
    /// characters keep it UTF-8), else the statistical detector.
    pub fn detect(first: &[u8]) -> StreamDecoder {
        if let Some((encoding, bom)) = Encoding::for_bom(first) {
            return StreamDecoder::new(encoding, Evidence::Bom, bom);
        }
        if looks_like_utf16(first, true) {
            return StreamDecoder::new(UTF_16LE, Evidence::Utf16Pattern, 0);
        }
        if looks_like_utf16(first, false) {
            return StreamDecoder::new(UTF_16BE, Evidence::Utf16Pattern, 0);
        }
        let (invalid, multibyte) = utf8_evidence(first);
        // One bad byte in an otherwise UTF-8 file does not make it another
        // encoding: legacy text has (nearly) no valid multi-byte sequences.
        if invalid == 0 || (multibyte >= 4 && invalid * 20 <= multibyte) {
            return StreamDecoder::new(UTF_8, Evidence::ValidUtf8, 0);
        }
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(first, false);
        let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
        StreamDecoder::new(guess, Evidence::Detected, 0)
    }

    /// Decode as `label` (an encoding label such as `windows-1251`), as
    /// chosen by the user; `None` when the label names no encoding.
    pub fn forced(label: &str, first: &[u8]) -> Option<StreamDecoder> {
        let encoding = Encoding::for_label(label.trim().as_bytes())?;
        let bom = Encoding::for_bom(first).filter(|(e, _)| *e == encoding).map_or(0, |(_, n)| n);
        Some(StreamDecoder::new(encoding, Evidence::Chosen, bom))
    }

    fn new(encoding: &'static Encoding, evidence: Evidence, bom: usize) -> StreamDecoder {
        let decoder = (encoding != UTF_8).then(|| encoding.new_decoder_without_bom_handling());
        StreamDecoder { encoding, evidence, carry: Vec::new(), decoder, bom, replaced: 0 }
    }

    /// Name of the encoding (`UTF-8`, `windows-1251`, `Shift_JIS`…).
    pub fn encoding(&self) -> &'static str {
        self.encoding.name()
    }

    /// How the encoding was decided.
    pub fn evidence(&self) -> Evidence {
        self.evidence
    }

    /// Invalid byte sequences replaced by U+FFFD so far.
    pub fn replaced(&self) -> usize {
        self.replaced
    }

    /// A decoder as this one was before reading anything (for a second
    /// look at the file's start).
    pub fn fresh(&self) -> StreamDecoder {
        StreamDecoder::new(self.encoding, self.evidence, self.bom)
    }

    /// A decoder of this encoding for a range of the file that starts just
    /// after a line break, for a reader working beside this one; `None`
    /// when a range cannot be decoded on its own: UTF-16 (a `\n` byte may be
    /// half a character) and ISO-2022-JP (escapes switch state across lines).
    /// In every other encoding `encoding_rs` knows, a `\n` byte is always a
    /// line break and nothing is pending after it.
    pub fn for_range(&self) -> Option<StreamDecoder> {
        StreamDecoder::for_range_of(self.encoding.name())
    }

    /// [`StreamDecoder::for_range`] of the encoding named `label`.
    pub fn for_range_of(label: &str) -> Option<StreamDecoder> {
        let encoding = Encoding::for_label(label.trim().as_bytes())?;
        encoding.is_ascii_compatible().then(|| StreamDecoder::new(encoding, Evidence::Chosen, 0))
    }

    /// Whether part of a character is held back, waiting for the next bytes.
    pub fn mid_character(&self) -> bool {
        !self.carry.is_empty()
    }

    /// Decode a chunk, appending to `out`.
    pub fn decode(&mut self, chunk: &[u8], out: &mut String) {
        let skip = std::mem::take(&mut self.bom).min(chunk.len());
        let chunk = &chunk[skip..];
        match &mut self.decoder {
            Some(decoder) => self.replaced += decode_with(decoder, chunk, out, false),
            None => self.decode_utf8(chunk, out),
        }
    }

    fn decode_utf8(&mut self, chunk: &[u8], out: &mut String) {
        let joined;
        let bytes: &[u8] = if self.carry.is_empty() {
            chunk
        } else {
            let mut b = std::mem::take(&mut self.carry);
            b.extend_from_slice(chunk);
            joined = b;
            &joined
        };
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    out.push_str(text);
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    // Validated just above.
                    out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                    match e.error_len() {
                        // Incomplete character at the end: wait for the next chunk.
                        None => {
                            self.carry = after.to_vec();
                            break;
                        }
                        // A stray byte in a UTF-8 file: U+FFFD, counted for the report.
                        Some(n) => {
                            out.push(char::REPLACEMENT_CHARACTER);
                            self.replaced += 1;
                            rest = &after[n..];
                        }
                    }
                }
            }
        }
    }

    /// Flush what is left at the end of the file.
    pub fn finish(&mut self, out: &mut String) {
        match &mut self.decoder {
            Some(decoder) => self.replaced += decode_with(decoder, &[], out, true),
            None => {
                if !std::mem::take(&mut self.carry).is_empty() {
                    out.push(char::REPLACEMENT_CHARACTER);
                    self.replaced += 1;
                }
            }
        }
    }
}

/// Decode `src` onto `out` with an `encoding_rs` decoder, growing `out`
/// as needed; returns how many replacement characters the bytes produced.
fn decode_with(decoder: &mut Decoder, mut src: &[u8], out: &mut String, last: bool) -> usize {
    let before = out.len();
    let mut had_errors = false;
    loop {
        out.reserve(decoder.max_utf8_buffer_length(src.len()).unwrap_or(src.len() * 3 + 16).max(16));
        let (result, read, errors) = decoder.decode_to_string(src, out, last);
        had_errors |= errors;
        src = &src[read..];
        if result == encoding_rs::CoderResult::InputEmpty {
            break;
        }
    }
    if had_errors {
        out[before..].matches(char::REPLACEMENT_CHARACTER).count().max(1)
    } else {
        0
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

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], chunk: usize) -> (String, &'static str, usize) {
        let mut d = StreamDecoder::detect(&bytes[..bytes.len().min(chunk)]);
        let mut out = String::new();
        for c in bytes.chunks(chunk) {
            d.decode(c, &mut out);
        }
        d.finish(&mut out);
        (out, d.encoding(), d.replaced())
    }

    #[test]
    fn one_stray_byte_keeps_a_utf8_file_utf8() {
        let mut text = "name,city\n".to_string();
        for _ in 0..20 {
            text.push_str("Müller GmbH,Zürich\n");
        }
        let mut bytes = text.into_bytes();
        bytes.extend_from_slice(b"Bad \xFF byte,Bern\n");
        let (out, encoding, replaced) = decode_all(&bytes, 64 * 1024);
        assert_eq!(encoding, "UTF-8");
        assert_eq!(replaced, 1);
        assert!(out.contains("Müller GmbH"));
        assert!(out.contains("Bad \u{FFFD} byte"));
    }

    #[test]
    fn characters_split_across_chunks_survive() {
        let text = "Société Générale;Ærøskøbing;東京\n".repeat(50);
        for chunk in [1, 2, 3, 7, 64] {
            let (out, _, replaced) = decode_all(text.as_bytes(), chunk.max(40));
            assert_eq!(out, text, "chunk {chunk}");
            assert_eq!(replaced, 0);
        }
    }

    #[test]
    fn cyrillic_windows_1251_is_detected() {
        let text = "Название,Стадия,Сумма\nПоставка оборудования,Сделка успешна,150000\nМонтаж панелей,Сделка провалена,84000\nРасчет дверных блоков,Новая,12000\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let (out, encoding, _) = decode_all(&bytes, 4096);
        assert_eq!(encoding, "windows-1251");
        assert_eq!(out, text);
    }

    #[test]
    fn a_chosen_encoding_wins() {
        let (bytes, _, _) = encoding_rs::KOI8_R.encode("Сделка,Сумма\nПоставка,100\n");
        let mut d = StreamDecoder::forced("koi8-r", &bytes).unwrap();
        let mut out = String::new();
        d.decode(&bytes, &mut out);
        d.finish(&mut out);
        assert_eq!(out, "Сделка,Сумма\nПоставка,100\n");
        assert_eq!(d.evidence(), Evidence::Chosen);
        assert!(StreamDecoder::forced("no-such-encoding", &bytes).is_none());
    }
}
