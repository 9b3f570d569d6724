//! The field separator of a CSV file, read or written: one type for imports (where it is
//! sniffed or set in a mapping file), exports, reports and the packs.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The character that separates fields in a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Delimiter {
    #[default]
    Comma,
    Semicolon,
    Tab,
    Pipe,
}

impl Delimiter {
    /// In order of preference when two split an imported header equally well.
    pub const ALL: [Delimiter; 4] = [
        Delimiter::Comma,
        Delimiter::Semicolon,
        Delimiter::Tab,
        Delimiter::Pipe,
    ];

    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
            Delimiter::Pipe => b'|',
        }
    }

    /// The name users type and read (`--delimiter semicolon`, the import report).
    pub fn label(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Tab => "tab",
            Delimiter::Pipe => "pipe",
        }
    }

    /// Parses the character itself (`,` `;` `|`, a tab or `\t`) or its name.
    pub fn parse(text: &str) -> Result<Delimiter> {
        let text = if text == "\t" { text } else { text.trim() };
        match text {
            "," | "comma" => Ok(Delimiter::Comma),
            ";" | "semicolon" => Ok(Delimiter::Semicolon),
            "\t" | "\\t" | "tab" => Ok(Delimiter::Tab),
            "|" | "pipe" => Ok(Delimiter::Pipe),
            other => Err(Error::invalid(
                "delimiter",
                format!("'{other}' is not a delimiter; use ',' ';' 'tab' or '|'"),
            )),
        }
    }
}

impl std::fmt::Display for Delimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_characters_and_names_alike() {
        for d in Delimiter::ALL {
            assert_eq!(Delimiter::parse(d.label()).unwrap(), d);
            let ch = (d.byte() as char).to_string();
            assert_eq!(Delimiter::parse(&ch).unwrap(), d);
        }
        assert_eq!(Delimiter::parse("\\t").unwrap(), Delimiter::Tab);
        assert_eq!(Delimiter::parse(" ; ").unwrap(), Delimiter::Semicolon);
        let err = Delimiter::parse(":").unwrap_err().to_string();
        assert!(err.contains("':'"), "{err}");
    }
}
