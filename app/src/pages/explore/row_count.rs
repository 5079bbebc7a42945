//! Counts the rows of an export as its bytes stream in, for the progress
//! line. A CSV cell may hold line breaks inside quotes (a multi-line log
//! message), so only breaks outside quotes end a row; NDJSON escapes them.

#[derive(Debug, Default)]
pub struct RowCount {
    csv: bool,
    in_quotes: bool,
    lines: u64,
}

impl RowCount {
    pub fn new(csv: bool) -> Self {
        Self {
            csv,
            ..Self::default()
        }
    }

    /// Reads the next chunk; chunks may split anywhere.
    pub fn feed(&mut self, bytes: &[u8]) {
        for b in bytes {
            match b {
                // `""` inside a quoted cell flips twice: no net change.
                b'"' if self.csv => self.in_quotes = !self.in_quotes,
                b'\n' if !self.in_quotes => self.lines += 1,
                _ => {}
            }
        }
    }

    /// Data rows so far (a CSV's header line is not one).
    pub fn rows(&self) -> u64 {
        if self.csv {
            self.lines.saturating_sub(1)
        } else {
            self.lines
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_inside_quoted_cells_do_not_count() {
        let csv = "time,message\r\n1,\"two\r\nlines, \"\"quoted\"\"\"\r\n2,plain\r\n";
        let mut whole = RowCount::new(true);
        whole.feed(csv.as_bytes());
        assert_eq!(whole.rows(), 2);
        let mut split = RowCount::new(true);
        for chunk in csv.as_bytes().chunks(3) {
            split.feed(chunk);
        }
        assert_eq!(split.rows(), 2, "the same however the stream is cut");
        let mut nd = RowCount::new(false);
        nd.feed(b"{\"m\":\"a\\nb \\\"q\\\"\"}\n{\"m\":\"c\"}\n");
        assert_eq!(nd.rows(), 2);
    }
}
