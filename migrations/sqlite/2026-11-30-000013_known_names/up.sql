-- Every stored name (a status, a role, a language, a log action, a report reason, an email
-- kind, a digest frequency) is one the code knows: the database refuses any other. SQLite adds
-- a CHECK constraint only with a new column: add it (a column added NOT NULL needs a default;
-- every row is copied over it at once), copy, drop the old column and its indexes, take its
-- name, and build the indexes again.

ALTER TABLE users ADD COLUMN role_known TEXT NOT NULL DEFAULT 'member'
    CONSTRAINT users_role_known CHECK (role_known IN ('member', 'moderator', 'admin'));
UPDATE users SET role_known = role;
ALTER TABLE users DROP COLUMN role;
ALTER TABLE users RENAME COLUMN role_known TO role;

ALTER TABLE users ADD COLUMN locale_known TEXT NOT NULL DEFAULT 'es'
    CONSTRAINT users_locale_known CHECK (locale_known IN ('es', 'en'));
UPDATE users SET locale_known = locale;
ALTER TABLE users DROP COLUMN locale;
ALTER TABLE users RENAME COLUMN locale_known TO locale;

DROP INDEX threads_listing;
ALTER TABLE threads ADD COLUMN status_known TEXT NOT NULL DEFAULT 'published'
    CONSTRAINT threads_status_known CHECK (status_known IN ('published', 'pending', 'hidden', 'deleted'));
UPDATE threads SET status_known = status;
ALTER TABLE threads DROP COLUMN status;
ALTER TABLE threads RENAME COLUMN status_known TO status;
CREATE INDEX threads_listing ON threads (board_id, status, pinned, last_post_at, id);

DROP INDEX posts_status;
ALTER TABLE posts ADD COLUMN status_known TEXT NOT NULL DEFAULT 'published'
    CONSTRAINT posts_status_known CHECK (status_known IN ('published', 'pending', 'hidden', 'deleted'));
UPDATE posts SET status_known = status;
ALTER TABLE posts DROP COLUMN status;
ALTER TABLE posts RENAME COLUMN status_known TO status;
CREATE INDEX posts_status ON posts (status, id);

ALTER TABLE flags ADD COLUMN reason_known TEXT NOT NULL DEFAULT 'other'
    CONSTRAINT flags_reason_known CHECK (reason_known IN ('child_safety', 'abuse', 'misinformation', 'spam', 'off_topic', 'other'));
UPDATE flags SET reason_known = reason;
ALTER TABLE flags DROP COLUMN reason;
ALTER TABLE flags RENAME COLUMN reason_known TO reason;

DROP INDEX modlog_action;
ALTER TABLE modlog ADD COLUMN action_known TEXT NOT NULL DEFAULT 'approve'
    CONSTRAINT modlog_action_known CHECK (action_known IN ('approve', 'reject', 'hide', 'restore', 'auto_hide', 'lock', 'unlock', 'pin', 'unpin', 'move', 'suspend', 'unsuspend', 'ban', 'appeal_upheld', 'appeal_overturned', 'purge_revision', 'appoint', 'revoke', 'board', 'rules', 'settings', 'outbox_retry', 'outbox_discard'));
UPDATE modlog SET action_known = action;
ALTER TABLE modlog DROP COLUMN action;
ALTER TABLE modlog RENAME COLUMN action_known TO action;
CREATE INDEX modlog_action ON modlog (action, id);

ALTER TABLE outbox ADD COLUMN kind_known TEXT NOT NULL DEFAULT 'verify'
    CONSTRAINT outbox_kind_known CHECK (kind_known IN ('verify', 'already_registered', 'reset', 'email_change', 'email_changed', 'subscribe_confirm', 'digest', 'watch', 'post_hidden', 'post_rejected', 'suspended', 'banned', 'report_urgent'));
UPDATE outbox SET kind_known = kind;
ALTER TABLE outbox DROP COLUMN kind;
ALTER TABLE outbox RENAME COLUMN kind_known TO kind;

ALTER TABLE outbox ADD COLUMN locale_known TEXT NOT NULL DEFAULT 'es'
    CONSTRAINT outbox_locale_known CHECK (locale_known IN ('es', 'en'));
UPDATE outbox SET locale_known = locale;
ALTER TABLE outbox DROP COLUMN locale;
ALTER TABLE outbox RENAME COLUMN locale_known TO locale;

ALTER TABLE subscribers ADD COLUMN locale_known TEXT NOT NULL DEFAULT 'es'
    CONSTRAINT subscribers_locale_known CHECK (locale_known IN ('es', 'en'));
UPDATE subscribers SET locale_known = locale;
ALTER TABLE subscribers DROP COLUMN locale;
ALTER TABLE subscribers RENAME COLUMN locale_known TO locale;

DROP INDEX subscriptions_frequency;
ALTER TABLE subscriptions ADD COLUMN frequency_known TEXT NOT NULL DEFAULT 'daily'
    CONSTRAINT subscriptions_frequency_known CHECK (frequency_known IN ('daily', 'weekly'));
UPDATE subscriptions SET frequency_known = frequency;
ALTER TABLE subscriptions DROP COLUMN frequency;
ALTER TABLE subscriptions RENAME COLUMN frequency_known TO frequency;
CREATE INDEX subscriptions_frequency ON subscriptions (frequency, subscriber_id);

ALTER TABLE subscription_requests ADD COLUMN frequency_known TEXT NOT NULL DEFAULT 'daily'
    CONSTRAINT subscription_requests_frequency_known CHECK (frequency_known IN ('daily', 'weekly'));
UPDATE subscription_requests SET frequency_known = frequency;
ALTER TABLE subscription_requests DROP COLUMN frequency;
ALTER TABLE subscription_requests RENAME COLUMN frequency_known TO frequency;

ALTER TABLE subscription_requests ADD COLUMN locale_known TEXT NOT NULL DEFAULT 'es'
    CONSTRAINT subscription_requests_locale_known CHECK (locale_known IN ('es', 'en'));
UPDATE subscription_requests SET locale_known = locale;
ALTER TABLE subscription_requests DROP COLUMN locale;
ALTER TABLE subscription_requests RENAME COLUMN locale_known TO locale;
