//! A fast reader for the one answer that is big: a range query's `matrix`,
//! byte for byte as Prometheus writes it:
//!
//! ```json
//! {"status":"success","data":{"resultType":"matrix","result":[
//!   {"metric":{"instance":"a"},"values":[[1795788000,"0.5"],…]},…]}…
//! ```
//!
//! Why: the general reader (`result.rs`, serde) spent about 20 ms on the
//! 5.9 MB answer of 50 series × a day at 15 s, most of what Lookout added
//! to Prometheus' own time. This one scans the samples by hand (timestamps
//! as integers, values with the same float parse) in a fraction of that,
//! and it reads the answer *while it downloads* ([`Stream::feed`] per
//! chunk), so most of the reading overlaps the transfer.
//!
//! It reads nothing it is unsure of: any other shape (whitespace, another
//! key order, escapes in a value, a finer timestamp than a millisecond,
//! native histograms, a `warnings` before `data`…) gives `None`, and the
//! general reader reads the answer. Property tests check that both read
//! the same series from the same answer, however it is cut into chunks.

mod reader;

use app::model::Series;

#[cfg(test)]
use reader::decimal;
use reader::Reader;

const HEAD: &[u8] = br#"{"status":"success","data":{"resultType":"matrix","result":["#;

/// The series of a matrix answer in Prometheus' own layout, or `None`.
pub fn matrix(body: &[u8]) -> Option<Vec<Series>> {
    let mut s = Stream::default();
    s.feed(body);
    s.finish()
}

/// Where the reader is: each state is the start of one step, redone whole
/// when a chunk ends inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    #[default]
    Head,
    /// `{"metric":{…},"values":[`
    Item,
    /// `[t,"v"]` and the `,` or `]` after it.
    Sample,
    /// `}` and the `,` or `]` after it.
    ItemEnd,
    /// Everything after the result array, checked at the end.
    Tail,
    Failed,
}

/// A matrix answer read chunk by chunk.
#[derive(Default)]
pub struct Stream {
    state: State,
    out: Vec<Series>,
    /// The series whose samples are being read.
    current: Option<Series>,
    /// The start of a step that a chunk boundary cut.
    carry: Vec<u8>,
    tail: Vec<u8>,
}

impl Stream {
    /// Reads what `chunk` completes; keeps the unfinished step for the next.
    pub fn feed(&mut self, chunk: &[u8]) {
        let mut chunk = chunk;
        // Finish the cut step first, from the carry plus as few new bytes
        // as it needs (a step is short; a label set may take a few rounds).
        while !self.carry.is_empty() && !chunk.is_empty() {
            let had = self.carry.len();
            let take = chunk.len().min(had.max(256));
            self.carry.extend_from_slice(&chunk[..take]);
            let carry = std::mem::take(&mut self.carry);
            let used = self.run(&carry);
            if used >= had {
                // The cut step is done: go on in the chunk itself.
                chunk = &chunk[used - had..];
                break;
            }
            self.carry = carry[used..].to_vec();
            chunk = &chunk[take..];
        }
        if self.carry.is_empty() {
            let used = self.run(chunk);
            self.carry = chunk[used..].to_vec();
        }
    }

    /// The series read whole so far (a series is added once its last
    /// sample is read), for work that can start before the answer ends.
    pub fn done(&self) -> &[Series] {
        &self.out
    }

    /// The series, if the whole answer was in the expected layout.
    pub fn finish(self) -> Option<Vec<Series>> {
        if self.state != State::Tail || !self.carry.is_empty() {
            return None;
        }
        // The end of `data`, then the end of the answer or its other
        // members (warnings, infos): not needed, but they must be valid
        // JSON, as the general reader requires.
        match self.tail.as_slice() {
            b"}}" => Some(self.out),
            // A member follows a comma (`{}` would accept a trailing comma).
            [b'}', b',', rest @ ..] if rest.first() == Some(&b'"') => {
                let mut others = Vec::with_capacity(rest.len() + 1);
                others.push(b'{');
                others.extend_from_slice(rest);
                serde_json::from_slice::<serde::de::IgnoredAny>(&others).ok()?;
                Some(self.out)
            }
            _ => None,
        }
    }

    /// Steps through `bytes` as far as they go; how many were used.
    fn run(&mut self, bytes: &[u8]) -> usize {
        let mut r = Reader::new(bytes);
        loop {
            if matches!(self.state, State::Tail) {
                self.tail.extend_from_slice(&bytes[r.i..]);
                return bytes.len();
            }
            let at = r.i;
            let next = self.step(&mut r);
            if r.starved {
                // A step cut short is redone whole with more bytes; the
                // sample step keeps the samples it finished and stops at
                // the start of the cut one.
                return if self.state == State::Sample { r.i } else { at };
            }
            match next {
                Some(next) => self.state = next,
                None => {
                    self.state = State::Failed;
                    return bytes.len();
                }
            }
        }
    }

    /// One step; its effect is applied only if it did not run out of bytes
    /// (samples: each one that was read whole).
    fn step(&mut self, r: &mut Reader) -> Option<State> {
        match self.state {
            State::Head => {
                r.literal(HEAD)?;
                Some(if r.eat(b']') {
                    State::Tail
                } else {
                    State::Item
                })
            }
            State::Item => {
                r.literal(br#"{"metric":{"#)?;
                let labels = r.labels()?;
                r.literal(br#","values":["#)?;
                let empty = r.eat(b']');
                if !r.starved {
                    let guess = self.out.last().map_or(0, |s| s.values.len());
                    self.current = Some(Series {
                        labels,
                        timestamps_ms: Vec::with_capacity(guess),
                        values: Vec::with_capacity(guess),
                    });
                }
                Some(if empty { State::ItemEnd } else { State::Sample })
            }
            State::Sample => {
                // Every sample of the series in one go: this is the loop
                // that reads the 288,000 samples of a 50-series day.
                let series = self.current.as_mut()?;
                loop {
                    let at = r.i;
                    let sample = r.sample();
                    if r.starved {
                        r.i = at;
                        return Some(State::Sample);
                    }
                    let (t, v, last) = sample?;
                    series.timestamps_ms.push(t);
                    series.values.push(v);
                    if last {
                        return Some(State::ItemEnd);
                    }
                }
            }
            State::ItemEnd => {
                r.expect(b'}')?;
                let last = r.eat(b']');
                if !last {
                    r.expect(b',')?;
                }
                self.out.push(self.current.take()?);
                Some(if last { State::Tail } else { State::Item })
            }
            State::Tail | State::Failed => None,
        }
    }
}

#[cfg(test)]
mod tests;
