DROP TABLE user_ignores;
