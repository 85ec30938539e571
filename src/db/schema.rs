//! Table definitions shared by both backends (portable column types only).

diesel::table! {
    boards (id) {
        id -> BigInt,
        slug -> Text,
        name_es -> Text,
        name_en -> Text,
        description_es -> Text,
        description_en -> Text,
        position -> Integer,
        archived -> Bool,
        thread_count -> BigInt,
        post_count -> BigInt,
        last_activity_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    site_settings (key) {
        key -> Text,
        value -> Text,
    }
}
