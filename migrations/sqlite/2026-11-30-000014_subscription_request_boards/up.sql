-- The boards of a subscription request are rows, not a comma-separated list: the database
-- knows they are boards (a board that goes away leaves the request), and nothing parses text.
CREATE TABLE subscription_request_boards (
    request_id BIGINT NOT NULL REFERENCES subscription_requests (id) ON DELETE CASCADE,
    board_id BIGINT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    PRIMARY KEY (request_id, board_id)
);
INSERT INTO subscription_request_boards (request_id, board_id)
SELECT DISTINCT r.id, b.id
FROM subscription_requests r, json_each('[' || r.boards || ']') j
JOIN boards b ON b.id = j.value
WHERE r.boards <> '';
ALTER TABLE subscription_requests DROP COLUMN boards;
