-- Events the API emits together with a database change, written in the same transaction and relayed to SQS
-- afterwards with retries (transactional outbox): a crash between commit and publish loses nothing.
create table event_outbox (
    id               bigserial primary key,
    queue            text not null,
    body             text not null,
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    created_at       timestamptz not null default now()
);
create index event_outbox_due_idx on event_outbox (next_attempt_at);
