-- How far the transcode of a video has got (me.klepp.media.rendition-progressed.v1), for the owner waiting for it:
-- a percentage of the clip, and the version of the object it is about. Only meaningful while that version has no
-- rendition result (rendition_etag, rendition_state); the API shows it with the state 'transcoding'.
alter table media_file
    -- written by metadata-ingestor, 0 to 100
    add column rendition_progress smallint
        constraint media_file_rendition_progress_check check (rendition_progress between 0 and 100),
    -- written by metadata-ingestor with rendition_progress
    add column rendition_progress_etag text;
