//! A compact binary form of a [`Dataset`], so the ingest worker can hand a
//! million deals to the page as one transferable buffer instead of
//! millions of JavaScript objects. Little-endian, versioned, and checked:
//! a truncated or foreign buffer is an error, never a panic.

use super::dataset::{ActorType, Dataset, Deal, Interner, RosterEntry, Touch};
use super::date::Day;

const MAGIC: &[u8; 4] = b"PADS";
const VERSION: u8 = 3;
const NONE: u32 = u32::MAX;
/// Bytes of one encoded deal: id, amount, created, close, flags, seven
/// optional strings, the influencer range, term, line.
const DEAL_BYTES: usize = 4 + 8 + 4 + 4 + 1 + 7 * 4 + 4 + 4 + 4 + 8;

/// Encode everything but the data-quality report (sent beside it).
pub fn encode(data: &Dataset) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(64 + data.deals.len() * 80));
    w.0.extend_from_slice(MAGIC);
    w.0.push(VERSION);
    w.u32(data.strings.len() as u32);
    for name in data.strings.names() {
        w.str(name);
    }
    w.str(&data.currency);
    w.u32(data.deals.len() as u32);
    for d in &data.deals {
        w.u32(d.id);
        w.i64(d.amount_cents);
        w.i32(d.created.map_or(i32::MIN, |c| c.0));
        w.i32(d.close.map_or(i32::MIN, |c| c.0));
        w.0.push(u8::from(d.closed) | (u8::from(d.won) << 1));
        for sym in [d.sourcing, d.partner_type, d.deal_type, d.segment, d.account, d.owner, d.lead_source] {
            w.u32(sym.unwrap_or(NONE));
        }
        w.u32(d.influencers.start);
        w.u32(d.influencers.end);
        w.u32(d.term_months.map_or(u32::MAX, f32::to_bits));
        w.u64(d.line);
    }
    w.u32(data.influencers.len() as u32);
    for &s in &data.influencers {
        w.u32(s);
    }
    match &data.touches {
        None => w.0.push(0),
        Some(touches) => {
            w.0.push(1);
            w.u32(touches.len() as u32);
            for t in touches {
                w.u32(t.deal);
                w.i32(t.date.0);
                w.u32(t.actor);
                w.0.push(t.actor_type as u8);
                w.u32(t.touch_type.unwrap_or(NONE));
            }
        }
    }
    w.u32(data.attached.len() as u32);
    for &(deal, partner) in &data.attached {
        w.u32(deal);
        w.u32(partner);
    }
    w.u32(data.roster.len() as u32);
    for e in &data.roster {
        w.u32(e.partner);
        w.u32(e.partner_type.unwrap_or(NONE));
        w.u32(e.tier.unwrap_or(NONE));
        w.i32(e.start.map_or(i32::MIN, |d| d.0));
    }
    // Stage history, ARR and installs: small beside the deals, so as JSON.
    w.str(&serde_json::to_string(&data.accounts).unwrap_or_default());
    w.str(&data.warehouse.as_ref().map(|w| serde_json::to_string(w).unwrap_or_default()).unwrap_or_default());
    w.u32(data.weights.len() as u32);
    for &weight in &data.weights {
        w.u32(weight);
    }
    w.0
}

