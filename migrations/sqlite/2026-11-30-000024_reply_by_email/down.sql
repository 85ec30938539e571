DELETE FROM outbox WHERE kind = 'reply_refused';
ALTER TABLE outbox ADD COLUMN kind_known TEXT NOT NULL DEFAULT 'verify'
    CONSTRAINT outbox_kind_known CHECK (kind_known IN ('verify', 'already_registered', 'reset', 'email_change', 'email_changed', 'subscribe_confirm', 'digest', 'watch', 'post_hidden', 'post_rejected', 'suspended', 'banned', 'report_urgent', 'notifications', 'affiliation'));
UPDATE outbox SET kind_known = kind;
ALTER TABLE outbox DROP COLUMN kind;
ALTER TABLE outbox RENAME COLUMN kind_known TO kind;
DROP TABLE inbound_messages;
