//! The PDF page layout every PDF of Upskill is drawn with: A4 pages, headings, wrapped
//! paragraphs, aligned tables, bar, line and heat-map charts, and "Page i of n" footers.
//!
//! Content is first laid out as a list of drawing operations per page ([`Layout`]), so the
//! page count is known when the footers are drawn; [`Layout::finish`] then writes the PDF
//! with krilla. Text is real text in DejaVu Sans, embedded (subsetted) from the binary, so it
//! is selectable and `pdftotext` finds every figure. Nothing here knows about reports.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::error::{Error, Result};

/// DejaVu Sans (Bitstream Vera licence, assets/fonts/LICENSE-DejaVu.txt).
static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 in points.
pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
pub(crate) const MARGIN: f32 = 50.0;
/// The width between the margins.
pub(crate) const BODY_W: f32 = PAGE_W - 2.0 * MARGIN;
/// Where the body ends: the footer lives below.
const BODY_BOTTOM: f32 = PAGE_H - MARGIN - 14.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

pub(crate) const INK: Rgb = Rgb(0x1D, 0x29, 0x39);
pub(crate) const MUTED: Rgb = Rgb(0x5D, 0x6B, 0x7E);
pub(crate) const ACCENT: Rgb = Rgb(0x1F, 0x5C, 0x99);
pub(crate) const ACCENT_LIGHT: Rgb = Rgb(0x9C, 0xBC, 0xDD);
pub(crate) const RULE: Rgb = Rgb(0xD0, 0xD5, 0xDD);
pub(crate) const SHADE: Rgb = Rgb(0xF2, 0xF4, 0xF7);
pub(crate) const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// One drawing operation; y grows downwards from the top of the page.
#[derive(Debug, Clone)]
enum Op {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        color: Rgb,
    },
}

/// Text widths from the embedded fonts' advance widths (no kerning: close enough to align).
struct Measure {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

impl Measure {
    fn new() -> Result<Measure> {
        let parse = |data: &'static [u8]| {
            FontRef::new(data)
                .map_err(|e| Error::Internal(format!("the embedded font cannot be read: {e}")))
        };
        Ok(Measure {
            regular: parse(REGULAR)?,
            bold: parse(BOLD)?,
        })
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let font = if bold { &self.bold } else { &self.regular };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(size * 0.6)
            })
            .sum()
    }
}

/// A table column: its title, width in points and alignment (numbers right).
pub(crate) struct Column<'a> {
    pub title: &'a str,
    pub width: f32,
    pub align: Align,
}

/// One bar of a bar chart: a label, a value from 0 to 100 (None: not shown) and the text
/// printed beside the bar.
pub(crate) struct Bar {
    pub label: String,
    pub value: Option<f64>,
    pub text: String,
}

/// Pages being laid out, top to bottom, with a cursor.
pub(crate) struct Layout {
    pages: Vec<Vec<Op>>,
    /// The cursor: the top of the next block on the last page.
    y: f32,
    measure: Measure,
    /// Printed at the bottom left of every page.
    footer: String,
}

const TABLE_SIZE: f32 = 8.5;
pub(crate) const HEADER_SIZE: f32 = 7.5;
const ROW_H: f32 = 15.0;

impl Layout {
    pub(crate) fn new(footer: String) -> Result<Layout> {
        Ok(Layout {
            pages: vec![Vec::new()],
            y: MARGIN,
            measure: Measure::new()?,
            footer,
        })
    }

    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub(crate) fn y(&self) -> f32 {
        self.y
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub(crate) fn ensure(&mut self, height: f32) {
        if self.y + height > BODY_BOTTOM && self.y > MARGIN {
            self.new_page();
        }
    }

    pub(crate) fn gap(&mut self, height: f32) {
        self.y += height;
    }

    pub(crate) fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.measure.width(text, size, bold)
    }

