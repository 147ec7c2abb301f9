-- The comparator's state and results. Mode SHADOW compares the legacy journal with shadow effects; mode CALIBRATION
-- (A/A) compares repeated legacy firings with each other, so its results never mix with the real comparison.

-- Where each run resumes reading a source; moves in the same transaction as the results it produced.
create table comparison_checkpoint (
    mode     text   not null check (mode in ('SHADOW', 'CALIBRATION')),
    source   text   not null check (source in ('LEGACY', 'SHADOW')),
    position bigint not null,
    primary key (mode, source)
);

-- One row per firing accounted for: a pair (MATCH, MISMATCH, LATE) or a lone effect (MISSING_*). A missing row is
-- updated in place when its counterpart finally arrives, so every source row is counted exactly once.
create table comparison_result (
    id                 bigserial   primary key,
    mode               text        not null check (mode in ('SHADOW', 'CALIBRATION')),
    flow               text        not null,
    occurrence_key     text        not null,
    outcome            text        not null
        check (outcome in ('MATCH', 'MISMATCH', 'MISSING_IN_NEW', 'MISSING_IN_LEGACY', 'LATE')),
    diff               jsonb,
    legacy_id          bigint,
    legacy_recorded_at timestamptz,
    shadow_id          bigint,
    shadow_recorded_at timestamptz,
    lag_ms             bigint,
    compared_at        timestamptz not null,
    check ((legacy_id is null) = (legacy_recorded_at is null)),
    check ((shadow_id is null) = (shadow_recorded_at is null)),
    check (legacy_id is not null or shadow_id is not null),
    check ((outcome = 'MISMATCH') = (outcome <> 'LATE' and diff is not null))
);
-- a source row can be in one result only: a re-read can never count it twice
create unique index comparison_result_legacy on comparison_result (mode, legacy_id) where legacy_id is not null;
create unique index comparison_result_shadow on comparison_result (mode, shadow_id) where shadow_id is not null;
create index comparison_result_by_flow on comparison_result (mode, flow, outcome, compared_at);

-- Effects read but not paired yet: within their lag window, or already reported missing and kept for late pairing
-- until keep-unpaired-for has passed.
create table comparison_pending (
    mode           text        not null check (mode in ('SHADOW', 'CALIBRATION')),
    side           text        not null check (side in ('LEGACY', 'SHADOW')),
    source_id      bigint      not null,
    flow           text        not null,
    occurrence_key text        not null,
    effect         jsonb       not null,
    recorded_at    timestamptz not null,
    result_id      bigint      references comparison_result (id),
    primary key (mode, side, source_id)
);
create index comparison_pending_by_occurrence on comparison_pending (mode, flow, occurrence_key);
create index comparison_pending_unresolved on comparison_pending (mode, recorded_at) where result_id is null;

-- Counters per flow, always consistent with the results (a view cannot double-count).
create view comparison_counter as
select mode,
       flow,
       count(*)                                             as compared,
       count(*) filter (where outcome = 'MATCH')             as matched,
       count(*) filter (where outcome = 'MISMATCH')          as mismatched,
       count(*) filter (where outcome = 'MISSING_IN_NEW')    as missing_in_new,
       count(*) filter (where outcome = 'MISSING_IN_LEGACY') as missing_in_legacy,
       count(*) filter (where outcome = 'LATE')              as late,
       max(compared_at)                                      as last_compared_at
from comparison_result
group by mode, flow;
