//! Glyphs as a PDF draws them. `pdf-extract` runs each page's content stream and decodes its
//! fonts; this collects what each glyph says, where it stands and how large it is, page by
//! page, top-down, within a budget.

use std::time::{Duration, Instant};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::PdfError;

/// Most glyphs read from one document: about a thousand pages of dense text.
const MAX_GLYPHS: usize = 4_000_000;
/// Longest a document may take to read.
const MAX_TIME: Duration = Duration::from_secs(20);

/// One glyph: its text and its box on the page, in points, y growing downwards.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Glyph {
    /// What it says: usually one character, a ligature's several, or a space.
    pub text: String,
    /// Left edge.
    pub x: f32,
    /// Right edge: where the next glyph would start.
    pub end: f32,
    /// The baseline.
    pub baseline: f32,
    /// The font size as drawn.
    pub size: f32,
}

impl Glyph {
    /// Whether it draws nothing: a space, or an invisible character such as a soft hyphen
    /// a browser wrote as a space of no width.
    pub fn is_blank(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// One page's glyphs, in the order the page draws them.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// Its glyphs.
    pub glyphs: Vec<Glyph>,
}

/// `pdf-extract`'s output device, keeping every upright glyph on the page.
pub(super) struct Collector {
    pub pages: Vec<Page>,
    origin: (f64, f64),
    count: usize,
    started: Instant,
    /// Why reading stopped early, when it did.
    pub stopped: Option<PdfError>,
}

impl Collector {
    pub fn new() -> Self {
        Self {
            pages: Vec::new(),
            origin: (0.0, 0.0),
            count: 0,
            started: Instant::now(),
            stopped: None,
        }
    }

    fn stop(&mut self, why: PdfError) -> Result<(), OutputError> {
        self.stopped = Some(why);
        Err(OutputError::FormatError(std::fmt::Error))
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        let (left, right) = ordered(media_box.llx, media_box.urx);
        let (bottom, top) = ordered(media_box.lly, media_box.ury);
        self.origin = (left, top);
        #[expect(clippy::cast_possible_truncation, reason = "page sizes are small")]
        self.pages.push(Page {
            width: (right - left) as f32,
            height: (top - bottom) as f32,
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if self.started.elapsed() > MAX_TIME {
            return self.stop(PdfError::TooComplex("it takes too long to read"));
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.count += 1;
        if self.count > MAX_GLYPHS {
            return self.stop(PdfError::TooComplex("it has too many characters"));
        }
        // Text turned on its side or mirrored (a watermark, a label up the margin) has no
        // place in the reading order.
        let upright = trm.m11 > 0.0
            && trm.m22 > 0.0
            && trm.m12.abs() <= trm.m11 * 0.01
            && trm.m21.abs() <= trm.m22 * 0.01;
        let size = font_size.abs() * trm.m22;
        if !upright || !size.is_finite() || size < 0.5 || text.is_empty() {
            return Ok(());
        }
        let x = trm.m31 - self.origin.0;
        let baseline = self.origin.1 - trm.m32;
        let advance = (width * font_size.abs() * trm.m11).max(0.0);
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        let inside = |v: f64, max: f32| v.is_finite() && v >= -1.0 && v <= f64::from(max) + 1.0;
        if !inside(x, page.width) || !inside(baseline, page.height) {
            return Ok(());
        }
        #[expect(clippy::cast_possible_truncation, reason = "positions on a page")]
        page.glyphs.push(Glyph {
            text: text.to_owned(),
            x: x as f32,
            end: (x + advance.min(size * 4.0)) as f32,
            baseline: baseline as f32,
            size: size as f32,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

fn ordered(a: f64, b: f64) -> (f64, f64) {
    if a <= b { (a, b) } else { (b, a) }
}
