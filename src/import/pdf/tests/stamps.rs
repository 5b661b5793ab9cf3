//! Signature stamps (FORMAT-RULES §9.1) added to vanban's PDF of a công văn
//! the way signing tools add them, as an incremental update: a signature
//! field's appearance in a blue frame; the organisation's stamp drawn on the
//! page in red, split over four lines, over the room to sign; a copy's stamp
//! at the top right of the first page in black 10 pt. Each is marked as a
//! stamp, nothing else is, and the document reads as it did unsigned.

use super::*;
use lopdf::{
    Dictionary, Document as Pdf, IncrementalDocument, Object, ObjectId, Stream, dictionary,
};
use std::collections::BTreeMap;

/// Liberation Serif embedded whole as a Type0 font, its codes the glyph
/// ids, with a ToUnicode map of the glyphs used: how signing tools embed
/// their Times New Roman.
struct StampFont {
    face: ttf_parser::Face<'static>,
    used: BTreeMap<u16, char>,
}

static SERIF: &[u8] = include_bytes!("../../../../fonts/LiberationSerif-Regular.ttf");

impl StampFont {
    fn new() -> Self {
        StampFont {
            face: ttf_parser::Face::parse(SERIF, 0).unwrap(),
            used: BTreeMap::new(),
        }
    }

    /// A string's glyph ids as a hex string operand.
    fn show(&mut self, text: &str) -> String {
        let mut hex = String::from("<");
        for c in text.chars() {
            let gid = self.face.glyph_index(c).unwrap().0;
            self.used.insert(gid, c);
            hex.push_str(&format!("{gid:04X}"));
        }
        hex + ">"
    }

    fn add_to(&self, doc: &mut Pdf) -> ObjectId {
        let upem = f32::from(self.face.units_per_em());
        let mut widths = Vec::new();
        for gid in self.used.keys() {
            let advance = self
                .face
                .glyph_hor_advance(ttf_parser::GlyphId(*gid))
                .unwrap_or(0);
            widths.push(Object::Integer(i64::from(*gid)));
            widths.push(Object::Array(vec![Object::Real(
                f32::from(advance) * 1000.0 / upem,
            )]));
        }
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
             /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
             1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
        );
        cmap.push_str(&format!("{} beginbfchar\n", self.used.len()));
        for (gid, c) in &self.used {
            cmap.push_str(&format!("<{gid:04X}> <{:04X}>\n", *c as u32));
        }
        cmap.push_str("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n");
        let file = doc.add_object(Stream::new(
            dictionary! { "Length1" => SERIF.len() as i64 },
            SERIF.to_vec(),
        ));
        let descriptor = doc.add_object(dictionary! {
            "Type" => "FontDescriptor", "FontName" => "LiberationSerif", "Flags" => 34,
            "FontBBox" => vec![(-543).into(), (-303).into(), 2000.into(), 1007.into()],
            "ItalicAngle" => 0, "Ascent" => 891, "Descent" => -216, "CapHeight" => 662,
            "StemV" => 80, "FontFile2" => file,
        });
        let cid = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "LiberationSerif",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"), "Supplement" => 0,
            },
            "FontDescriptor" => descriptor, "CIDToGIDMap" => "Identity", "W" => widths,
        });
        let to_unicode = doc.add_object(Stream::new(Dictionary::new(), cmap.into_bytes()));
        doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "LiberationSerif",
            "Encoding" => "Identity-H", "DescendantFonts" => vec![cid.into()],
            "ToUnicode" => to_unicode,
        })
    }
}

/// Lines of text at a size, from a top-left corner down, in a colour.
fn text(font: &mut StampFont, lines: &[&str], (x, y): (f32, f32), size: f32, rgb: &str) -> String {
    let mut ops = format!("q {rgb} rg BT /FStamp {size} Tf\n");
    for (i, line) in lines.iter().enumerate() {
        let baseline = y - size * (1.0 + 1.2 * i as f32);
        ops.push_str(&format!(
            "1 0 0 1 {x} {baseline} Tm {} Tj\n",
            font.show(line)
        ));
    }
    ops + "ET Q\n"
}

/// The first page's id, and the previous file as an incremental document.
fn open(pdf: &[u8]) -> (IncrementalDocument, ObjectId) {
    let prev = Pdf::load_mem(pdf).unwrap();
    let page = *prev.get_pages().get(&1).unwrap();
    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), prev);
    inc.opt_clone_object_to_new_document(page).unwrap();
    (inc, page)
}

fn save(mut inc: IncrementalDocument) -> Vec<u8> {
    let mut out = Vec::new();
    inc.save_to(&mut out).unwrap();
    out
}

/// A signature field whose appearance is the stamp, in a blue frame.
fn signed_with_a_field(pdf: &[u8]) -> Vec<u8> {
    let (mut inc, page) = open(pdf);
    let mut font = StampFont::new();
    let (w, h) = (150.0, 34.0);
    let mut ops = String::from("q 0 0 0.8 RG 0.8 w 0.5 0.5 149 33 re S Q\n");
    ops += &text(
        &mut font,
        &["ĐẢNG ỦY XÃ BÌNH AN", "14-03-2026 09:12:40 +07:00"],
        (6.0, h - 3.0),
        10.0,
        "0 0 0.8",
    );
    let doc = &mut inc.new_document;
    let font_id = font.add_to(doc);
    let appearance = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), w.into(), h.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "FStamp" => font_id } },
        },
        ops.into_bytes(),
    ));
    let field = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig",
        "T" => Object::string_literal("Signature1"), "F" => 4, "P" => page,
        "Rect" => vec![330.into(), 420.into(), (330.0 + w).into(), (420.0 + h).into()],
        "AP" => dictionary! { "N" => appearance },
    });
    let page_dict = doc.get_object_mut(page).unwrap().as_dict_mut().unwrap();
    page_dict.set("Annots", vec![Object::Reference(field)]);
    save(inc)
}

