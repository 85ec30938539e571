-- Every stored name (a status, a role, a language, a log action, a report reason, an email
-- kind, a digest frequency) is one the code knows: the database refuses any other.
ALTER TABLE users ADD CONSTRAINT users_role_known CHECK (role IN ('member', 'moderator', 'admin'));
ALTER TABLE users ADD CONSTRAINT users_locale_known CHECK (locale IN ('es', 'en'));
ALTER TABLE threads ADD CONSTRAINT threads_status_known CHECK (status IN ('published', 'pending', 'hidden', 'deleted'));
ALTER TABLE posts ADD CONSTRAINT posts_status_known CHECK (status IN ('published', 'pending', 'hidden', 'deleted'));
ALTER TABLE flags ADD CONSTRAINT flags_reason_known CHECK (reason IN ('child_safety', 'abuse', 'misinformation', 'spam', 'off_topic', 'other'));
ALTER TABLE modlog ADD CONSTRAINT modlog_action_known CHECK (action IN ('approve', 'reject', 'hide', 'restore', 'auto_hide', 'lock', 'unlock', 'pin', 'unpin', 'move', 'suspend', 'unsuspend', 'ban', 'appeal_upheld', 'appeal_overturned', 'purge_revision', 'appoint', 'revoke', 'board', 'rules', 'settings', 'outbox_retry', 'outbox_discard'));
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_known CHECK (kind IN ('verify', 'already_registered', 'reset', 'email_change', 'email_changed', 'subscribe_confirm', 'digest', 'watch', 'post_hidden', 'post_rejected', 'suspended', 'banned', 'report_urgent'));
ALTER TABLE outbox ADD CONSTRAINT outbox_locale_known CHECK (locale IN ('es', 'en'));
ALTER TABLE subscribers ADD CONSTRAINT subscribers_locale_known CHECK (locale IN ('es', 'en'));
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_frequency_known CHECK (frequency IN ('daily', 'weekly'));
ALTER TABLE subscription_requests ADD CONSTRAINT subscription_requests_frequency_known CHECK (frequency IN ('daily', 'weekly'));
ALTER TABLE subscription_requests ADD CONSTRAINT subscription_requests_locale_known CHECK (locale IN ('es', 'en'));
