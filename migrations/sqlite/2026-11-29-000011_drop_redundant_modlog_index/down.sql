CREATE INDEX modlog_listing ON modlog (id);