/// Text drawn on the page itself by a further content stream, in a frame
/// or not.
fn drawn_on_the_page(
    pdf: &[u8],
    lines: &[&str],
    at: (f32, f32),
    size: f32,
    rgb: &str,
    framed: bool,
) -> Vec<u8> {
    let (mut inc, page) = open(pdf);
    let mut font = StampFont::new();
    let mut ops = text(&mut font, lines, at, size, rgb);
    if framed {
        let height = size * (0.4 + 1.2 * lines.len() as f32);
        ops += &format!(
            "q 0.6 w {} {} 200 {height} re S Q\n",
            at.0 - 4.0,
            at.1 - height
        );
    }
    let font_id = font.add_to(&mut inc.new_document);
    let resources = inc
        .get_or_create_resources(page)
        .unwrap()
        .as_dict_mut()
        .unwrap();
    let mut fonts = resources
        .get(b"Font")
        .and_then(Object::as_dict)
        .cloned()
        .unwrap_or_default();
    fonts.set("FStamp", font_id);
    resources.set("Font", fonts);
    let doc = &mut inc.new_document;
    let content = doc.add_object(Stream::new(Dictionary::new(), ops.into_bytes()));
    let page_dict = doc.get_object_mut(page).unwrap().as_dict_mut().unwrap();
    let mut contents = match page_dict.get(b"Contents").unwrap().clone() {
        Object::Array(items) => items,
        single => vec![single],
    };
    contents.push(Object::Reference(content));
    page_dict.set("Contents", contents);
    save(inc)
}

fn stamps_and_the_rest(pdf: &[u8]) -> (Vec<String>, Vec<DraftLine>) {
    let lines = read(pdf);
    let stamps = lines
        .iter()
        .filter(|l| l.stamp)
        .map(|l| l.text.clone())
        .collect();
    let rest = lines.into_iter().filter(|l| !l.stamp).collect();
    (stamps, rest)
}

#[test]
fn a_signature_fields_stamp_is_marked_and_kept_out() {
    let (doc, pdf) = render(&root().join("samples/party-cong-van.yaml"));
    let (stamps, rest) = stamps_and_the_rest(&signed_with_a_field(&pdf));
    assert_eq!(stamps, ["ĐẢNG ỦY XÃ BÌNH AN", "14-03-2026 09:12:40 +07:00"]);
    check("signed with a field", &shape(&doc), &rest, true);
}

#[test]
fn a_red_stamp_split_over_the_room_to_sign_is_marked_and_kept_out() {
    let (doc, pdf) = render(&root().join("samples/party-cong-van.yaml"));
    // Over the room between `BÍ THƯ` (about 492 pt up) and the name (404).
    let stamp = ["ĐẢNG ỦY XÃ", "BÌNH AN", "14-03-2026", "09:12:40 +07:00"];
    let signed = drawn_on_the_page(&pdf, &stamp, (350.0, 480.0), 11.0, "0.85 0 0", false);
    let (stamps, rest) = stamps_and_the_rest(&signed);
    assert_eq!(stamps, stamp);
    check("red stamp", &shape(&doc), &rest, true);
}

#[test]
fn a_copys_stamp_at_the_top_right_is_marked_and_kept_out() {
    let (doc, pdf) = render(&root().join("samples/state-quyet-dinh.yaml"));
    let stamp = [
        "SAO Y",
        "ỦY BAN NHÂN DÂN XÃ BÌNH AN",
        "14-03-2026 09:12:40 +07:00",
    ];
    let signed = drawn_on_the_page(&pdf, &stamp, (400.0, 830.0), 10.0, "0 0 0", false);
    let (stamps, rest) = stamps_and_the_rest(&signed);
    assert_eq!(stamps, stamp);
    check("copy stamp", &shape(&doc), &rest, true);
}

/// A stamp in the body's own size and colour is told by its frame: its
/// name in small letters joins the time line only because both are in it.
#[test]
fn a_framed_stamp_in_the_bodys_face_is_marked_by_its_frame() {
    let (doc, pdf) = render(&root().join("samples/party-cong-van.yaml"));
    let stamp = ["Đảng ủy xã Bình An", "14-03-2026 09:12:40 +07:00"];
    let framed = drawn_on_the_page(&pdf, &stamp, (90.0, 230.0), 14.0, "0 0 0", true);
    let (stamps, rest) = stamps_and_the_rest(&framed);
    assert_eq!(stamps, stamp);
    check("framed stamp", &shape(&doc), &rest, true);
    // Without the frame, only the time line is a stamp.
    let bare = drawn_on_the_page(&pdf, &stamp, (90.0, 230.0), 14.0, "0 0 0", false);
    let (stamps, _) = stamps_and_the_rest(&bare);
    assert_eq!(stamps, [stamp[1]]);
}
