//! An Excel workbook (xlsx) for the people who open exports in a spreadsheet: the CSV's columns
//! and rows, every cell written as text. A spreadsheet reads a CSV cell that starts with `=`,
//! `+`, `-` or `@` as a formula; a text cell it shows as it is, so a note `=HYPERLINK(…)` stays
//! words. (The CSV itself stays exact: its contract is `text[start:end]`.)

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use super::csv::{HEADER, rows};
use super::{ExportError, Source};

/// The most characters a spreadsheet cell holds.
const CELL_LIMIT: usize = 32_767;

/// Column widths, in characters, for the columns of [`HEADER`]: the words, the note and the title
/// wide, the numbers narrow.
const WIDTHS: [f64; 19] = [
    6.0, 12.0, 14.0, 8.0, 8.0, 60.0, 20.0, 12.0, 40.0, 16.0, 30.0, 20.0, 14.0, 8.0, 40.0, 40.0,
    16.0, 20.0, 30.0,
];

pub(super) fn write(sources: &[Source<'_>]) -> Result<Vec<u8>, ExportError> {
    let encode = |e: XlsxError| ExportError::Encode(e.to_string());
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Annotations").map_err(encode)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (column, (name, width)) in HEADER.iter().zip(WIDTHS).enumerate() {
        let column = u16::try_from(column).unwrap_or(u16::MAX);
        sheet
            .write_string_with_format(0, column, *name, &bold)
            .map_err(encode)?;
        sheet.set_column_width(column, width).map_err(encode)?;
    }
    let mut last_row = 0;
    for (n, row) in rows(sources).enumerate() {
        let at = u32::try_from(n + 1).map_err(|_| too_many_rows())?;
        for (column, cell) in row.iter().enumerate() {
            if cell.chars().count() > CELL_LIMIT {
                return Err(ExportError::CellTooLong {
                    annotation: row[0].clone(),
                    column: HEADER[column],
                });
            }
            let column = u16::try_from(column).unwrap_or(u16::MAX);
            sheet
                .write_string_with_format(at, column, cell, &wrap)
                .map_err(|e| match e {
                    XlsxError::RowColumnLimitError => too_many_rows(),
                    e => encode(e),
                })?;
        }
        last_row = at;
    }
    sheet.set_freeze_panes(1, 0).map_err(encode)?;
    let last_column = u16::try_from(HEADER.len() - 1).unwrap_or(u16::MAX);
    sheet
        .autofilter(0, 0, last_row, last_column)
        .map_err(encode)?;
    workbook.save_to_buffer().map_err(encode)
}

fn too_many_rows() -> ExportError {
    ExportError::TooManyRows
}
