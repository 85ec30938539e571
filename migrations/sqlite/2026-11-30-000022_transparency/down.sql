DROP TABLE transparency_months;
DROP INDEX flags_created;
DROP INDEX modlog_created;
ALTER TABLE modlog DROP COLUMN waited_since;
ALTER TABLE modlog DROP COLUMN origin;
