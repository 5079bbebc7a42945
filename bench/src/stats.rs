//! Timing side by side: the two sides alternate, so machine noise hits both.

use std::future::Future;
use std::time::{Duration, Instant};

pub struct Timings {
    pub direct: Vec<Duration>,
    pub lookout: Vec<Duration>,
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl Timings {
    /// Runs `warmup` unmeasured rounds, then `rounds` alternating pairs.
    pub async fn measure<D, L, FD, FL>(
        rounds: usize,
        warmup: usize,
        mut direct: D,
        mut lookout: L,
    ) -> anyhow::Result<Self>
    where
        D: FnMut() -> FD,
        L: FnMut() -> FL,
        FD: Future<Output = anyhow::Result<()>>,
        FL: Future<Output = anyhow::Result<()>>,
    {
        for _ in 0..warmup {
            direct().await?;
            lookout().await?;
        }
        let mut t = Timings {
            direct: Vec::new(),
            lookout: Vec::new(),
        };
        for i in 0..rounds {
            // Alternate which side goes first, so neither always runs warm.
            let order = [i % 2 == 0, i % 2 != 0];
            for first in order {
                let started = Instant::now();
                if first {
                    direct().await?
                } else {
                    lookout().await?
                }
                let took = started.elapsed();
                if first {
                    t.direct.push(took)
                } else {
                    t.lookout.push(took)
                }
            }
        }
        t.direct.sort();
        t.lookout.sort();
        Ok(t)
    }

    pub fn report(&self, name: &str, target: f64) {
        for (label, p) in [("p50", 0.5), ("p95", 0.95)] {
            let (d, l) = (pct(&self.direct, p), pct(&self.lookout, p));
            row(
                &format!("{name} {label}"),
                &format!("{:.1} ms", ms(d)),
                &format!("{:.1} ms", ms(l)),
                ms(l) / ms(d),
                target,
            );
        }
    }
}

/// One line of `bench/REPORT.md`: `ROW | figure | baseline | Lookout |
/// ratio | target | verdict`, collected by `bench/run.sh`.
pub fn row(figure: &str, baseline: &str, lookout: &str, ratio: f64, target: f64) {
    let verdict = if ratio <= target { "met" } else { "missed" };
    println!("ROW | {figure} | {baseline} | {lookout} | {ratio:.3} | ≤ {target} | {verdict} |");
}
