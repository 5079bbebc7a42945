//! One home for building query text from values, so Explore, dashboards and
//! shared views escape the same way: [`promql`] (string content, regex
//! alternations, matchers), [`lucene`] (terms, phrases, filters) and
//! [`vars`] (dashboard variables substituted for their target language).

pub mod lucene;
pub mod promql;
pub mod vars;
