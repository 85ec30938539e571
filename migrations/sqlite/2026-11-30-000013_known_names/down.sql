-- The constraints go with the columns: rebuild each as plain TEXT.

ALTER TABLE users ADD COLUMN role_plain TEXT NOT NULL DEFAULT 'member';
UPDATE users SET role_plain = role;
ALTER TABLE users DROP COLUMN role;
ALTER TABLE users RENAME COLUMN role_plain TO role;

ALTER TABLE users ADD COLUMN locale_plain TEXT NOT NULL DEFAULT 'es';
UPDATE users SET locale_plain = locale;
ALTER TABLE users DROP COLUMN locale;
ALTER TABLE users RENAME COLUMN locale_plain TO locale;

DROP INDEX threads_listing;
ALTER TABLE threads ADD COLUMN status_plain TEXT NOT NULL DEFAULT 'published';
UPDATE threads SET status_plain = status;
ALTER TABLE threads DROP COLUMN status;
ALTER TABLE threads RENAME COLUMN status_plain TO status;
CREATE INDEX threads_listing ON threads (board_id, status, pinned, last_post_at, id);

DROP INDEX posts_status;
ALTER TABLE posts ADD COLUMN status_plain TEXT NOT NULL DEFAULT 'published';
UPDATE posts SET status_plain = status;
ALTER TABLE posts DROP COLUMN status;
ALTER TABLE posts RENAME COLUMN status_plain TO status;
CREATE INDEX posts_status ON posts (status, id);

ALTER TABLE flags ADD COLUMN reason_plain TEXT NOT NULL DEFAULT 'other';
UPDATE flags SET reason_plain = reason;
ALTER TABLE flags DROP COLUMN reason;
ALTER TABLE flags RENAME COLUMN reason_plain TO reason;

DROP INDEX modlog_action;
ALTER TABLE modlog ADD COLUMN action_plain TEXT NOT NULL DEFAULT 'approve';
UPDATE modlog SET action_plain = action;
ALTER TABLE modlog DROP COLUMN action;
ALTER TABLE modlog RENAME COLUMN action_plain TO action;
CREATE INDEX modlog_action ON modlog (action, id);

ALTER TABLE outbox ADD COLUMN kind_plain TEXT NOT NULL DEFAULT 'verify';
UPDATE outbox SET kind_plain = kind;
ALTER TABLE outbox DROP COLUMN kind;
ALTER TABLE outbox RENAME COLUMN kind_plain TO kind;

ALTER TABLE outbox ADD COLUMN locale_plain TEXT NOT NULL DEFAULT 'es';
UPDATE outbox SET locale_plain = locale;
ALTER TABLE outbox DROP COLUMN locale;
ALTER TABLE outbox RENAME COLUMN locale_plain TO locale;

ALTER TABLE subscribers ADD COLUMN locale_plain TEXT NOT NULL DEFAULT 'es';
UPDATE subscribers SET locale_plain = locale;
ALTER TABLE subscribers DROP COLUMN locale;
ALTER TABLE subscribers RENAME COLUMN locale_plain TO locale;

DROP INDEX subscriptions_frequency;
ALTER TABLE subscriptions ADD COLUMN frequency_plain TEXT NOT NULL DEFAULT 'daily';
UPDATE subscriptions SET frequency_plain = frequency;
ALTER TABLE subscriptions DROP COLUMN frequency;
ALTER TABLE subscriptions RENAME COLUMN frequency_plain TO frequency;
CREATE INDEX subscriptions_frequency ON subscriptions (frequency, subscriber_id);

ALTER TABLE subscription_requests ADD COLUMN frequency_plain TEXT NOT NULL DEFAULT 'daily';
UPDATE subscription_requests SET frequency_plain = frequency;
ALTER TABLE subscription_requests DROP COLUMN frequency;
ALTER TABLE subscription_requests RENAME COLUMN frequency_plain TO frequency;

ALTER TABLE subscription_requests ADD COLUMN locale_plain TEXT NOT NULL DEFAULT 'es';
UPDATE subscription_requests SET locale_plain = locale;
ALTER TABLE subscription_requests DROP COLUMN locale;
ALTER TABLE subscription_requests RENAME COLUMN locale_plain TO locale;
