//! `vanban new`: a starting file for a kind of document, an [`InputDoc`]
//! with example values written through the input schema like an import,
//! with a comment on the keys a clerk must know.

use crate::error::{Error, ErrorKind, Result};
use crate::input::{InputDoc, Issuer, NumberIn, Recipient, RecipientsIn, SignatureIn, made};
use crate::rules::{Kind, Regime, RuleSet};

/// Where the comments start, so that they line up.
const COMMENT_COLUMN: usize = 35;

/// The starting file of `kind` in `regime` (`party`, the default, or `state`).
pub fn starter(kind: &str, regime: Option<&str>) -> Result<String> {
    let rules = match regime.map(|r| (r, Regime::from_name(r))) {
        None => Regime::Party.rules(),
        Some((_, Some(regime))) => regime.rules(),
        Some((other, None)) => {
            return Err(Error::new(
                ErrorKind::Input,
                crate::tr!("không tạo được văn bản mới", "could not start a document"),
                crate::tr!("không có hệ văn bản `{other}`", "no regime `{other}`"),
            )
            .hint(crate::tr!(
                "ghi --regime party (văn bản của Đảng) hoặc --regime state (văn bản của Nhà nước)",
                "write --regime party or --regime state"
            )));
        }
    };
    let id = &rules.id;
    let kind = rules.kind(kind).ok_or_else(|| {
        let known: Vec<&str> = rules.kinds.iter().map(|k| k.id.as_str()).collect();
        Error::new(
            ErrorKind::Input,
            crate::tr!("không tạo được văn bản mới", "could not start a document"),
            crate::tr!(
                "`{kind}` không phải là loại văn bản của bộ quy tắc {id}",
                "`{kind}` is not a kind of {id}"
            ),
        )
        .hint(crate::tr!(
            "các loại văn bản: {}",
            "the kinds are: {}",
            known.join(", ")
        ))
    })?;
    let yaml = super::write_yaml(&example(rules, kind))?;
    Ok(commented(rules, kind, &yaml))
}

/// The example document: a đảng ủy xã or a UBND xã, values to replace.
fn example(rules: &RuleSet, kind: &Kind) -> InputDoc {
    let party = rules.regime == Regime::Party;
    let mut doc = InputDoc::empty(&rules.id, &kind.id);
    doc.issuer = if party {
        Issuer {
            superior: Some("ĐẢNG BỘ TỈNH GIA LAI".into()),
            name: "ĐẢNG ỦY XÃ BÌNH AN".into(),
            abbr: "ĐU".into(),
            ..Issuer::default()
        }
    } else {
        Issuer {
            name: "ỦY BAN NHÂN DÂN\nXÃ BÌNH AN".into(),
            abbr: "UBND".into(),
            unit: kind.abbr.is_none().then(|| "VP".into()),
            ..Issuer::default()
        }
    };
    doc.number = Some(made(NumberIn::Figures(1)));
    doc.date = made("2026-01-15".into());
    doc.place = "Bình An".into();
    // After "V/v" the trích yếu says what is done, never "về việc" again
    // (check's VB217).
    doc.summary = Some(if kind.subject_in_header {
        "triển khai …".into()
    } else if party {
        "về việc …".into()
    } else {
        "Về việc …".into()
    });
    if kind.addressees {
        doc.addressees = Some(made(vec!["Ban Thường vụ …".into()]));
    }
    if kind.decision.is_some() {
        doc.authority = Some(made(if party {
            "BAN CHẤP HÀNH ĐẢNG BỘ XÃ BÌNH AN".into()
        } else {
            "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH AN".into()
        }));
        doc.bases = Some(made(vec!["Căn cứ …".into()]));
    }
    let body = if kind.decision.is_some() && !party {
        "§ Nội dung điều 1.\n§ Quyết định này có hiệu lực kể từ ngày ký.\n"
    } else {
        "Mở đầu …\n# Mục đích, yêu cầu\n## Nội dung thứ nhất …\n- Ý thứ nhất …\n"
    };
    doc.body = Some(made(body.into()));
    doc.recipients = Some(RecipientsIn {
        items: vec![Recipient {
            to: "Cơ quan cấp trên".into(),
            purpose: Some("b/c".into()),
        }],
        archive: if party {
            "Văn phòng Đảng ủy"
        } else {
            "VP"
        }
        .into(),
    });
    let (prefix, on_behalf, position) = if party {
        ("T/M", "BAN THƯỜNG VỤ", "BÍ THƯ")
    } else {
        ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    };
    doc.signature = Some(SignatureIn {
        prefix: Some(made(prefix.into())),
        on_behalf: Some(on_behalf.into()),
        position: position.into(),
        name: "Nguyễn Văn A".into(),
        then: None,
    });
    doc
}

