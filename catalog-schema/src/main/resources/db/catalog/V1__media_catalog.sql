-- The media catalog: who uploaded which object, its state, and what the thumbnail worker found.
-- Shared by api-service and metadata-ingestor (ARCHITECTURE.md says which columns each one writes).

create table app_user (
    id             uuid primary key,
    name           text not null,
    avatar_key     text,
    created_at     timestamptz not null default now()
);
create unique index app_user_name_key on app_user (lower(name));

create table media_file (
    id                uuid primary key,
    -- The S3 key in the media bucket; the API calls it "path". Decoded (spaces, unicode as written).
    object_key        text not null unique,
    owner_id          uuid references app_user (id),
    display_name      text not null,
    content_type      text,
    media_kind        text not null check (media_kind in ('video', 'image')),
    hidden            boolean not null default false,
    declared_size     bigint,
    -- Upload: 'pending' until S3 says the object exists.
    upload_state      text not null default 'pending' check (upload_state in ('pending', 'uploaded')),
    size_bytes        bigint,
    etag              text,
    uploaded_at       timestamptz,
    created_at        timestamptz not null default now(),
    -- Processing by the thumbnail worker, independent of the upload state so the two event streams commute.
    processing_state  text not null default 'pending' check (processing_state in ('pending', 'done', 'failed')),
    processing_error  text,
    thumbnail_key     text,
    thumbnail_width   integer,
    thumbnail_height  integer,
    duration_ms       bigint,
    width             integer,
    height            integer,
    video_codec       text,
    fps               double precision,
    has_audio         boolean,
    bitrate           bigint,
    processed_at      timestamptz
);
create index media_file_feed_idx on media_file (uploaded_at desc, id desc) where upload_state = 'uploaded';
create index media_file_owner_idx on media_file (owner_id);
