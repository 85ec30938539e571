-- Whether a report came from a member with standing (enough published posts and days since
-- sign-up) or a moderator: only those count towards hiding a post before a moderator decides.
ALTER TABLE flags ADD COLUMN trusted BOOLEAN NOT NULL DEFAULT FALSE;
