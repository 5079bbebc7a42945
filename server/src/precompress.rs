//! `lookout precompress [SITE]`: writes a `.br` (quality 11) and a `.gz`
//! (level 9) next to each compressible file of the built site, once, at
//! build time. The static-file handler serves them to browsers that accept
//! them, so the 3 MB wasm is never compressed per request, and compressed
//! far better than a per-request encoder can afford.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Files worth compressing: text and wasm.
const EXTENSIONS: [&str; 7] = ["wasm", "js", "css", "html", "svg", "json", "txt"];
/// Smaller files gain nothing from it.
const MIN_BYTES: u64 = 1024;

/// What was written: files, and bytes before and after (brotli).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub raw: u64,
    pub brotli: u64,
    pub gzip: u64,
}

/// Compresses every eligible file under `root` whose compressed copies are
/// missing or older than it.
pub fn run(root: &Path) -> anyhow::Result<Summary> {
    let mut sum = Summary::default();
    let mut files = Vec::new();
    walk(root, &mut files).with_context(|| format!("reading {}", root.display()))?;
    for file in files {
        let raw = fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        let br = with_suffix(&file, "br");
        let gz = with_suffix(&file, "gz");
        if stale(&file, &br) {
            let mut out = brotli::CompressorWriter::new(Vec::new(), 1 << 16, 11, 24);
            out.write_all(&raw)?;
            write(&br, &out.into_inner())?;
        }
        if stale(&file, &gz) {
            let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            out.write_all(&raw)?;
            write(&gz, &out.finish()?)?;
        }
        sum.files += 1;
        sum.raw += raw.len() as u64;
        sum.brotli += fs::metadata(&br)?.len();
        sum.gzip += fs::metadata(&gz)?.len();
    }
    Ok(sum)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if kind.is_file()
            && entry.metadata()?.len() >= MIN_BYTES
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// The copy is missing, or older than the file (a rebuild).
fn stale(file: &Path, copy: &Path) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(file), modified(copy)) {
        (Some(f), Some(c)) => c < f,
        _ => true,
    }
}

/// Written beside and renamed into place, so a server reading the site
/// never serves half a file.
fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = with_suffix(path, "tmp");
    fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn writes_both_copies_that_decode_to_the_file_and_skips_small_ones() {
        let dir = tempfile::tempdir().unwrap();
        let pkg = dir.path().join("pkg");
        fs::create_dir(&pkg).unwrap();
        let body = "function lookout() { return 42; }\n".repeat(200);
        fs::write(pkg.join("app.js"), &body).unwrap();
        fs::write(pkg.join("tiny.css"), "a{}").unwrap();
        fs::write(pkg.join("photo.png"), vec![7u8; 5000]).unwrap();
        let sum = run(dir.path()).unwrap();
        assert_eq!(sum.files, 1);
        assert!(
            sum.brotli < sum.raw / 10 && sum.gzip < sum.raw / 10,
            "{sum:?}"
        );

        let mut br = String::new();
        brotli::Decompressor::new(&fs::read(pkg.join("app.js.br")).unwrap()[..], 4096)
            .read_to_string(&mut br)
            .unwrap();
        let mut gz = String::new();
        flate2::read::GzDecoder::new(&fs::read(pkg.join("app.js.gz")).unwrap()[..])
            .read_to_string(&mut gz)
            .unwrap();
        assert_eq!((br.as_str(), gz.as_str()), (body.as_str(), body.as_str()));
        assert!(!pkg.join("tiny.css.br").exists() && !pkg.join("photo.png.gz").exists());
        assert_eq!(
            run(dir.path()).unwrap(),
            sum,
            "a second run changes nothing"
        );
    }
}
