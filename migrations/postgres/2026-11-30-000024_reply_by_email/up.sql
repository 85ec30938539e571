-- Reply by email: each received message is handled once, whatever it became (posted, held,
-- refused, ignored), so a redelivery, a second instance or a replay posts nothing twice.
CREATE TABLE inbound_messages (
    message_id TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
    outcome TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL
);
CREATE INDEX inbound_messages_received ON inbound_messages (received_at);

-- The email that tells a member why a reply by email was not posted.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_known;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_known CHECK (kind IN ('verify', 'already_registered', 'reset', 'email_change', 'email_changed', 'subscribe_confirm', 'digest', 'watch', 'post_hidden', 'post_rejected', 'suspended', 'banned', 'report_urgent', 'notifications', 'affiliation', 'reply_refused'));
