DROP TABLE outbox;
DROP TABLE rate_events;
DROP TABLE email_tokens;
DROP TABLE sessions;
DROP TABLE users;
