//! The batch's defaults given to a unit while its YAML is parsed: once the
//! unit's own keys are read, the top-level keys it lacks are read from the
//! settings' values, so the unit is parsed once, nothing is written out as
//! YAML again, and the unit's own errors keep their lines and columns.

use super::Source;
use crate::error::Result;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::fmt;

impl Source {
    /// Parses the source as a `T` whose top-level keys the source lacks are
    /// taken from `defaults`, as values (see this module); the keys taken
    /// are added to `taken`. Texts are checked as [`parse`] does, with a
    /// second parse only when the text could hide what the check refuses.
    ///
    /// [`parse`]: Source::parse
    pub fn parse_with_defaults<T: serde::de::DeserializeOwned>(
        &self,
        defaults: &serde_json::Map<String, serde_json::Value>,
        taken: &std::cell::RefCell<Vec<String>>,
    ) -> Result<T> {
        if super::limits::may_hold_refused_text(&self.text) {
            self.parse_value()?;
        }
        let mut path = String::new();
        let options = super::limits::yaml_options();
        let result =
            serde_saphyr::with_deserializer_from_str_with_options(&self.text, options, |de| {
                let de = WithDefaults {
                    inner: de,
                    defaults,
                    taken,
                };
                serde_path_to_error::deserialize(de).map_err(|e| {
                    path = e.path().to_string();
                    e.into_inner()
                })
            });
        result.map_err(|e| self.yaml_error(&e, &path))
    }
}

/// A deserializer of a mapping that, after its own keys, gives the keys of
/// `defaults` it did not have; their names are added to `taken`.
pub struct WithDefaults<'a, D> {
    pub inner: D,
    pub defaults: &'a Map<String, Value>,
    pub taken: &'a RefCell<Vec<String>>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for WithDefaults<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(Fill {
            visitor,
            defaults: self.defaults,
            taken: self.taken,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let fill = Fill {
            visitor,
            defaults: self.defaults,
            taken: self.taken,
        };
        self.inner.deserialize_struct(name, fields, fill)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// The visitor that hands the mapping, defaults added, to the real one.
struct Fill<'a, V> {
    visitor: V,
    defaults: &'a Map<String, Value>,
    taken: &'a RefCell<Vec<String>>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Fill<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(Chain {
            own: Some(map),
            defaults: self.defaults.iter(),
            seen: Vec::new(),
            pending: None,
            taken: self.taken,
        })
    }

    /// An empty file: the defaults alone.
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        let none: Option<de::value::MapDeserializer<'de, std::iter::Empty<(String, String)>, E>> =
            None;
        self.visitor.visit_map(Chain {
            own: none,
            defaults: self.defaults.iter(),
            seen: Vec::new(),
            pending: None,
            taken: self.taken,
        })
    }
}

/// The unit's own entries, then the defaults' entries it lacks.
struct Chain<'a, A> {
    own: Option<A>,
    defaults: serde_json::map::Iter<'a>,
    seen: Vec<String>,
    pending: Option<&'a Value>,
    taken: &'a RefCell<Vec<String>>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Chain<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some(own) = &mut self.own {
            // The key is read as text first (so that it is known), then
            // given to the seed; the YAML reader has already placed it, so
            // an unknown key is still reported at its line and column.
            match own.next_key::<String>()? {
                Some(key) => {
                    self.seen.push(key.clone());
                    return seed.deserialize(key.into_deserializer()).map(Some);
                }
                None => self.own = None,
            }
        }
        for (key, value) in self.defaults.by_ref() {
            if self.seen.iter().any(|k| k == key) {
                continue;
            }
            self.pending = Some(value);
            self.taken.borrow_mut().push(key.clone());
            return seed.deserialize(key.as_str().into_deserializer()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        match (self.pending.take(), &mut self.own) {
            (Some(value), _) => seed
                .deserialize(value.clone())
                .map_err(|e| de::Error::custom(e.to_string())),
            (None, Some(own)) => own.next_value_seed(seed),
            (None, None) => Err(de::Error::custom("a value was asked for before its key")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        a: u32,
        b: String,
        #[serde(default)]
        c: Option<Vec<u32>>,
    }

    fn parse(yaml: &str, defaults: Value) -> (Result<Doc, serde_saphyr::Error>, Vec<String>) {
        let taken = RefCell::new(Vec::new());
        let defaults = defaults.as_object().cloned().unwrap();
        let result = serde_saphyr::with_deserializer_from_str(yaml, |de| {
            Doc::deserialize(WithDefaults {
                inner: de,
                defaults: &defaults,
                taken: &taken,
            })
        });
        (result, taken.into_inner())
    }

    #[test]
    fn the_unit_wins_and_the_defaults_fill_in() {
        let (doc, taken) = parse(
            "a: 1\n",
            serde_json::json!({ "a": 9, "b": "x", "c": [1, 2] }),
        );
        assert_eq!(
            doc.unwrap(),
            Doc {
                a: 1,
                b: "x".into(),
                c: Some(vec![1, 2])
            }
        );
        assert_eq!(taken, ["b", "c"]);
        let (doc, taken) = parse("", serde_json::json!({ "a": 2, "b": "y" }));
        assert_eq!(
            doc.unwrap(),
            Doc {
                a: 2,
                b: "y".into(),
                c: None
            }
        );
        assert_eq!(taken, ["a", "b"]);
    }

    #[test]
    fn texts_are_checked_whether_one_parse_is_enough_or_not() {
        use crate::input::Source;
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct D {
            a: String,
            b: String,
        }
        let defaults = serde_json::json!({ "b": "x" })
            .as_object()
            .cloned()
            .unwrap();
        let taken = RefCell::new(Vec::new());
        let parse = |text: &str| {
            Source::new(std::path::Path::new("u.yaml"), text)
                .parse_with_defaults::<D>(&defaults, &taken)
        };
        assert!(parse("a: thường\n").is_ok());
        // Raw, escaped, and decoded from base64: each refused.
        for bad in [
            "a: x\u{202E}y\n",
            "a: \"x\\u202Ey\"\n",
            "a: !!binary G3h5\n",
        ] {
            let err = parse(bad).unwrap_err();
            assert!(err.cause.contains("U+"), "{bad:?}: {err}");
            assert_eq!(err.field.as_deref(), Some("a"), "{bad:?}");
        }
        assert!(!crate::input::limits::may_hold_refused_text(
            "a: thường\r\nb: \"x\"\n"
        ));
        assert!(crate::input::limits::may_hold_refused_text("a: \"\\e\"\n"));
    }

    #[test]
    fn the_units_own_errors_keep_their_place() {
        let (doc, _) = parse("a: 1\nzz: 2\n", serde_json::json!({ "b": "x" }));
        let err = doc.unwrap_err();
        let at = err.location().unwrap();
        assert_eq!((at.line(), at.column()), (2, 1), "{err}");
        let (doc, _) = parse("a: 1\na: 2\n", serde_json::json!({ "b": "x" }));
        assert!(doc.unwrap_err().to_string().contains("duplicate"));
        // A default of the wrong type is an error too.
        let (doc, _) = parse("a: 1\n", serde_json::json!({ "b": 3 }));
        assert!(doc.is_err());
    }
}
