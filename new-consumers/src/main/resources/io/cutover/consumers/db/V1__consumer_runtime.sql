-- Where each consumer stands in the event log: every event below next_sequence is done (processed, parked or dead).
create table consumer_checkpoint (
    consumer       text        primary key,
    next_sequence  bigint      not null check (next_sequence >= 1),
    updated_at     timestamptz not null
);

-- The idempotency mark: inserted in the transaction of the event's effect, so "marked" means "done", exactly once.
create table consumer_processed (
    consumer       text        not null,
    event_id       uuid        not null,
    sequence       bigint      not null,
    outcome        text        not null check (outcome in ('NEW', 'SHADOW', 'LEGACY', 'NO_STAMP', 'NOT_FIRED', 'SKIPPED')),
    processed_at   timestamptz not null,
    primary key (consumer, event_id)
);

-- Events that failed every attempt (or can never succeed, e.g. an unknown version). PARKED blocks the partition key.
create table consumer_dead_letter (
    id             bigserial   primary key,
    consumer       text        not null,
    event_id       uuid        not null,
    sequence       bigint      not null,
    partition_key  text        not null,
    event_type     text        not null,
    event_version  integer     not null,
    event          jsonb       not null,
    error          text        not null,
    attempts       integer     not null,
    state          text        not null check (state in ('PARKED', 'REDRIVEN', 'SKIPPED')),
    dead_at        timestamptz not null,
    resolved_at    timestamptz,
    resolved_by    text,
    resolution     text,
    unique (consumer, event_id)
);
create index consumer_dead_letter_parked on consumer_dead_letter (consumer, partition_key) where state = 'PARKED';

-- Later events of a key with a PARKED dead letter: they wait here, in order, until the dead letter is redriven or skipped.
create table consumer_parked (
    consumer       text        not null,
    event_id       uuid        not null,
    sequence       bigint      not null,
    partition_key  text        not null,
    parked_at      timestamptz not null,
    primary key (consumer, event_id)
);
create index consumer_parked_by_key on consumer_parked (consumer, partition_key, sequence);

-- Outside calls (SMTP, HTTP): the intent commits before the call, the completion after it. An INTENT without completion
-- is a call whose outcome is unknown (crash or error after sending): it is repeated with the same idempotency key.
create table consumer_outbox (
    consumer        text        not null,
    event_id        uuid        not null,
    call_index      integer     not null,
    port            text        not null,
    idempotency_key text        not null unique,
    effect          jsonb       not null,
    state           text        not null check (state in ('INTENT', 'COMPLETED')),
    attempts        integer     not null,
    intended_at     timestamptz not null,
    completed_at    timestamptz,
    primary key (consumer, event_id, call_index)
);
