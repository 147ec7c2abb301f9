-- Nothing reads the log by type (consumers read by sequence and filter in memory), and maintaining this index was
-- ~12 % of PostgreSQL's CPU per appended event (appending 100k events, BENCHMARKS.md's cdc section): the append is the
-- bridge's hot path.
drop index event_log_by_type;
