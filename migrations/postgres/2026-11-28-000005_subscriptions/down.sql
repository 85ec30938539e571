DROP INDEX posts_created;
DROP INDEX threads_created;
DROP TABLE thread_watches;
DROP TABLE subscription_requests;
DROP TABLE subscriptions;
DROP TABLE subscribers;
