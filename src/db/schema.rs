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
        review_all -> Bool,
    }
}

diesel::table! {
    stakeholder_domains (domain) {
        domain -> Text,
        stakeholder -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    consultations (thread_id) {
        thread_id -> BigInt,
        opens_on -> Date,
        closes_on -> Date,
        closed_at -> Nullable<Timestamp>,
        close_reason -> Nullable<Text>,
        synthesis_source -> Nullable<Text>,
        synthesis_html -> Nullable<Text>,
        synthesis_published_at -> Nullable<Timestamp>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    synthesis_revisions (id) {
        id -> BigInt,
        thread_id -> BigInt,
        body_source -> Text,
        author_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    site_settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        username_key -> Text,
        email -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        role -> Text,
        locale -> Text,
        email_verified_at -> Nullable<Timestamp>,
        post_count -> BigInt,
        created_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
        suspended_until -> Nullable<Timestamp>,
        suspension_reason -> Nullable<Text>,
        suspension_log_id -> Nullable<BigInt>,
        banned -> Bool,
        username_skeleton -> Nullable<Text>,
        notify_email -> Text,
        stakeholder -> Nullable<Text>,
        organization -> Nullable<Text>,
        affiliation_email -> Nullable<Text>,
        affiliation_verified_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    email_tokens (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        purpose -> Text,
        new_email -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        browser_hash -> Nullable<Text>,
    }
}

diesel::table! {
    rate_events (id) {
        id -> BigInt,
        kind -> Text,
        subject -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        idempotency_key -> Text,
        kind -> Text,
        recipient -> Text,
        locale -> Text,
        payload -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    threads (id) {
        id -> BigInt,
        board_id -> BigInt,
        author_id -> BigInt,
        title -> Text,
        status -> Text,
        pinned -> Bool,
        locked -> Bool,
        reply_count -> BigInt,
        last_post_id -> Nullable<BigInt>,
        last_poster_id -> Nullable<BigInt>,
        last_post_at -> Timestamp,
        created_at -> Timestamp,
        posts_numbered -> BigInt,
        opens_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    posts (id) {
        id -> BigInt,
        thread_id -> BigInt,
        author_id -> BigInt,
        parent_id -> Nullable<BigInt>,
        body_source -> Text,
        body_html -> Text,
        status -> Text,
        deleted_by -> Nullable<Text>,
        revision_count -> Integer,
        edited_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        moderation_log_id -> Nullable<BigInt>,
        support_count -> BigInt,
        number -> BigInt,
        kind -> Nullable<Text>,
    }
}

diesel::table! {
    post_supports (post_id, user_id) {
        post_id -> BigInt,
        user_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    post_revisions (id) {
        id -> BigInt,
        post_id -> BigInt,
        editor_id -> BigInt,
        body_source -> Text,
        reason -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    moderators (id) {
        id -> BigInt,
        user_id -> BigInt,
        board_id -> Nullable<BigInt>,
        appointed_by -> BigInt,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rules (id) {
        id -> BigInt,
        number -> Integer,
        title_es -> Text,
        title_en -> Text,
        body_es -> Text,
        body_en -> Text,
    }
}

diesel::table! {
    flags (id) {
        id -> BigInt,
        post_id -> BigInt,
        reporter_id -> Nullable<BigInt>,
        reason -> Text,
        note -> Text,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
        trusted -> Bool,
    }
}

diesel::table! {
    modlog (id) {
        id -> BigInt,
        moderator_id -> Nullable<BigInt>,
        action -> Text,
        target_kind -> Text,
        target_id -> Nullable<BigInt>,
        board_id -> Nullable<BigInt>,
        rule_number -> Nullable<Integer>,
        reason -> Text,
        created_at -> Timestamp,
        origin -> Nullable<Text>,
        waited_since -> Nullable<Timestamp>,
    }
}

diesel::table! {
    transparency_months (month) {
        month -> Text,
        figures -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    inbound_messages (message_id) {
        message_id -> Text,
        user_id -> Nullable<BigInt>,
        outcome -> Text,
        received_at -> Timestamp,
    }
}

diesel::table! {
    appeals (id) {
        id -> BigInt,
        user_id -> BigInt,
        modlog_id -> BigInt,
        message -> Text,
        created_at -> Timestamp,
        decided_by -> Nullable<BigInt>,
        outcome -> Nullable<Text>,
        decision_reason -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    subscribers (id) {
        id -> BigInt,
        user_id -> Nullable<BigInt>,
        email -> Nullable<Text>,
        locale -> Text,
        unsubscribe_key -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    subscriptions (id) {
        id -> BigInt,
        subscriber_id -> BigInt,
        board_id -> BigInt,
        frequency -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    subscription_requests (id) {
        id -> BigInt,
        subscriber_id -> BigInt,
        token_hash -> Text,
        frequency -> Text,
        locale -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    subscription_request_boards (request_id, board_id) {
        request_id -> BigInt,
        board_id -> BigInt,
    }
}

diesel::table! {
    user_ignores (user_id, ignored_id) {
        user_id -> BigInt,
        ignored_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        post_id -> Nullable<BigInt>,
        actor_id -> Nullable<BigInt>,
        modlog_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
        mailed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    thread_reads (user_id, thread_id) {
        user_id -> BigInt,
        thread_id -> BigInt,
        last_read_post_id -> BigInt,
        read_at -> Timestamp,
    }
}

diesel::table! {
    thread_watches (id) {
        id -> BigInt,
        user_id -> BigInt,
        thread_id -> BigInt,
        notified_through -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(email_tokens -> users (user_id));
diesel::joinable!(threads -> boards (board_id));
diesel::joinable!(posts -> threads (thread_id));
diesel::joinable!(post_revisions -> posts (post_id));
diesel::joinable!(post_supports -> posts (post_id));
diesel::joinable!(flags -> posts (post_id));
diesel::joinable!(appeals -> modlog (modlog_id));
diesel::joinable!(subscriptions -> subscribers (subscriber_id));
diesel::joinable!(subscription_request_boards -> subscription_requests (request_id));
diesel::joinable!(subscriptions -> boards (board_id));
diesel::joinable!(subscription_requests -> subscribers (subscriber_id));
diesel::joinable!(thread_watches -> threads (thread_id));
diesel::joinable!(consultations -> threads (thread_id));
diesel::joinable!(synthesis_revisions -> consultations (thread_id));
diesel::allow_tables_to_appear_in_same_query!(
    boards,
    site_settings,
    users,
    notifications,
    thread_reads,
    sessions,
    email_tokens,
    rate_events,
    outbox,
    threads,
    posts,
    post_revisions,
    post_supports,
    moderators,
    rules,
    flags,
    modlog,
    transparency_months,
    inbound_messages,
    appeals,
    subscribers,
    subscriptions,
    subscription_requests,
    subscription_request_boards,
    thread_watches,
    user_ignores,
    stakeholder_domains,
    consultations,
    synthesis_revisions,
);
