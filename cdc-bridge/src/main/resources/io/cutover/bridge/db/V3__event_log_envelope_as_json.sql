-- The log stores envelopes; nothing queries inside them (readers parse the text). json keeps the text as written, where
-- jsonb parses and re-encodes it on every append and again on every read: appending 100,000 envelopes by COPY took
-- PostgreSQL ~10.5 us of CPU per event as json against ~14.5 as jsonb (BENCHMARKS.md, cdc). Rewrites the table once.
alter table event_log alter column envelope type json using envelope::json;
