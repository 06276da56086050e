-- The hover preview is a result of its own (me.klepp.media.preview-ready.v1), reported after the thumbnail and the
-- metadata (processed.v1), in any order with them: preview_etag is the version of the object the preview was made
-- from, so a processed event without a preview keeps the preview of its own version, and an overwrite resets it.
alter table media_file
    -- written by metadata-ingestor with preview_key; null when there is no preview
    add column preview_etag text;
-- Previews recorded before this column existed came with the processed event of the version it names.
update media_file set preview_etag = coalesce(processed_etag, etag) where preview_key is not null;
