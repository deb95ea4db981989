-- Up Migration
-- The W3C traceparent of the request that made the disclosure: the relay publishes the link to
-- access.audit.v1 later, outside that request, and its publish span continues the request's trace
-- (issue 14, "Traces"). Trace context, not audit content: outside the link's hash. NULL outside
-- any trace and for links written before this column.
ALTER TABLE audit_log ADD COLUMN traceparent text;

-- Down Migration
ALTER TABLE audit_log DROP COLUMN traceparent;
