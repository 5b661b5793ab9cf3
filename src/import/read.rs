//! Reading a draft into lines: plain text and Markdown as they are; DOCX
//! through docx-rs's reader, paragraphs in order, data tables as pipe-table
//! lines (merged cells as `<` and `^`), layout tables cell by cell.

use crate::error::{Error, ErrorKind, Result};
use serde_json::Value;
use std::path::Path;

/// A line of a draft with what the source says of it. Every reader (text,
/// DOCX, PDF) gives these; the recogniser uses what is there.
#[derive(Debug, Clone, Default)]
pub struct DraftLine {
    /// 1-based: the line of a text file, the paragraph of a DOCX.
    pub no: usize,
    pub text: String,
    /// The paragraph style (DOCX), e.g. `vbSummary`.
    pub style: Option<String>,
    pub italic: bool,
    /// A blank line of the source, or the end of a table cell.
    pub blank: bool,
    /// A paragraph of a layout (borderless) table's cell.
    pub cell: bool,
    /// Bold through most of its text (a DOCX run, a PDF font).
    #[allow(dead_code)] // read by the recogniser (under way)
    pub bold: bool,
    /// The 1-based page, when the source says (a PDF; a text with form
    /// feeds between pages, as `pdftotext` writes).
    #[allow(dead_code)] // read by the recogniser (under way)
    pub page: Option<u32>,
    /// Where the line sits on its page, when the source says (a PDF); the
    /// recogniser reads the text alone when it is `None`.
    #[allow(dead_code)] // written by the PDF reader (under way)
    pub place: Option<Placement>,
    /// Text a signing tool drew on the page (FORMAT-RULES §9.1: the
    /// organisation's name and the signing time, a copy's or an appendix's
    /// stamp), as the PDF reader found it by its place and form; never the
    /// document's own text.
    #[allow(dead_code)] // read by the recogniser (under way)
    pub stamp: bool,
}

/// A line's place on the page, as a PDF reader measures it. Lengths in
/// millimetres, from the text area (inside the margins).
#[allow(dead_code)] // written by the PDF reader, read by the recogniser (both under way)
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Placement {
    /// The column of a two-column part (the header, the closing), `None` for
    /// a line across the text area.
    pub column: Option<Column>,
    /// From the text area's left edge to the line's first glyph.
    pub indent: f32,
    /// From the line's last glyph to the text area's right edge.
    pub slack: f32,
    /// Space above the line beyond the line spacing of its neighbours (0 at
    /// the top of a page).
    pub gap: f32,
    /// Font size of most of the line, in points.
    pub size: f32,
}

/// A column of the header or the closing.
#[allow(dead_code)] // written by the PDF reader, read by the recogniser (both under way)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Left,
    Right,
}

/// The text of a plain-text or Markdown draft, and whether it had to be
/// read as Latin-1 (not UTF-8).
pub fn text_lines(text: &str) -> Vec<DraftLine> {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let markdown = l.trim().trim_start_matches("**").trim_end_matches("**");
            DraftLine {
                no: i + 1,
                text: markdown.to_string(),
                blank: l.trim().is_empty(),
                ..DraftLine::default()
            }
        })
        .collect()
}

/// A DOCX draft's lines. docx-rs's reader has panicked on some foreign files,
/// so it runs behind `catch_unwind`.
pub fn docx_lines(path: &Path, bytes: &[u8]) -> Result<Vec<DraftLine>> {
    let failed = |cause: String| {
        Error::new(
            ErrorKind::Input,
            crate::tr!("không đọc được {}", "could not read {}", path.display()),
            cause,
        )
        .hint(crate::tr!(
            "mở dự thảo bằng Word rồi lưu lại dạng .docx, hoặc lưu dạng văn bản thuần (.txt)",
            "save the draft again from Word as .docx, or as plain text (.txt)"
        ))
    };
    let json = std::panic::catch_unwind(|| docx_rs::read_docx(bytes).map(|d| d.json()))
        .map_err(|_| {
            failed(crate::tr!(
                "không đọc được nội dung tệp DOCX này",
                "the DOCX reader failed on this file"
            ))
        })?
        .map_err(|e| failed(e.to_string()))?;
    let value: Value = serde_json::from_str(&json).map_err(|e| failed(e.to_string()))?;
    let mut lists = Lists::new(&value["numberings"]);
    let mut out = Vec::new();
    for child in value["document"]["children"]
        .as_array()
        .into_iter()
        .flatten()
    {
        match child["type"].as_str() {
            Some("paragraph") => {
                let mut line = paragraph(&child["data"]);
                // Word's automatic numbering is not in the text: write it in.
                let numbering = &child["data"]["property"]["numberingProperty"];
                if let (Some(id), Some(level)) =
                    (numbering["id"].as_u64(), numbering["level"].as_u64())
                    && let Some(label) = lists.next(id, level as usize)
                {
                    line.text = format!("{label} {}", line.text);
                }
                out.push(line);
            }
            Some("table") => table(&child["data"], &mut out),
            _ => {}
        }
    }
    for (i, line) in out.iter_mut().enumerate() {
        line.no = i + 1;
        line.blank = line.blank || line.text.trim().is_empty();
    }
    Ok(out)
}

