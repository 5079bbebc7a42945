//! Annotations for the charts of a view.

mod list;

pub use list::{list_annotations, ListAnnotations};
