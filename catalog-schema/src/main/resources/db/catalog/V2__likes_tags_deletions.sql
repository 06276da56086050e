-- Likes, tags and reliable deletion of S3 objects. Written by api-service.

-- Kept in step with media_like in the same transaction, so the feed can sort by likes without counting.
alter table media_file add column like_count integer not null default 0 check (like_count >= 0);

create table media_like (
    file_id   uuid not null references media_file (id) on delete cascade,
    user_id   uuid not null references app_user (id) on delete cascade,
    liked_at  timestamptz not null default now(),
    primary key (file_id, user_id)
);
create index media_like_user_idx on media_like (user_id, file_id);

create table tag (
    id          uuid primary key,
    name        text not null,
    created_at  timestamptz not null default now()
);
create unique index tag_name_key on tag (lower(name));

create table media_file_tag (
    file_id  uuid not null references media_file (id) on delete cascade,
    tag_id   uuid not null references tag (id) on delete cascade,
    primary key (file_id, tag_id)
);
create index media_file_tag_tag_idx on media_file_tag (tag_id, file_id);

-- S3 objects to delete, written in the same transaction as the row they belonged to is deleted; a background
-- job works through them with back-off until S3 confirms, so nothing is orphaned silently.
create table object_deletion (
    id               bigserial primary key,
    bucket           text not null,
    object_key       text not null,
    -- true: delete every object whose key starts with object_key (the derived objects of a file)
    is_prefix        boolean not null default false,
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    created_at       timestamptz not null default now()
);
create index object_deletion_due_idx on object_deletion (next_attempt_at);

-- Feed orders: every sort key with the id as tie-break, over listed files only.
create index media_file_likes_idx on media_file (like_count desc, id desc) where upload_state = 'uploaded';
create index media_file_size_idx on media_file (size_bytes desc, id desc) where upload_state = 'uploaded';
create index media_file_duration_idx on media_file ((coalesce(duration_ms, -1)) desc, id desc) where upload_state = 'uploaded';
create index media_file_name_idx on media_file ((lower(display_name)), id) where upload_state = 'uploaded';
create index media_file_owner_feed_idx on media_file (owner_id, uploaded_at desc, id desc) where upload_state = 'uploaded';
