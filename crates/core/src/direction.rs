//! Which way text runs, for whatever shows an article's text outside its own pane: the
//! command line's lines and the lists mix English with Hebrew or Arabic quotations.

use std::borrow::Cow;

use unicode_bidi::{BidiClass, bidi_class};

/// Whether anything in `text` may be drawn right to left, by the bidirectional algorithm or by
/// the shaper: a right-to-left letter, an explicit right-to-left embedding, override or
/// isolate, or any character of a right-to-left script (the shaper runs Arabic-Indic and
/// Persian digits right to left, where the algorithm wants them left to right).
pub fn has_right_to_left(text: &str) -> bool {
    // Nothing before U+0590 (Hebrew) is right to left: most text is passed over without a
    // look-up, and text without a byte of such a character at once.
    text.bytes().any(|b| b >= 0xD6)
        && text.chars().any(|c| {
            c >= '\u{590}'
                && (matches!(u32::from(c),
                    0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x1_0800..=0x1_0FFF
                    | 0x1_E800..=0x1_EFFF)
                    || matches!(
                        bidi_class(c),
                        BidiClass::R
                            | BidiClass::AL
                            | BidiClass::AN
                            | BidiClass::RLE
                            | BidiClass::RLO
                            | BidiClass::RLI
                    ))
        })
}

/// `text` set apart from the words around it by Unicode's first-strong isolate (U+2068 …
/// U+2069), when anything in it runs right to left, so that a terminal or viewer applying the
/// bidirectional algorithm shows a Hebrew quotation or speaker's name whole, in its own order,
/// and leaves the English, numbers and brackets around it where they are (UAX #9, section
/// 6.3). Text with nothing right to left comes back as it is.
pub fn isolated(text: &str) -> Cow<'_, str> {
    if has_right_to_left(text) {
        Cow::Owned(format!("\u{2068}{text}\u{2069}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::isolated;

    #[test]
    fn only_right_to_left_text_is_isolated() {
        assert_eq!(isolated("Jeff Sessions"), "Jeff Sessions");
        assert_eq!(isolated("נועה כהן"), "\u{2068}נועה כהן\u{2069}");
        assert_eq!(isolated("قال 2024"), "\u{2068}قال 2024\u{2069}");
    }
}
