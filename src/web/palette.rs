//! The site's colours for people and boards: a letter avatar's initial and palette slot for a
//! username, a board's slot from its id. Pure functions, used by the `initial` and `hue`
//! template helpers so every avatar and board marker comes from the same rule.

/// How many `hue-N` classes the stylesheet defines (`hue-0` … `hue-7`).
pub const HUES: u64 = 8;

/// The first letter of `name` in upper case ("ñandú" → "Ñ"); empty for an empty name.
pub fn initial(name: &str) -> String {
    name.trim()
        .chars()
        .next()
        .and_then(|c| c.to_uppercase().next())
        .map(String::from)
        .unwrap_or_default()
}

/// The palette slot of a username: a stable hash (FNV-1a) of its lookup form, so a member
/// keeps one colour whatever the case they typed, on every page and every release.
pub fn name_hue(name: &str) -> u64 {
    let key = name.trim().to_lowercase();
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    hash % HUES
}

/// The palette slot of a board: by id, so the first boards all differ.
pub fn board_hue(id: i64) -> u64 {
    id.rem_euclid(HUES as i64) as u64
}

handlebars::handlebars_helper!(initial_helper: |name: str| initial(name));

handlebars::handlebars_helper!(hue_helper: |key: Json| match key {
    serde_json::Value::Number(n) => n.as_i64().map_or(0, board_hue),
    serde_json::Value::String(s) => name_hue(s),
    _ => 0,
});

/// Registers `{{initial name}}` and `{{hue name_or_board_id}}`.
pub fn register(registry: &mut handlebars::Handlebars<'static>) {
    registry.register_helper("initial", Box::new(initial_helper));
    registry.register_helper("hue", Box::new(hue_helper));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_initial_is_the_first_letter_in_upper_case() {
        assert_eq!(initial("maria"), "M");
        assert_eq!(initial("ñandú"), "Ñ");
        assert_eq!(initial("Ángela"), "Á");
        assert_eq!(initial("ólafur"), "Ó");
        assert_eq!(initial("_raro"), "_");
        assert_eq!(initial("9lives"), "9");
        assert_eq!(initial("ßtraße"), "S");
        assert_eq!(initial(""), "");
    }

    #[test]
    fn a_name_keeps_its_hue_whatever_its_case() {
        assert_eq!(name_hue("Maria"), name_hue("maria"));
        assert_eq!(name_hue("ÑANDÚ"), name_hue("ñandú"));
        // Stable across releases: the stylesheet and people's memory depend on it.
        assert_eq!(
            [name_hue("maria"), name_hue("lector"), name_hue("ñandú")],
            [5, 4, 3]
        );
    }

    #[test]
    fn names_spread_over_the_whole_palette() {
        let mut seen = [0; HUES as usize];
        for i in 0..400 {
            seen[name_hue(&format!("miembro{i}")) as usize] += 1;
        }
        assert!(seen.iter().all(|&n| n > 20), "{seen:?}");
    }

    #[test]
    fn boards_take_slots_in_order_of_creation() {
        let slots: Vec<u64> = (1..=8).map(board_hue).collect();
        assert_eq!(slots, [1, 2, 3, 4, 5, 6, 7, 0]);
        assert_eq!(board_hue(-1), 7);
    }

    #[test]
    fn the_helpers_write_the_initial_and_the_slot() {
        let mut hb = handlebars::Handlebars::new();
        register(&mut hb);
        let out = hb
            .render_template(
                "{{initial n}} {{hue n}} {{hue b}}",
                &serde_json::json!({"n": "ñandú", "b": 10}),
            )
            .unwrap();
        assert_eq!(out, format!("Ñ {} 2", name_hue("ñandú")));
    }
}
