-- The flag store: one row per flow with its current stage, and an append-only audit of every change.
create table flow (
    flow           text        primary key,
    stage          text        not null check (stage in ('LEGACY', 'SHADOW', 'CANARY', 'CUTOVER')),
    canary_percent smallint    not null default 0,
    changed_at     timestamptz not null,
    revision       bigint      not null default 1,
    check ((stage = 'CANARY' and canary_percent between 0 and 100) or (stage <> 'CANARY' and canary_percent = 0))
);

create table flow_stage_change (
    id          bigserial   primary key,
    flow        text        not null references flow (flow),
    changed_at  timestamptz not null,
    actor       text        not null check (length(btrim(actor)) > 0),
    from_stage  text,
    from_percent smallint,
    to_stage    text        not null,
    to_percent  smallint    not null,
    reason      text        not null check (length(btrim(reason)) > 0)
);
create index flow_stage_change_by_flow on flow_stage_change (flow, id);

-- the audit is evidence: refuse to rewrite it
create function refuse_audit_rewrite() returns trigger language plpgsql as $$
begin
    raise exception 'cutover.flow_stage_change is append-only';
end $$;
create trigger flow_stage_change_append_only before update or delete on flow_stage_change
    for each statement execute function refuse_audit_rewrite();

-- Which path performs one firing of a flow, written by the legacy shim in the legacy transaction.
create table decision_stamp (
    flow           text        not null,
    occurrence_key text        not null,
    decision       text        not null check (decision in ('LEGACY', 'SHADOW', 'NEW')),
    stage          text        not null,
    canary_percent smallint    not null,
    decided_at     timestamptz not null,
    primary key (flow, occurrence_key)
);

-- What the legacy path did, journaled in the legacy transaction so that shadow runs can be compared with it.
create table effect_journal (
    id             bigserial   primary key,
    flow           text        not null,
    occurrence_key text        not null,
    effect         jsonb       not null,
    recorded_at    timestamptz not null
);
create index effect_journal_by_occurrence on effect_journal (flow, occurrence_key);
