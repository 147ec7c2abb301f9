-- The append-only event log: one global order (sequence), one row per event id (re-reads of the WAL are absorbed).
create table event_log (
    sequence       bigserial   primary key,
    event_id       uuid        not null unique,
    type           text        not null,
    version        integer     not null,
    partition_key  text        not null,
    occurred_at    timestamptz not null,
    appended_at    timestamptz not null,
    envelope       jsonb       not null
);
create index event_log_by_type on event_log (type, sequence);

-- Row changes the bridge could not map: kept with the reason, never dropped silently, never blocking the stream.
create table bridge_dead_letter (
    id            bigserial   primary key,
    change_id     uuid        not null unique,
    bridge        text        not null,
    source_table  text        not null,
    lsn           bigint      not null,
    raw_change    jsonb       not null,
    reason        text        not null,
    at            timestamptz not null
);

-- Debezium's offsets, per bridge, so that they live (and are backed up) with the database they describe.
create table bridge_offset (
    bridge        text        not null,
    offset_key    bytea       not null,
    offset_value  bytea,
    updated_at    timestamptz not null,
    primary key (bridge, offset_key)
);

-- Written by Debezium's heartbeat action query: keeps the slot moving when the captured tables are idle.
create table bridge_heartbeat (
    bridge        text        primary key,
    beat_at       timestamptz not null
);