/// A paragraph's text (breaks as `\n`), style and emphasis.
fn paragraph(data: &Value) -> DraftLine {
    let mut text = String::new();
    let (mut italic_chars, mut bold_chars) = (0, 0);
    for run in data["children"].as_array().into_iter().flatten() {
        let flag = |key: &str| run["data"]["runProperty"][key].as_bool().unwrap_or(false);
        let (italic, bold) = (flag("italic"), flag("bold"));
        for part in run["data"]["children"].as_array().into_iter().flatten() {
            match part["type"].as_str() {
                Some("text") => {
                    let t = part["data"]["text"].as_str().unwrap_or("");
                    let n = t.chars().count();
                    italic_chars += if italic { n } else { 0 };
                    bold_chars += if bold { n } else { 0 };
                    text.push_str(t);
                }
                Some("break") => text.push('\n'),
                Some("tab") => text.push(' '),
                _ => {}
            }
        }
    }
    let most = |n: usize| n > 0 && n * 2 >= text.chars().count();
    let (italic, bold) = (most(italic_chars), most(bold_chars));
    let style = data["property"]["style"].as_str().map(str::to_string);
    DraftLine {
        text,
        style,
        italic,
        bold,
        ..DraftLine::default()
    }
}

fn cell_paragraphs(cell: &Value) -> Vec<DraftLine> {
    cell["data"]["children"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["type"] == "paragraph")
        .map(|p| paragraph(&p["data"]))
        .collect()
}

/// A bordered table becomes pipe-table lines; a borderless (layout) table
/// its cells' paragraphs, row by row, a blank line after each cell. A
/// layout table of several rows and columns (signatures side by side) is
/// read column by column, so that each signature stays together.
fn table(data: &Value, out: &mut Vec<DraftLine>) {
    let rows: Vec<&Value> = data["rows"].as_array().into_iter().flatten().collect();
    let borders = &data["property"]["borders"];
    let bordered = ["top", "left", "bottom", "right"]
        .iter()
        .any(|s| !borders[s].is_null());
    if bordered {
        out.extend(pipe_rows(&rows));
        return;
    }
    let grid: Vec<Vec<Vec<DraftLine>>> = rows
        .iter()
        .map(|r| {
            r["data"]["cells"]
                .as_array()
                .into_iter()
                .flatten()
                .map(cell_paragraphs)
                .collect()
        })
        .collect();
    let columns = grid.iter().map(Vec::len).max().unwrap_or(0);
    let by_column = grid.len() >= 3 && columns >= 2;
    let cells: Vec<&Vec<DraftLine>> = if by_column {
        (0..columns)
            .flat_map(|c| grid.iter().filter_map(move |row| row.get(c)))
            .collect()
    } else {
        grid.iter().flatten().collect()
    };
    for (i, cell) in cells.iter().enumerate() {
        out.extend(cell.iter().cloned().map(|l| DraftLine { cell: true, ..l }));
        // In a column-wise read, a blank line ends each signature (a column).
        if !by_column || (i + 1) % grid.len() == 0 {
            out.push(DraftLine {
                blank: true,
                ..DraftLine::default()
            });
        }
    }
}

