-- What the thumbnail worker makes besides the feed thumbnail, and the rotation it applied. Written by
-- metadata-ingestor from me.klepp.media.processed.v1 events; every key is in the derived bucket, under
-- '<object_key>/' like thumbnail_key.

alter table media_file
    -- the chosen frame (or the picture) at most 1280 px wide, JPEG: for the player and link previews
    add column poster_key     text,
    add column poster_width   integer,
    add column poster_height  integer,
    -- about 3 s of the clip, muted, at most 480 px wide, MP4/H.264, for hovering in the feed; null for images
    -- and when none could be made
    add column preview_key    text,
    -- clockwise degrees players turn the stored picture by (phone portrait clips); width, height and every
    -- derived picture already have it applied
    add column rotation       integer check (rotation in (0, 90, 180, 270));