    pub(crate) fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, color: Rgb, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ops().push(Op::Text {
            x,
            y,
            size,
            bold,
            color,
            text: text.to_string(),
        });
    }

    /// Text ending at `right`.
    pub(crate) fn text_right(
        &mut self,
        right: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: &str,
    ) {
        let x = right - self.width(text, size, bold);
        self.text(x, y, size, bold, color, text);
    }

    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        if w > 0.0 && h > 0.0 {
            self.ops().push(Op::Rect { x, y, w, h, color });
        }
    }

    pub(crate) fn line(&mut self, points: Vec<(f32, f32)>, width: f32, color: Rgb) {
        if points.len() >= 2 {
            self.ops().push(Op::Line {
                points,
                width,
                color,
            });
        }
    }

    /// `text` cut to fit `width`, with an ellipsis when cut.
    pub(crate) fn fit(&self, text: &str, size: f32, bold: bool, width: f32) -> String {
        if self.width(text, size, bold) <= width {
            return text.to_string();
        }
        let mut out: String = text.to_string();
        while !out.is_empty() && self.width(&format!("{out}…"), size, bold) > width {
            out.pop();
        }
        format!("{}…", out.trim_end())
    }

    /// `text` broken into lines of at most `width` points, at spaces.
    pub(crate) fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size, bold) <= width || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// A wrapped paragraph across the body's width (or `width`), starting at `x`.
    pub(crate) fn paragraph_at(&mut self, x: f32, width: f32, text: &str, size: f32, color: Rgb) {
        let leading = size * 1.4;
        for line in self.wrap(text, size, false, width) {
            self.ensure(leading);
            self.y += leading;
            let y = self.y - leading * 0.28;
            self.text(x, y, size, false, color, &line);
        }
    }

    pub(crate) fn paragraph(&mut self, text: &str, size: f32, color: Rgb) {
        self.paragraph_at(MARGIN, BODY_W, text, size, color);
    }

    /// A section heading with a rule beneath; kept with at least `keep` points of what follows.
    pub(crate) fn heading(&mut self, text: &str, keep: f32) {
        self.ensure(34.0 + keep);
        if self.y > MARGIN {
            self.y += 12.0;
        }
        self.y += 16.0;
        self.text(MARGIN, self.y, 13.0, true, ACCENT, text);
        self.y += 6.0;
        self.rect(MARGIN, self.y, BODY_W, 0.8, ACCENT_LIGHT);
        self.y += 10.0;
    }

    /// A small bold caption above a table or chart.
    pub(crate) fn caption(&mut self, text: &str, keep: f32) {
        self.ensure(18.0 + keep);
        self.y += 12.0;
        self.text(MARGIN, self.y, 9.5, true, INK, text);
        self.y += 6.0;
    }

    /// A table: a shaded header row, then the rows; a row in `bold_rows` is printed bold
    /// (totals). Cells are cut to their column. Continues on the next page with the header.
    pub(crate) fn table(
        &mut self,
        columns: &[Column<'_>],
        rows: &[Vec<String>],
        bold_rows: &[usize],
    ) {
        let width: f32 = columns.iter().map(|c| c.width).sum();
        self.ensure(ROW_H * 2.0);
        self.table_header(columns, width);
        for (i, row) in rows.iter().enumerate() {
            if self.y + ROW_H > BODY_BOTTOM {
                self.new_page();
                self.table_header(columns, width);
            }
            let bold = bold_rows.contains(&i);
            if bold {
                self.rect(MARGIN, self.y, width, ROW_H, SHADE);
            }
            let baseline = self.y + ROW_H - 4.5;
            let mut x = MARGIN;
            for (column, cell) in columns.iter().zip(row) {
                let cell = self.fit(cell, TABLE_SIZE, bold, column.width - 8.0);
                match column.align {
                    Align::Left => self.text(x + 4.0, baseline, TABLE_SIZE, bold, INK, &cell),
                    Align::Right => self.text_right(
                        x + column.width - 4.0,
                        baseline,
                        TABLE_SIZE,
                        bold,
                        INK,
                        &cell,
                    ),
                }
                x += column.width;
            }
            self.y += ROW_H;
            self.rect(MARGIN, self.y - 0.4, width, 0.4, RULE);
        }
    }

    fn table_header(&mut self, columns: &[Column<'_>], width: f32) {
        self.rect(MARGIN, self.y, width, ROW_H + 1.0, SHADE);
        let baseline = self.y + ROW_H - 4.0;
        let mut x = MARGIN;
        for column in columns {
            let title = self.fit(column.title, HEADER_SIZE, true, column.width - 8.0);
            match column.align {
                Align::Left => self.text(x + 4.0, baseline, HEADER_SIZE, true, MUTED, &title),
                Align::Right => self.text_right(
                    x + column.width - 4.0,
                    baseline,
                    HEADER_SIZE,
                    true,
                    MUTED,
                    &title,
                ),
            }
            x += column.width;
        }
        self.y += ROW_H + 1.0;
        self.rect(MARGIN, self.y - 0.8, width, 0.8, RULE);
    }

    /// Horizontal bars on a 0–100 % scale with gridlines every 20 %; a bar without a value
    /// is drawn as a dashed-free empty track with its text ("fewer than k").
    pub(crate) fn bar_chart(&mut self, bars: &[Bar], highlight: Option<f64>) {
        let label_w = 120.0;
        let text_w = 78.0;
        let track_x = MARGIN + label_w;
        let track_w = BODY_W - label_w - text_w;
        let bar_h = 13.0;
        let step = 21.0;
        let height = step * bars.len() as f32 + 18.0;
        self.ensure(height);
        let top = self.y + 4.0;
        let bottom = top + step * bars.len() as f32;
        for tick in 0..=5 {
            let x = track_x + track_w * tick as f32 / 5.0;
            self.line(vec![(x, top), (x, bottom)], 0.4, RULE);
            let label = format!("{}%", tick * 20);
            let w = self.width(&label, 7.0, false);
            self.text(x - w / 2.0, bottom + 11.0, 7.0, false, MUTED, &label);
        }
        // The marker goes under the bars and their figures, so both stay readable.
        if let Some(v) = highlight {
            let x = track_x + track_w * (v.clamp(0.0, 100.0) as f32) / 100.0;
            self.line(vec![(x, top - 3.0), (x, bottom + 2.0)], 1.2, INK);
        }
        for (i, bar) in bars.iter().enumerate() {
            let y = top + step * i as f32 + (step - bar_h) / 2.0;
            let label = self.fit(&bar.label, 9.0, false, label_w - 8.0);
            self.text(MARGIN, y + bar_h - 3.0, 9.0, false, INK, &label);
            match bar.value {
                Some(v) => {
                    let w = track_w * (v.clamp(0.0, 100.0) as f32) / 100.0;
                    self.rect(track_x, y, w, bar_h, ACCENT);
                    let text_w = self.width(&bar.text, 9.0, true);
                    self.rect(track_x + w + 2.0, y, text_w + 6.0, bar_h, WHITE);
                    self.text(
                        track_x + w + 5.0,
                        y + bar_h - 3.0,
                        9.0,
                        true,
                        INK,
                        &bar.text,
                    );
                }
                None => {
                    self.rect(track_x, y, track_w, bar_h, SHADE);
                    self.text(track_x + 5.0, y + bar_h - 3.0, 8.0, false, MUTED, &bar.text);
                }
            }
        }
        self.y = bottom + 16.0;
    }

    /// A grid of cells coloured by value (0–100 %), the value printed in each; None cells
    /// are shaded grey with `empty` printed.
    pub(crate) fn heatmap(
        &mut self,
        rows: &[String],
        columns: &[String],
        cell: &dyn Fn(usize, usize) -> Option<Option<f64>>,
        empty: &str,
    ) {
        let label_w = 130.0;
        let cell_w = ((BODY_W - label_w) / columns.len().max(1) as f32).min(70.0);
        let cell_h = 17.0;
        self.ensure(cell_h * 3.0);
        let header = |layout: &mut Layout| {
            let mut x = MARGIN + label_w;
            for c in columns {
                let title = layout.fit(c, 7.5, true, cell_w - 4.0);
                let w = layout.width(&title, 7.5, true);
                layout.text(
                    x + (cell_w - w) / 2.0,
                    layout.y + 10.0,
                    7.5,
                    true,
                    MUTED,
                    &title,
                );
                x += cell_w;
            }
            layout.y += 15.0;
        };
        header(self);
        for (r, label) in rows.iter().enumerate() {
            if self.y + cell_h > BODY_BOTTOM {
                self.new_page();
                header(self);
            }
            let label = self.fit(label, 8.5, false, label_w - 8.0);
            self.text(MARGIN, self.y + cell_h - 5.0, 8.5, false, INK, &label);
            for c in 0..columns.len() {
                let x = MARGIN + label_w + cell_w * c as f32;
                let (fill, text, color) = match cell(r, c) {
                    Some(Some(v)) => {
                        let (fill, ink) = heat(v);
                        (fill, format!("{v:.1}%"), ink)
                    }
                    Some(None) => (SHADE, empty.to_string(), MUTED),
                    None => (WHITE, String::new(), MUTED),
                };
                self.rect(x + 1.0, self.y + 1.0, cell_w - 2.0, cell_h - 2.0, fill);
                let w = self.width(&text, 7.5, false);
                self.text(
                    x + (cell_w - w) / 2.0,
                    self.y + cell_h - 5.5,
                    7.5,
                    false,
                    color,
                    &text,
                );
            }
            self.y += cell_h;
        }
        self.y += 4.0;
    }

    /// Lines over time on a 0–100 % scale: one series per entry, with labels on the x axis.
    pub(crate) fn line_chart(
        &mut self,
        x_labels: &[String],
        series: &[(String, Rgb, Vec<Option<f64>>)],
        height: f32,
    ) {
        self.ensure(height + 40.0);
        let left = MARGIN + 34.0;
        let width = BODY_W - 34.0 - 110.0;
        let top = self.y + 6.0;
        let bottom = top + height;
        let n = x_labels.len().max(2) - 1;
        let x_of = |i: usize| left + width * i as f32 / n as f32;
        let y_of = |v: f64| bottom - height * (v.clamp(0.0, 100.0) as f32) / 100.0;
        for tick in 0..=5 {
            let v = f64::from(tick * 20);
            let y = y_of(v);
            self.line(vec![(left, y), (left + width, y)], 0.4, RULE);
            self.text_right(left - 5.0, y + 3.0, 7.0, false, MUTED, &format!("{v:.0}%"));
        }
        let every = x_labels.len().div_ceil(7).max(1);
        for (i, label) in x_labels.iter().enumerate() {
            if i % every == 0 || i + 1 == x_labels.len() {
                let w = self.width(label, 7.0, false);
                self.text(x_of(i) - w / 2.0, bottom + 11.0, 7.0, false, MUTED, label);
            }
        }
        for (s, (name, color, values)) in series.iter().enumerate() {
            let mut run: Vec<(f32, f32)> = Vec::new();
            for (i, v) in values.iter().enumerate() {
                match v {
                    Some(v) => run.push((x_of(i), y_of(*v))),
                    None => self.line(std::mem::take(&mut run), 1.6, *color),
                }
            }
            if run.len() == 1 {
                let (x, y) = run[0];
                self.rect(x - 1.5, y - 1.5, 3.0, 3.0, *color);
            }
            self.line(run, 1.6, *color);
            let ly = top + 4.0 + 14.0 * s as f32;
            self.rect(left + width + 12.0, ly - 3.0, 12.0, 2.5, *color);
            let name = self.fit(name, 8.0, false, 80.0);
            self.text(left + width + 28.0, ly + 1.0, 8.0, false, INK, &name);
        }
        self.y = bottom + 22.0;
    }

    /// Writes the PDF: every page with its footer ("Page i of n" right, `footer` left).
    pub(crate) fn finish(self, title: &str) -> Result<Vec<u8>> {
        let regular = Font::new(REGULAR.into(), 0)
            .ok_or_else(|| Error::Internal("the embedded font cannot be read".into()))?;
        let bold = Font::new(BOLD.into(), 0)
            .ok_or_else(|| Error::Internal("the embedded bold font cannot be read".into()))?;
        let mut document = Document::new();
        document.set_metadata(
            Metadata::new()
                .title(title.to_string())
                .creator(format!("Upskill {}", env!("CARGO_PKG_VERSION"))),
        );
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| Error::Internal("the page size is invalid".into()))?;
        let count = self.pages.len();
        for (i, ops) in self.pages.iter().enumerate() {
            let mut page = document.start_page_with(settings.clone());
            let mut surface = page.surface();
            let footer_y = PAGE_H - MARGIN + 10.0;
            let mut footer = vec![
                Op::Rect {
                    x: MARGIN,
                    y: footer_y - 12.0,
                    w: BODY_W,
                    h: 0.5,
                    color: RULE,
                },
                Op::Text {
                    x: MARGIN,
                    y: footer_y,
                    size: 7.5,
                    bold: false,
                    color: MUTED,
                    text: self.footer.clone(),
                },
            ];
            let number = format!("Page {} of {count}", i + 1);
            footer.push(Op::Text {
                x: PAGE_W - MARGIN - self.measure.width(&number, 7.5, false),
                y: footer_y,
                size: 7.5,
                bold: false,
                color: MUTED,
                text: number,
            });
            for op in ops.iter().chain(&footer) {
                draw(&mut surface, op, &regular, &bold);
            }
            surface.finish();
            page.finish();
        }
        document
            .finish()
            .map_err(|e| Error::Internal(format!("the PDF could not be written: {e:?}")))
    }
}

