ALTER TABLE subscription_requests ADD COLUMN boards TEXT NOT NULL DEFAULT '';
UPDATE subscription_requests SET boards = COALESCE((
    SELECT string_agg(board_id::text, ',' ORDER BY board_id) FROM subscription_request_boards
    WHERE request_id = subscription_requests.id), '');
DROP TABLE subscription_request_boards;
