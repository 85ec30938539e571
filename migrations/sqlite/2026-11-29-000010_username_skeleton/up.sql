-- The confusable skeleton of each username (Unicode TR39: `аdmin` with a Cyrillic а and
-- `admin` share one), so a new name that imitates an existing one is refused. Filled at
-- start-up for accounts made before this column.
ALTER TABLE users ADD COLUMN username_skeleton TEXT NULL;
CREATE INDEX users_skeleton ON users (username_skeleton);
