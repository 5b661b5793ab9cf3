//! A batch's settings file: what every unit inherits, which units must
//! report, the indicators to sum and check, and the consolidated report.

use crate::error::{Error, ErrorKind, Result};
use crate::input::Source;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The settings file's keys (`batch.yaml` in a units folder, or `--settings`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsIn {
    /// Top-level document keys every unit inherits unless it has its own;
    /// `data` is merged key by key.
    #[serde(default)]
    pub defaults: Option<serde_json::Map<String, serde_json::Value>>,
    /// The names of the units that must report.
    #[serde(default)]
    pub expected: Vec<String>,
    /// The figures to sum, each maybe a part of another.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// The consolidated report's document, relative to the settings file.
    #[serde(default)]
    pub consolidated: Option<String>,
    /// A folder of fonts for the PDFs (Times New Roman's four faces),
    /// relative to the settings file.
    #[serde(default)]
    pub fonts: Option<String>,
    /// What a unit is called in the consolidated report (`chi bộ`, `xã`):
    /// `13/20 chi bộ đạt chỉ tiêu`; `đơn vị` when left out.
    #[serde(default)]
    pub unit_noun: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// The key in each unit's `data.figures`.
    pub id: String,
    /// Its name in tables.
    pub name: String,
    /// The indicator this one is a part of (`hoc_tap` of `dang_vien`): a
    /// unit whose part exceeds its whole is flagged, and the table shows the
    /// rate.
    #[serde(default)]
    pub part_of: Option<String>,
}

/// Settings with where they came from.
#[derive(Debug, Default)]
pub struct Settings {
    pub path: Option<PathBuf>,
    pub values: SettingsIn,
}

impl Settings {
    pub fn load(path: &Path) -> Result<Settings> {
        let source = Source::read(path)?;
        let values: SettingsIn = source.parse()?;
        let ids: Vec<&str> = values.indicators.iter().map(|i| i.id.as_str()).collect();
        for indicator in &values.indicators {
            if let Some(whole) = &indicator.part_of
                && !ids.contains(&whole.as_str())
            {
                return Err(Error::new(
                    ErrorKind::Input,
                    crate::tr!("không đọc được {}", "could not read {}", path.display()),
                    crate::tr!(
                        "chỉ tiêu `{}` là một phần của `{whole}`, nhưng `{whole}` không phải là chỉ tiêu",
                        "indicator `{}` is part of `{whole}`, which is no indicator",
                        indicator.id
                    ),
                )
                .field("indicators")
                .hint(crate::tr!(
                    "các chỉ tiêu: {}",
                    "the indicators are: {}",
                    ids.join(", ")
                )));
            }
        }
        Ok(Settings {
            path: Some(path.to_path_buf()),
            values,
        })
    }

    /// The consolidated report's file, if the settings name one.
    pub fn consolidated(&self) -> Option<PathBuf> {
        Some(self.beside(self.values.consolidated.as_ref()?))
    }

    /// The folder of fonts for the PDFs, if the settings name one.
    pub fn fonts(&self) -> Option<PathBuf> {
        Some(self.beside(self.values.fonts.as_ref()?))
    }

    /// A path given in the settings, relative to the settings file.
    fn beside(&self, name: &str) -> PathBuf {
        let dir = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or(Path::new("."));
        dir.join(name)
    }
}
