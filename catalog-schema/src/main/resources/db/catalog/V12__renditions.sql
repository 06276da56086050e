-- How a video plays in browsers, as the rendition worker reported it for one version of the object
-- (rendition_etag): 'original' (web-safe as uploaded, nothing made), 'ready' (rendition_key, an MP4 in the derived
-- bucket, made by rendition_decision 'remux' or 'transcode'), or 'failed' (rendition_error). Null until reported,
-- and again after an overwrite. The rendition's own size, picture size and duration are kept for the API.
alter table media_file
    add column rendition_state text
        constraint media_file_rendition_state_check check (rendition_state in ('original', 'ready', 'failed')),
    add column rendition_etag text,
    add column rendition_decision text,
    add column rendition_key text,
    add column rendition_error text,
    add column rendition_size bigint,
    add column rendition_width integer,
    add column rendition_height integer,
    add column rendition_duration_ms bigint;
