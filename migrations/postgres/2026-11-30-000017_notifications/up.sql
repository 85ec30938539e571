-- What concerns a member: a reply to them, a mention, a quote, news in a watched thread, a
-- moderation decision, a consultation's change. Written with its cause; withdrawn from view
-- while its post is out of view. `mailed_at` is set once the batched email took it (or found
-- nothing to say about it), so two instances never send it twice.
CREATE TABLE notifications (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CONSTRAINT notifications_kind_known CHECK (kind IN ('reply', 'mention', 'quote', 'watch', 'moderation', 'consultation')),
    post_id BIGINT NULL REFERENCES posts (id) ON DELETE CASCADE,
    actor_id BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
    modlog_id BIGINT NULL REFERENCES modlog (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP NULL,
    mailed_at TIMESTAMP NULL
);
-- One notification per member per post, except moderation decisions (one per decision).
CREATE UNIQUE INDEX notifications_once ON notifications (user_id, post_id)
    WHERE kind <> 'moderation';
CREATE INDEX notifications_unread ON notifications (user_id, read_at);
CREATE INDEX notifications_listing ON notifications (user_id, id);
CREATE INDEX notifications_unmailed ON notifications (id) WHERE mailed_at IS NULL;
CREATE INDEX notifications_post ON notifications (post_id);

-- Where each member stopped reading each thread.
CREATE TABLE thread_reads (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    last_read_post_id BIGINT NOT NULL,
    read_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, thread_id)
);

ALTER TABLE users ADD COLUMN notify_email TEXT NOT NULL DEFAULT 'batched'
    CONSTRAINT users_notify_email_known CHECK (notify_email IN ('off', 'batched'));

ALTER TABLE outbox DROP CONSTRAINT outbox_kind_known;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_known CHECK (kind IN ('verify', 'already_registered', 'reset', 'email_change', 'email_changed', 'subscribe_confirm', 'digest', 'watch', 'post_hidden', 'post_rejected', 'suspended', 'banned', 'report_urgent', 'notifications'));