/// The YAML with a heading and a comment after the keys that need one.
fn commented(rules: &RuleSet, kind: &Kind, yaml: &str) -> String {
    let party = rules.regime == Regime::Party;
    let prefixes = if party {
        "T/M, K/T, T/L"
    } else {
        "TM., KT., TL., TUQ., Q."
    };
    let summary = if kind.subject_in_header {
        "trích yếu, in sau V/v: không ghi lại V/v hay về việc"
    } else {
        ""
    };
    let notes: &[(&str, &str)] = &[
        ("issuer.superior", "cơ quan cấp trên trực tiếp"),
        ("issuer.name", if party { "cơ quan ban hành" } else { "" }),
        ("issuer.abbr", "viết tắt trong số, ký hiệu"),
        ("issuer.unit", "đơn vị soạn thảo: Số: 12/UBND-VP"),
        ("number", "bỏ dòng này nếu là dự thảo chưa có số"),
        ("date", "YYYY-MM-DD; dự thảo chưa có ngày: 2026-01"),
        ("summary", summary),
        ("addressees", "Kính gửi"),
        ("bases", "căn cứ, không cần dấu câu cuối dòng"),
        (
            "body",
            "mỗi dòng một đoạn; # I., ## 1., ### a); - gạch đầu dòng",
        ),
        ("signature.prefix", prefixes),
    ];
    let mut out = format!(
        "# yaml-language-server: $schema=vanban.schema.json\n\
         # (tạo tệp lược đồ bên cạnh: vanban schema > vanban.schema.json)\n\
         # {} — {}. Sửa các giá trị rồi chạy: vanban render TỆP.yaml -o out/\n",
        kind.name.as_deref().unwrap_or("CÔNG VĂN"),
        rules.name
    );
    let mut section = "";
    for line in yaml.lines() {
        // The key of the line: `date`, or `issuer.name` under `issuer:`.
        let key = line.trim_start().split(':').next().unwrap_or("");
        let path = if !line.starts_with(' ') {
            section = key;
            key.to_string()
        } else if line.starts_with("  ") && !line[2..].starts_with([' ', '-']) {
            format!("{section}.{key}")
        } else {
            String::new()
        };
        let note = notes
            .iter()
            .find(|(p, note)| *p == path && !note.is_empty())
            .map(|(_, note)| *note);
        out.push_str(line);
        if let Some(note) = note {
            let width = line.chars().count();
            out.push_str(&" ".repeat(COMMENT_COLUMN.saturating_sub(width).max(2)));
            out.push_str("# ");
            out.push_str(note);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_on_their_keys_only() {
        let text = starter("cong-van", Some("party")).unwrap();
        let line = |key: &str| text.lines().find(|l| l.starts_with(key)).unwrap();
        assert!(
            line("  name: ĐẢNG ỦY").ends_with("# cơ quan ban hành"),
            "{text}"
        );
        assert_eq!(line("  name: Nguyễn"), "  name: Nguyễn Văn A");
        // After V/v, not `về việc` again (check's VB217).
        assert!(line("summary:").starts_with("summary: triển khai …"));
        assert!(
            line("summary:").ends_with("# trích yếu, in sau V/v: không ghi lại V/v hay về việc")
        );
        assert!(line("  prefix:").ends_with("# T/M, K/T, T/L"));
        // Every comment starts in the same column.
        let columns: Vec<usize> = text
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains(" # "))
            .map(|l| l[..l.find(" # ").unwrap()].chars().count())
            .filter(|c| *c > 2) // not a body line's `# heading`
            .collect();
        assert_eq!(columns.len(), 9, "{text}");
        assert!(
            columns.iter().all(|c| *c == COMMENT_COLUMN - 1),
            "{columns:?}"
        );
        assert!(starter("ke-hoach", Some("dang")).is_err());
        assert!(starter("to-roi", None).is_err());
    }
}
