//! The JSON Schema of the input: committed beside the samples, accepting
//! every sample and refusing a broken one; `vanban new` for every kind.

mod common;

use common::*;

fn schema() -> serde_json::Value {
    serde_json::from_str(&vanban::api::schema()).unwrap()
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string(root().join("samples/vanban.schema.json")).unwrap();
    assert_eq!(
        committed,
        vanban::api::schema(),
        "run: vanban schema > samples/vanban.schema.json"
    );
}

#[test]
fn every_sample_names_the_schema_and_validates() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    for path in sample_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema=vanban.schema.json\n"),
            "{}",
            path.display()
        );
        let value: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}

#[test]
fn the_schema_refuses_a_broken_document() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let text = std::fs::read_to_string(sample("party-ke-hoach.yaml")).unwrap();
    let mut value: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    value["nmber"] = serde_json::json!(8);
    value["number"] = serde_json::json!("tám");
    value.as_object_mut().unwrap().remove("place");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.iter().any(|e| e.contains("nmber")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("tám")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("place")), "{errors:?}");
}

#[test]
fn a_new_file_for_every_kind_renders() {
    for (regime, rules) in [("party", "party-hd36-2018"), ("state", "state-nd30-2020")] {
        for kind in &vanban::rules::RuleSet::get(rules).unwrap().kinds {
            let text = vanban::import::starter(&kind.id, Some(regime)).unwrap();
            let doc = model_from_str(&text)
                .unwrap_or_else(|e| panic!("{regime} {}: {e}\n{text}", kind.id));
            assert!(
                vanban::render::pdf::layout(&doc).is_ok(),
                "{regime} {}",
                kind.id
            );
        }
    }
}
