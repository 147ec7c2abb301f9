-- What a new consumer would have done for one firing of a flow, recorded instead of acting (SHADOW stage).
create table shadow_effect (
    id             bigserial   primary key,
    flow           text        not null,
    occurrence_key text        not null,
    consumer       text        not null,
    event_id       uuid        not null,
    effect         jsonb       not null,
    recorded_at    timestamptz not null,
    -- a redelivered event records nothing new
    unique (consumer, event_id, flow, occurrence_key)
);
create index shadow_effect_by_occurrence on shadow_effect (flow, occurrence_key);
