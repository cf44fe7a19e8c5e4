//! A zip archive of stored (uncompressed) entries — all a .pptx needs
//! (Open Packaging Conventions allow stored parts; the pictures are PNGs,
//! compressed already). Written here rather than with the `zip` crate:
//! its writer links every compressor the workspace enables (calamine's
//! deflate and zopfli), so the PowerPoint feature grew the page bundle by
//! 87.8 KB brotli (440,292 → 528,044 bytes) even with stored entries; with
//! this writer the whole feature (writer, XML parts, deck, brand) costs
//! 22.6 KB (→ 462,899). The tests read the archive back with the `zip`
//! crate and open the deck with python-pptx (LibreOffice was tried too).
//!
//! Layout (APPNOTE 6.3.x): a local header and the bytes of each entry, then
//! the central directory, then its end record. Names are UTF-8 (flag bit
//! 11); dates are the format's epoch (1980-01-01), so the same deck gives
//! the same bytes. No zip64: at most 65,535 entries and 4 GiB.

/// CRC-32 (IEEE 802.3, reflected) lookup table, built at compile time.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// CRC-32 of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |c, &b| CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
}

/// DOS date of 1980-01-01 (the format's epoch); time 00:00.
const DOS_DATE: u16 = (1 << 5) | 1;

/// An archive being written.
#[derive(Default)]
pub struct StoredZip {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

fn u16le(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn u32le(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

impl StoredZip {
    /// Add an entry.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<(), String> {
        let too_big = || "the deck is too large for a zip without zip64 (4 GiB, 65,535 parts)".to_string();
        let offset = u32::try_from(self.out.len()).map_err(|_| too_big())?;
        let size = u32::try_from(data.len()).map_err(|_| too_big())?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_big())?;
        self.entries = self.entries.checked_add(1).ok_or_else(too_big)?;
        let crc = crc32(data);
        // Local file header.
        u32le(&mut self.out, 0x0403_4b50);
        for x in [20, 0x0800, 0, 0, DOS_DATE] {
            u16le(&mut self.out, x); // version needed, flags (UTF-8), stored, time, date
        }
        for x in [crc, size, size] {
            u32le(&mut self.out, x);
        }
        u16le(&mut self.out, name_len);
        u16le(&mut self.out, 0);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);
        // Its central directory record.
        u32le(&mut self.central, 0x0201_4b50);
        for x in [20, 20, 0x0800, 0, 0, DOS_DATE] {
            u16le(&mut self.central, x); // made by, needed, flags, stored, time, date
        }
        for x in [crc, size, size] {
            u32le(&mut self.central, x);
        }
        for x in [name_len, 0, 0, 0, 0] {
            u16le(&mut self.central, x); // name, extra, comment, disk, internal attributes
        }
        u32le(&mut self.central, 0); // external attributes
        u32le(&mut self.central, offset);
        self.central.extend_from_slice(name.as_bytes());
        if self.out.len() + self.central.len() > u32::MAX as usize {
            return Err(too_big());
        }
        Ok(())
    }

    /// The finished archive.
    pub fn finish(mut self) -> Vec<u8> {
        let (cd_offset, cd_size) = (self.out.len() as u32, self.central.len() as u32);
        self.out.extend_from_slice(&self.central);
        u32le(&mut self.out, 0x0605_4b50);
        for x in [0, 0, self.entries, self.entries] {
            u16le(&mut self.out, x);
        }
        u32le(&mut self.out, cd_size);
        u32le(&mut self.out, cd_offset);
        u16le(&mut self.out, 0);
        self.out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn crc32_of_the_check_string() {
        assert_eq!(super::crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(super::crc32(b""), 0);
    }
}
