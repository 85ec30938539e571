-- Stakeholder labels: the group and organisation a member declares, and whether a work
-- address on a domain the admins listed for that group (or an admin by hand) verified it.
-- The work address is personal data: kept only while it backs the label.
ALTER TABLE users ADD COLUMN stakeholder TEXT NULL
    CONSTRAINT users_stakeholder_known CHECK (stakeholder IN ('government', 'private_sector', 'civil_society', 'academia', 'technical_community', 'intergovernmental'));
ALTER TABLE users ADD COLUMN organization TEXT NULL;
ALTER TABLE users ADD COLUMN affiliation_email TEXT NULL;
ALTER TABLE users ADD COLUMN affiliation_verified_at TIMESTAMP NULL;

CREATE TABLE stakeholder_domains (
    domain TEXT PRIMARY KEY NOT NULL,
    stakeholder TEXT NOT NULL CONSTRAINT stakeholder_domains_known CHECK (stakeholder IN ('government', 'private_sector', 'civil_society', 'academia', 'technical_community', 'intergovernmental')),
    created_at TIMESTAMP NOT NULL
);

-- A consultation is a thread (its first post is the question) with dates: a draft until
-- `threads.opens_at` (the opening day's midnight in the site's time zone, in UTC), open until
-- the end of `closes_on`, or until a moderator closed it early; then its synthesis.
ALTER TABLE threads ADD COLUMN opens_at TIMESTAMP NULL;
CREATE INDEX threads_opening ON threads (opens_at) WHERE opens_at IS NOT NULL;
CREATE TABLE consultations (
    thread_id BIGINT PRIMARY KEY NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    opens_on DATE NOT NULL,
    closes_on DATE NOT NULL,
    closed_at TIMESTAMP NULL,
    close_reason TEXT NULL,
    synthesis_source TEXT NULL,
    synthesis_html TEXT NULL,
    synthesis_published_at TIMESTAMP NULL,
    created_by BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT consultations_dates_ordered CHECK (opens_on <= closes_on)
);
CREATE INDEX consultations_closing ON consultations (closes_on);
CREATE TABLE synthesis_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    thread_id BIGINT NOT NULL REFERENCES consultations (thread_id) ON DELETE CASCADE,
    body_source TEXT NOT NULL,
    author_id BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX synthesis_revisions_thread ON synthesis_revisions (thread_id, id);

-- A contribution's kind (replies in a consultation only).
ALTER TABLE posts ADD COLUMN kind TEXT NULL CONSTRAINT posts_kind_known CHECK (kind IN ('proposal', 'objection', 'question', 'evidence', 'comment'));

-- A consultation's synthesis notifies each participant once.
DROP INDEX notifications_once;
CREATE UNIQUE INDEX notifications_once ON notifications (user_id, post_id)
    WHERE kind NOT IN ('moderation', 'consultation');
CREATE UNIQUE INDEX notifications_consultation_once ON notifications (user_id, post_id)
    WHERE kind = 'consultation';

-- SQLite changes a constraint only with its column: add, copy, drop, rename.
DROP INDEX modlog_action;
ALTER TABLE modlog ADD COLUMN action_known TEXT NOT NULL DEFAULT 'approve'
    CONSTRAINT modlog_action_known CHECK (action_known IN ('approve', 'reject', 'hide', 'restore', 'auto_hide', 'lock', 'unlock', 'pin', 'unpin', 'move', 'suspend', 'unsuspend', 'ban', 'appeal_upheld', 'appeal_overturned', 'purge_revision', 'appoint', 'revoke', 'board', 'rules', 'settings', 'outbox_retry', 'outbox_discard', 'affiliation_verify', 'affiliation_revoke', 'consultation_close', 'synthesis_publish'));
UPDATE modlog SET action_known = action;
ALTER TABLE modlog DROP COLUMN action;
ALTER TABLE modlog RENAME COLUMN action_known TO action;
CREATE INDEX modlog_action ON modlog (action, id);

ALTER TABLE outbox ADD COLUMN kind_known TEXT NOT NULL DEFAULT 'verify'
    CONSTRAINT outbox_kind_known CHECK (kind_known IN ('verify', 'already_registered', 'reset', 'email_change', 'email_changed', 'subscribe_confirm', 'digest', 'watch', 'post_hidden', 'post_rejected', 'suspended', 'banned', 'report_urgent', 'notifications', 'affiliation'));
UPDATE outbox SET kind_known = kind;
ALTER TABLE outbox DROP COLUMN kind;
ALTER TABLE outbox RENAME COLUMN kind_known TO kind;
