//! Which way text runs: a paragraph's direction, brackets mirrored in right-to-left runs, and
//! right-to-left text set apart for the command line, whose lines (like the window's lists)
//! mix English with Hebrew or Arabic quotations.

use std::borrow::Cow;

use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

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

/// Whether the paragraph `text` runs right to left: its first strong character is a
/// right-to-left one (UAX #9, rules P2 and P3).
pub fn is_right_to_left(text: &str) -> bool {
    // Text of isolates (LRI, RLI, FSI up to their PDI) is passed over, as rule P2 says.
    let mut isolated = 0usize;
    for c in text.chars() {
        match bidi_class(c) {
            BidiClass::LRI | BidiClass::RLI | BidiClass::FSI => isolated += 1,
            BidiClass::PDI => isolated = isolated.saturating_sub(1),
            BidiClass::L if isolated == 0 => return false,
            BidiClass::R | BidiClass::AL if isolated == 0 => return true,
            BidiClass::B => return false,
            _ => {}
        }
    }
    false
}

/// The text to lay out for `text`: each mirrored character (brackets, guillemets, `<`…)
/// that the bidirectional algorithm puts in a right-to-left run replaced by its mirror image
/// (UAX #9, rule L4), code point for code point, so offsets are unchanged. `None` when there
/// is nothing to mirror.
pub fn mirrored(text: &str) -> Option<String> {
    if !has_right_to_left(text) || !text.chars().any(unicode_bidi_mirroring::is_mirroring) {
        return None;
    }
    let bidi = BidiInfo::new(text, None);
    Some(
        text.char_indices()
            .map(|(byte, c)| {
                let rtl = bidi.levels.get(byte).is_some_and(Level::is_rtl);
                rtl.then(|| unicode_bidi_mirroring::get_mirrored(c))
                    .flatten()
                    .unwrap_or(c)
            })
            .collect(),
    )
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
    use super::{has_right_to_left, is_right_to_left, isolated, mirrored};

    #[test]
    fn brackets_in_right_to_left_runs_are_mirrored_one_for_one() {
        let text = "Ana said «שלום (עולם)» and (so)";
        let shown = mirrored(text).unwrap_or_default();
        assert_eq!(shown.chars().count(), text.chars().count());
        assert_eq!(shown, "Ana said «שלום )עולם(» and (so)");
        assert_eq!(mirrored("Ana (so)"), None);
    }

    #[test]
    fn the_first_strong_character_gives_the_direction() {
        assert!(is_right_to_left("«שלום», said Ana"));
        assert!(!is_right_to_left("Ana said «שלום»"));
        assert!(is_right_to_left("2024 قال الوزير"));
        assert!(!is_right_to_left("2024"));
        assert!(has_right_to_left("Ana said «שלום»"));
        assert!(!has_right_to_left("Ana said 2024"));
        // Digits the shaper runs right to left.
        assert!(has_right_to_left("١٢٣"));
    }

    #[test]
    fn only_right_to_left_text_is_isolated() {
        assert_eq!(isolated("Jeff Sessions"), "Jeff Sessions");
        assert_eq!(isolated("נועה כהן"), "\u{2068}נועה כהן\u{2069}");
        assert_eq!(isolated("قال 2024"), "\u{2068}قال 2024\u{2069}");
    }
}
