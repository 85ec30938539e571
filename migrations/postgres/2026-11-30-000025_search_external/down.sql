-- Nothing changed on PostgreSQL.
SELECT 1;
