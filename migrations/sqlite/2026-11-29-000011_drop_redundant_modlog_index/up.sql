-- The primary key already orders the log by id; this second index only cost every write.
DROP INDEX modlog_listing;
