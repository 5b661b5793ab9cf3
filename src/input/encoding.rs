//! Vietnamese typed in the legacy 8-bit encodings (TCVN3/ABC, VNI): told
//! apart from Unicode, so that it is reported rather than turned into
//! garbage, and TCVN3 converted. Used by the importer and by `vanban check`.

/// The legacy encoding a text seems to be typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
}

/// Characters that TCVN3 text shows when read as Latin-1 and that Unicode
/// Vietnamese almost never contains.
const TCVN3_MARKERS: &[char] = &[
    'µ', '¸', '¶', '·', '¹', '¨', '©', 'ª', '«', '¬', '®', '§', 'ß', 'ø',
];

/// Detects TCVN3 or VNI text by the density of their characteristic
/// characters (one line in a few words is enough to tell). One pass; the
/// characteristic characters are all outside ASCII.
pub fn detect(text: &str) -> Option<Legacy> {
    let (mut letters, mut tcvn3, mut vni) = (0usize, 0usize, 0usize);
    let mut previous = ' ';
    for c in text.chars() {
        if c.is_ascii() {
            letters += usize::from(c.is_ascii_alphabetic());
            previous = c;
            continue;
        }
        letters += usize::from(c.is_alphabetic());
        tcvn3 += usize::from(TCVN3_MARKERS.contains(&c));
        // VNI writes a vowel followed by a Latin-1 letter carrying the tone.
        vni += usize::from("aeiouyAEIOUY".contains(previous) && VNI_TONES.contains(c));
        previous = c;
    }
    let letters = letters.max(1);
    if tcvn3 * 50 >= letters && tcvn3 >= 3 {
        return Some(Legacy::Tcvn3);
    }
    (vni * 50 >= letters && vni >= 3).then_some(Legacy::Vni)
}

/// The Latin-1 letters that carry VNI's tones after a vowel.
const VNI_TONES: &str = "øùûõïáàåãäéèëâêô";

/// TCVN3 (TCVN 5712:1993, the ABC layout) to Unicode: each byte of the
/// .VnTime fonts and the letter it stands for.
const TCVN3: &[(char, char)] = &[
    ('µ', 'à'),
    ('¶', 'ả'),
    ('·', 'ã'),
    ('¸', 'á'),
    ('¹', 'ạ'),
    ('¨', 'ă'),
    ('»', 'ằ'),
    ('¼', 'ẳ'),
    ('½', 'ẵ'),
    ('¾', 'ắ'),
    ('Æ', 'ặ'),
    ('©', 'â'),
    ('Ç', 'ầ'),
    ('È', 'ẩ'),
    ('É', 'ẫ'),
    ('Ê', 'ấ'),
    ('Ë', 'ậ'),
    ('®', 'đ'),
    ('Ì', 'è'),
    ('Î', 'ẻ'),
    ('Ï', 'ẽ'),
    ('Ð', 'é'),
    ('Ñ', 'ẹ'),
    ('ª', 'ê'),
    ('Ò', 'ề'),
    ('Ó', 'ể'),
    ('Ô', 'ễ'),
    ('Õ', 'ế'),
    ('Ö', 'ệ'),
    ('×', 'ì'),
    ('Ø', 'ỉ'),
    ('Ü', 'ĩ'),
    ('Ý', 'í'),
    ('Þ', 'ị'),
    ('ß', 'ò'),
    ('á', 'ỏ'),
    ('â', 'õ'),
    ('ã', 'ó'),
    ('ä', 'ọ'),
    ('«', 'ô'),
    ('å', 'ồ'),
    ('æ', 'ổ'),
    ('ç', 'ỗ'),
    ('è', 'ố'),
    ('é', 'ộ'),
    ('¬', 'ơ'),
    ('ê', 'ờ'),
    ('ë', 'ở'),
    ('ì', 'ỡ'),
    ('í', 'ớ'),
    ('î', 'ợ'),
    ('ï', 'ù'),
    ('ñ', 'ủ'),
    ('ò', 'ũ'),
    ('ó', 'ú'),
    ('ô', 'ụ'),
    ('\u{ad}', 'ư'),
    ('õ', 'ừ'),
    ('ö', 'ử'),
    ('÷', 'ữ'),
    ('ø', 'ứ'),
    ('ù', 'ự'),
    ('ú', 'ỳ'),
    ('û', 'ỷ'),
    ('ü', 'ỹ'),
    ('ý', 'ý'),
    ('þ', 'ỵ'),
    ('¡', 'Ă'),
    ('¢', 'Â'),
    ('£', 'Ê'),
    ('¤', 'Ô'),
    ('¥', 'Ơ'),
    ('¦', 'Ư'),
    ('§', 'Đ'),
];

/// Converts TCVN3 text (read as Latin-1) to Unicode.
pub fn from_tcvn3(text: &str) -> String {
    text.chars()
        .map(|c| {
            TCVN3
                .iter()
                .find(|(from, _)| *from == c)
                .map_or(c, |(_, to)| *to)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_is_detected_and_converted() {
        let legacy = "H\u{ad}íng dÉn c«ng t¸c khoa gi¸o n¨m 2023";
        assert_eq!(detect(legacy), Some(Legacy::Tcvn3));
        assert_eq!(from_tcvn3(legacy), "Hướng dẫn công tác khoa giáo năm 2023");
        assert_eq!(detect("Hướng dẫn công tác khoa giáo năm 2023"), None);
    }

    #[test]
    fn vni_is_detected() {
        assert_eq!(
            detect("Höôùng daãn coâng taùc khoa giaùo naêm 2023"),
            Some(Legacy::Vni)
        );
    }
}
