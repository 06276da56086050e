-- Uploads that bypass the API (ShareX straight to the bucket), registered by metadata-ingestor from S3 events.

alter table media_file
    -- S3's sequencer of the last event applied to this key: older events for the same key are ignored
    add column last_sequencer  text,
    -- first key segment of an object whose owner is neither a known user nor allowed: kept, not dropped, until
    -- a moderator (or the user's sign-up) claims it
    add column unclaimed_owner text;
create index media_file_unclaimed_idx on media_file (unclaimed_owner) where unclaimed_owner is not null;

-- Keys removed from the bucket, with the sequencer of the removal: a late or duplicate ObjectCreated event
-- older than the removal must not bring the row back.
create table object_tombstone (
    object_key  text primary key,
    sequencer   text,
    removed_at  timestamptz not null default now()
);
