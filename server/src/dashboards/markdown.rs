//! Text panels' Markdown, rendered on the server with `pulldown-cmark` and
//! sanitised with `ammonia`: no script, style or event attribute survives,
//! links keep only http(s) and relative URLs and open with `noopener`. The
//! result contains no inline styles, so it fits the page's CSP.

use std::collections::HashSet;

/// Largest Markdown text rendered.
pub const MAX_MARKDOWN: usize = 64 * 1024;

/// Safe HTML for `text`.
pub fn render(text: &str) -> Result<String, String> {
    if text.len() > MAX_MARKDOWN {
        return Err(format!(
            "The text is {} KiB; text panels hold at most {} KiB.",
            text.len() / 1024,
            MAX_MARKDOWN / 1024
        ));
    }
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let parser = pulldown_cmark::Parser::new_ext(text, options);
    let mut html = String::with_capacity(text.len() * 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    Ok(ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https"]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&html)
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_renders_and_nothing_runs() {
        let html =
            render("# Runbook\n\n*Call* [on-call](https://example.com/x) or [here](/d/host)")
                .unwrap();
        assert!(
            html.contains("<h1>Runbook</h1>") && html.contains("<em>Call</em>"),
            "{html}"
        );
        assert!(
            html.contains(r#"href="https://example.com/x""#) && html.contains(r#"href="/d/host""#)
        );
        assert!(html.contains("noopener"));
        for evil in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<a href=\"jAvAsCrIpT:alert(1)\">x</a>",
            "<div style=\"background:url(x)\">s</div>",
            "<iframe src=\"https://evil\"></iframe>",
            "<svg><script>alert(1)</script></svg>",
        ] {
            let html = render(evil).unwrap().to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "javascript:",
                "data:",
                "style=",
                "<iframe",
                "<svg",
            ] {
                assert!(!html.contains(bad), "{evil:?} left {bad:?}: {html}");
            }
        }
        assert!(render(&"a".repeat(70_000))
            .unwrap_err()
            .contains("at most 64 KiB"));
    }
}