fn color(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn draw(surface: &mut krilla::surface::Surface<'_>, op: &Op, regular: &Font, bold: &Font) {
    match op {
        Op::Text {
            x,
            y,
            size,
            bold: is_bold,
            color: c,
            text,
        } => {
            surface.set_stroke(None);
            surface.set_fill(Some(Fill {
                paint: color(*c).into(),
                opacity: NormalizedF32::ONE,
                rule: Default::default(),
            }));
            let font = if *is_bold { bold } else { regular };
            surface.draw_text(
                Point::from_xy(*x, *y),
                font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Rect {
            x,
            y,
            w,
            h,
            color: c,
        } => {
            let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                return;
            };
            let mut path = PathBuilder::new();
            path.push_rect(rect);
            if let Some(path) = path.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: color(*c).into(),
                    opacity: NormalizedF32::ONE,
                    rule: Default::default(),
                }));
                surface.draw_path(&path);
            }
        }
        Op::Line {
            points,
            width,
            color: c,
        } => {
            let mut path = PathBuilder::new();
            for (i, (x, y)) in points.iter().enumerate() {
                if i == 0 {
                    path.move_to(*x, *y);
                } else {
                    path.line_to(*x, *y);
                }
            }
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: color(*c).into(),
                    width: *width,
                    line_cap: LineCap::Round,
                    ..Default::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
    }
}

