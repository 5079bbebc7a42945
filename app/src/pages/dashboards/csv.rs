//! A panel's "CSV": the panel's data as a spreadsheet-safe CSV file.

use crate::components::chart::legend::series_name;
use crate::components::field_text;
use crate::components::panel::picture::log_columns;
use crate::model::dashboard::Panel;
use crate::model::timenav::iso_utc as iso;
use crate::model::QueryData;

/// One CSV cell: quoted when needed, and a leading `= + - @` (a formula to
/// a spreadsheet) defused with `'`, since log text is untrusted.
fn cell(s: &str) -> String {
    let s = match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if s.parse::<f64>().is_err() => format!("'{s}"),
        _ => s.to_owned(),
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn row(cells: &[String]) -> String {
    let mut line = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

/// The panel's answers as CSV: `series,time,value` for series and volumes,
/// `time,<columns>` for logs. Times are ISO UTC.
pub fn csv(panel: &Panel, data: &[(usize, String, QueryData)]) -> String {
    let mut out = String::new();
    let columns = log_columns(panel);
    for (i, ref_id, d) in data {
        match d {
            QueryData::Series { series, .. } => {
                if out.is_empty() {
                    out.push_str("series,time,value\n");
                }
                let legend = panel
                    .spec
                    .queries
                    .get(*i)
                    .and_then(|q| q.legend.clone())
                    .unwrap_or_default();
                for s in series.iter() {
                    let name = series_name(&s.labels, &legend);
                    for (t, v) in s.timestamps_ms.iter().zip(&s.values) {
                        out.push_str(&row(&[
                            name.clone(),
                            iso(*t),
                            v.map(|v| v.to_string()).unwrap_or_default(),
                        ]));
                    }
                }
            }
            QueryData::Histogram { buckets, .. } => {
                if out.is_empty() {
                    out.push_str("series,time,count\n");
                }
                for b in buckets {
                    out.push_str(&row(&[
                        ref_id.clone(),
                        iso(b.start_ms),
                        b.count.to_string(),
                    ]));
                }
            }
            QueryData::Logs { hits, .. } => {
                if out.is_empty() {
                    let mut head = vec!["time".to_owned()];
                    head.extend(columns.iter().cloned());
                    out.push_str(&row(&head));
                }
                for h in hits.iter() {
                    let mut cells = vec![h.timestamp_ms.map(iso).unwrap_or_default()];
                    cells.extend(columns.iter().map(|c| field_text(h, c)));
                    out.push_str(&row(&cells));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\"\nbye"), "\"say \"\"hi\"\"\nbye\"");
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(cell("-12.5"), "-12.5", "a negative number stays a number");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
    }
}
