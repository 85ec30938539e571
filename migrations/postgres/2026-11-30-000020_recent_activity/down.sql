DROP INDEX threads_activity;