/// A heat-map cell's fill for a coverage percentage, and the ink that reads on it.
fn heat(v: f64) -> (Rgb, Rgb) {
    let t = (v.clamp(0.0, 100.0) / 100.0) as f32;
    let lerp = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
    let (lo, hi) = (Rgb(0xEA, 0xF1, 0xFA), Rgb(0x16, 0x4A, 0x80));
    let fill = Rgb(lerp(lo.0, hi.0), lerp(lo.1, hi.1), lerp(lo.2, hi.2));
    (fill, if t > 0.5 { WHITE } else { INK })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_word_within_the_width() {
        let layout = Layout::new(String::new()).expect("fonts");
        let text =
            "coverage by generation as a vector chart with its table and the divide in words";
        let lines = layout.wrap(text, 10.0, false, 120.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        for line in &lines {
            assert!(layout.width(line, 10.0, false) <= 120.0, "{line}");
        }
    }

    #[test]
    fn a_long_table_continues_on_a_new_page() {
        let mut layout = Layout::new(String::new()).expect("fonts");
        let columns = [Column {
            title: "n",
            width: 100.0,
            align: Align::Right,
        }];
        let rows: Vec<Vec<String>> = (0..100).map(|i| vec![i.to_string()]).collect();
        layout.table(&columns, &rows, &[]);
        assert!(layout.page_count() >= 2);
        let pdf = layout.finish("t").expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
