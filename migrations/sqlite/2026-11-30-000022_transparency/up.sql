-- What set each decision off (a report, a moderator on their own, the automatic rules) and,
-- when it answered a report or a held post, since when that waited (the earliest open
-- report, or the held post's creation). Older entries are filled in as well as they can be:
-- approvals, rejections and automatic hiding come from the automatic rules, the rest from a
-- moderator; a held post waited from its creation.
ALTER TABLE modlog ADD COLUMN origin TEXT NULL
    CONSTRAINT modlog_origin_known CHECK (origin IN ('flag', 'moderator', 'automatic'));
ALTER TABLE modlog ADD COLUMN waited_since TIMESTAMP NULL;
UPDATE modlog SET origin = CASE WHEN action IN ('approve', 'reject', 'auto_hide')
    THEN 'automatic' ELSE 'moderator' END;
UPDATE modlog SET waited_since = (SELECT p.created_at FROM posts p WHERE p.id = modlog.target_id)
    WHERE action IN ('approve', 'reject') AND target_kind = 'post';
CREATE INDEX modlog_created ON modlog (created_at);
CREATE INDEX flags_created ON flags (created_at);

-- A month's transparency figures, computed once after the month ends and kept: later
-- deletions (purged reports, erased accounts) do not rewrite the past.
CREATE TABLE transparency_months (
    month TEXT PRIMARY KEY NOT NULL,
    figures TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
