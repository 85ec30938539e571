DELETE FROM outbox WHERE kind = 'reply_refused';
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_known;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_known CHECK (kind IN ('verify', 'already_registered', 'reset', 'email_change', 'email_changed', 'subscribe_confirm', 'digest', 'watch', 'post_hidden', 'post_rejected', 'suspended', 'banned', 'report_urgent', 'notifications', 'affiliation'));
DROP TABLE inbound_messages;
