-- Personal API tokens (ShareX custom uploader). Written by api-service. Only a SHA-256 of each secret is kept:
-- the secret is shown once, at creation.
create table api_token (
    id            uuid primary key,
    user_id       uuid not null references app_user (id) on delete cascade,
    name          text not null,
    secret_hash   text not null unique,
    scope         text not null check (scope in ('upload')),
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create index api_token_user_idx on api_token (user_id, created_at desc);