/// Decode a buffer made by [`encode`].
pub fn decode(bytes: &[u8]) -> Result<Dataset, String> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != MAGIC || r.take(1)?[0] != VERSION {
        return Err("not a data set from this version of the app".into());
    }
    let count = r.u32()? as usize;
    // The strings go straight into one buffer (no allocation per string).
    let mut text = Vec::new();
    let mut ends = Vec::with_capacity(count.min(bytes.len() / 4));
    for _ in 0..count {
        let n = r.u32()? as usize;
        text.extend_from_slice(r.take(n)?);
        ends.push(text.len());
    }
    let text = String::from_utf8(text).map_err(|_| "a string is not UTF-8".to_string())?;
    let strings = Interner::from_parts(text, ends)?;
    let symbols = count as u32;
    let sym = |v: u32| -> Result<Option<u32>, String> {
        match v {
            NONE => Ok(None),
            s if s < symbols => Ok(Some(s)),
            _ => Err("a string reference is out of range".into()),
        }
    };
    let currency = r.str()?;
    let deal_count = r.u32()? as usize;
    // Deals are fixed-size records: the block is bounds-checked once, then
    // each field read at its offset (a million deals decode in one pass).
    let block = r.take(deal_count.checked_mul(DEAL_BYTES).ok_or("the data set is truncated")?)?;
    let mut deals = Vec::with_capacity(deal_count);
    for record in block.chunks_exact(DEAL_BYTES) {
        let record: &[u8; DEAL_BYTES] = record.try_into().map_err(|_| "the data set is truncated")?;
        let u32_at = |at: usize| u32::from_le_bytes([record[at], record[at + 1], record[at + 2], record[at + 3]]);
        let day_at = |at: usize| Some(u32_at(at) as i32).filter(|&d| d != i32::MIN).map(Day);
        let mut opt = [None; 7];
        for (k, slot) in opt.iter_mut().enumerate() {
            *slot = sym(u32_at(21 + 4 * k))?;
        }
        let mut amount = [0u8; 8];
        amount.copy_from_slice(&record[4..12]);
        let mut line = [0u8; 8];
        line.copy_from_slice(&record[61..69]);
        let flags = record[20];
        deals.push(Deal {
            id: sym(u32_at(0))?.ok_or("a deal has no id")?,
            amount_cents: i64::from_le_bytes(amount),
            created: day_at(12),
            close: day_at(16),
            closed: flags & 1 != 0,
            won: flags & 2 != 0,
            sourcing: opt[0],
            influencers: u32_at(49)..u32_at(53),
            partner_type: opt[1],
            deal_type: opt[2],
            segment: opt[3],
            account: opt[4],
            owner: opt[5],
            lead_source: opt[6],
            term_months: Some(u32_at(57)).filter(|&b| b != u32::MAX).map(f32::from_bits),
            line: u64::from_le_bytes(line),
        });
    }
    let pool_len = r.u32()? as usize;
    let mut influencers = Vec::with_capacity(pool_len.min(bytes.len() / 4));
    for _ in 0..pool_len {
        influencers.push(sym(r.u32()?)?.ok_or("an influencer has no name")?);
    }
    if deals.iter().any(|d| d.influencers.start > d.influencers.end || d.influencers.end as usize > influencers.len()) {
        return Err("an influencer range is out of bounds".into());
    }
    let touches = match r.take(1)?[0] {
        0 => None,
        _ => {
            let n = r.u32()? as usize;
            let mut touches = Vec::with_capacity(n.min(bytes.len() / 17));
            for _ in 0..n {
                let deal = r.u32()?;
                if deal as usize >= deals.len() {
                    return Err("a touch names a deal out of range".into());
                }
                let date = Day(r.i32()?);
                let actor = sym(r.u32()?)?.ok_or("a touch has no actor")?;
                let actor_type = match r.take(1)?[0] {
                    0 => ActorType::Partner,
                    1 => ActorType::Partnerships,
                    2 => ActorType::Sales,
                    3 => ActorType::Marketing,
                    _ => ActorType::Other,
                };
                let touch_type = sym(r.u32()?)?;
                touches.push(Touch { deal, date, actor, actor_type, touch_type });
            }
            Some(touches)
        }
    };
    let n = r.u32()? as usize;
    let mut attached = Vec::with_capacity(n.min(bytes.len() / 8));
    for _ in 0..n {
        attached.push((r.u32()?, sym(r.u32()?)?.ok_or("an attachment has no partner")?));
    }
    let n = r.u32()? as usize;
    let mut roster = Vec::with_capacity(n.min(bytes.len() / 16));
    for _ in 0..n {
        let partner = sym(r.u32()?)?.ok_or("a roster entry has no partner")?;
        let (partner_type, tier) = (sym(r.u32()?)?, sym(r.u32()?)?);
        let start = Some(r.i32()?).filter(|&d| d != i32::MIN).map(Day);
        roster.push(RosterEntry { partner, partner_type, tier, start });
    }
    let accounts = serde_json::from_str(&r.str()?).map_err(|e| format!("the account files are damaged: {e}"))?;
    let warehouse = match r.str()? {
        text if text.is_empty() => None,
        text => Some(serde_json::from_str(&text).map_err(|e| format!("the warehouse counts are damaged: {e}"))?),
    };
    let n = r.u32()? as usize;
    if n != 0 && n != deals.len() {
        return Err("the deal weights do not match the deals".into());
    }
    let weights = (0..n).map(|_| r.u32()).collect::<Result<Vec<u32>, _>>()?;
    if r.at != bytes.len() {
        return Err("trailing bytes after the data set".into());
    }
    Ok(Dataset {
        strings,
        deals,
        influencers,
        touches,
        currency,
        attached,
        roster,
        quality: Default::default(),
        accounts,
        weights,
        warehouse,
    })
}

struct Writer(Vec<u8>);

impl Writer {
    #[inline]
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    #[inline]
    fn i32(&mut self, v: i32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    #[inline]
    fn i64(&mut self, v: i64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    #[inline]
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    #[inline]
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or("the data set is truncated")?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    #[inline]
    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut a = [0; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    #[inline]
    fn u32(&mut self) -> Result<u32, String> {
        self.array().map(u32::from_le_bytes)
    }
    #[inline]
    fn i32(&mut self) -> Result<i32, String> {
        self.array().map(i32::from_le_bytes)
    }
    fn str(&mut self) -> Result<String, String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| "a string is not UTF-8".to_string())
    }
}