/// `| a | b |` rows; `|---|` after the header rows (styled as headers);
/// merged cells as `<` (from the left) and `^` (from above).
fn pipe_rows(rows: &[&Value]) -> Vec<DraftLine> {
    let mut lines = Vec::new();
    let mut header_rows = 0;
    for (r, row) in rows.iter().enumerate() {
        let mut cells = Vec::new();
        let mut header = false;
        for cell in row["data"]["cells"].as_array().into_iter().flatten() {
            let property = &cell["data"]["property"];
            let paragraphs = cell_paragraphs(cell);
            header |= paragraphs
                .iter()
                .any(|p| p.style.as_deref() == Some("vbTableHeader"));
            let text: Vec<String> = paragraphs
                .iter()
                .map(|p| p.text.replace('|', "\\|"))
                .collect();
            let merged_from_above = property["verticalMerge"].as_str() == Some("continue");
            cells.push(if merged_from_above {
                "^".to_string()
            } else {
                text.join(" ")
            });
            let span = property["gridSpan"].as_u64().unwrap_or(1);
            for _ in 1..span {
                cells.push(if merged_from_above {
                    "^".into()
                } else {
                    "<".into()
                });
            }
        }
        if header && r == header_rows {
            header_rows += 1;
        }
        lines.push(DraftLine {
            text: format!("| {} |", cells.join(" | ")),
            ..DraftLine::default()
        });
    }
    if header_rows > 0 {
        let columns = lines[0].text.matches(" | ").count() + 1;
        let rule = DraftLine {
            text: format!("|{}", "---|".repeat(columns)),
            ..DraftLine::default()
        };
        lines.insert(header_rows, rule);
    }
    lines.push(DraftLine {
        blank: true,
        ..DraftLine::default()
    });
    lines
}

/// Word's list numbering: each list's level formats and its counters.
struct Lists {
    /// numId → the levels of its abstract numbering: (format, text, start).
    levels: std::collections::HashMap<u64, Vec<(String, String, u32)>>,
    counters: std::collections::HashMap<u64, Vec<u32>>,
}

impl Lists {
    fn new(numberings: &Value) -> Lists {
        let abstracts: std::collections::HashMap<u64, Vec<(String, String, u32)>> =
            numberings["abstractNums"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| {
                    let levels = a["levels"]
                        .as_array()?
                        .iter()
                        .map(|l| {
                            let text = |k: &str| l[k].as_str().unwrap_or_default().to_string();
                            (
                                text("format"),
                                text("text"),
                                l["start"].as_u64().unwrap_or(1) as u32,
                            )
                        })
                        .collect();
                    Some((a["id"].as_u64()?, levels))
                })
                .collect();
        let levels = numberings["numberings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| {
                Some((
                    n["id"].as_u64()?,
                    abstracts.get(&n["abstractNumId"].as_u64()?)?.clone(),
                ))
            })
            .collect();
        Lists {
            levels,
            counters: Default::default(),
        }
    }

    /// The label of the next paragraph of list `id` at `level`: `1.`, `a)`,
    /// `II.`, or `-` for a bullet. Letters follow the Vietnamese alphabet.
    fn next(&mut self, id: u64, level: usize) -> Option<String> {
        let levels = self.levels.get(&id)?;
        let (format, text, start) = levels.get(level)?.clone();
        if format == "bullet" {
            return Some("-".into());
        }
        let counters = self.counters.entry(id).or_default();
        counters.resize(levels.len().max(level + 1), 0);
        counters[level] = if counters[level] == 0 {
            start
        } else {
            counters[level] + 1
        };
        for deeper in &mut counters[level + 1..] {
            *deeper = 0;
        }
        let value = |l: usize| {
            let n = counters[l].max(1);
            match levels.get(l).map(|x| x.0.as_str()) {
                Some("upperRoman") => crate::rules::format::roman(n),
                Some("lowerRoman") => crate::rules::format::roman(n).to_lowercase(),
                Some("lowerLetter") => crate::rules::format::point_letter(n),
                Some("upperLetter") => crate::rules::format::point_letter(n).to_uppercase(),
                _ => n.to_string(),
            }
        };
        let mut label = text;
        for l in 0..=level {
            label = label.replace(&format!("%{}", l + 1), &value(l));
        }
        Some(label)
    }
}
