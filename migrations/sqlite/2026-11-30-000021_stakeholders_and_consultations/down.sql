DELETE FROM outbox WHERE kind = 'affiliation';
ALTER TABLE outbox ADD COLUMN kind_known TEXT NOT NULL DEFAULT 'verify'
    CONSTRAINT outbox_kind_known CHECK (kind_known IN ('verify', 'already_registered', 'reset', 'email_change', 'email_changed', 'subscribe_confirm', 'digest', 'watch', 'post_hidden', 'post_rejected', 'suspended', 'banned', 'report_urgent', 'notifications'));
UPDATE outbox SET kind_known = kind;
ALTER TABLE outbox DROP COLUMN kind;
ALTER TABLE outbox RENAME COLUMN kind_known TO kind;
DELETE FROM modlog WHERE action IN ('affiliation_verify', 'affiliation_revoke', 'consultation_close', 'synthesis_publish');
DROP INDEX modlog_action;
ALTER TABLE modlog ADD COLUMN action_known TEXT NOT NULL DEFAULT 'approve'
    CONSTRAINT modlog_action_known CHECK (action_known IN ('approve', 'reject', 'hide', 'restore', 'auto_hide', 'lock', 'unlock', 'pin', 'unpin', 'move', 'suspend', 'unsuspend', 'ban', 'appeal_upheld', 'appeal_overturned', 'purge_revision', 'appoint', 'revoke', 'board', 'rules', 'settings', 'outbox_retry', 'outbox_discard'));
UPDATE modlog SET action_known = action;
ALTER TABLE modlog DROP COLUMN action;
ALTER TABLE modlog RENAME COLUMN action_known TO action;
CREATE INDEX modlog_action ON modlog (action, id);
DELETE FROM notifications WHERE kind = 'consultation';
DROP INDEX notifications_consultation_once;
DROP INDEX notifications_once;
CREATE UNIQUE INDEX notifications_once ON notifications (user_id, post_id) WHERE kind <> 'moderation';
ALTER TABLE posts DROP COLUMN kind;
DROP TABLE synthesis_revisions;
DROP TABLE consultations;
DROP INDEX threads_opening;
ALTER TABLE threads DROP COLUMN opens_at;
DROP TABLE stakeholder_domains;
ALTER TABLE users DROP COLUMN affiliation_verified_at;
ALTER TABLE users DROP COLUMN affiliation_email;
ALTER TABLE users DROP COLUMN organization;
ALTER TABLE users DROP COLUMN stakeholder;
