-- Up Migration
-- The W3C traceparent of the request that wrote the event: the relay publishes it later, outside
-- that request, and its publish span continues the request's trace (issue 14, "Traces"). NULL for
-- events written outside any trace (and for rows written before this column).
ALTER TABLE outbox ADD COLUMN traceparent text;

-- Down Migration
ALTER TABLE outbox DROP COLUMN traceparent;
