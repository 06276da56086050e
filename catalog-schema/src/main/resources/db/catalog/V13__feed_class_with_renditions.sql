-- The default feed lists what every browser plays (V9): now also a video whose rendition the rendition worker
-- made (V12: an MP4 at rendition_key, which the API serves as its uri), whatever its own container and codec.
-- Until a video has been decided on, today's rule holds (H.264 in a key ending in .mp4), so nothing that was listed
-- before disappears while the worker catches up, or where it is not deployed.
alter table media_file drop column feed_class;
alter table media_file add column feed_class text not null generated always as (
    case
        when processing_state <> 'done' then 'unready'
        when media_kind = 'video' and rendition_state = 'ready' and rendition_key is not null then 'playable'
        when media_kind = 'video' and video_codec = 'h264' and object_key like '%.mp4' then 'playable'
        else media_kind
    end) stored;

-- Dropping the column dropped the covering indexes that carry it (V9): the same again.
create index media_file_feed_idx on media_file (uploaded_at desc, id desc)
    include (owner_id, hidden, feed_class) where upload_state = 'uploaded';

create index media_file_likes_idx on media_file (like_count desc, id desc)
    include (owner_id, hidden, feed_class) where upload_state = 'uploaded';

create index media_file_size_idx on media_file ((coalesce(size_bytes, 0)) desc, id desc)
    include (size_bytes, owner_id, hidden, feed_class) where upload_state = 'uploaded';

create index media_file_duration_idx on media_file ((coalesce(duration_ms, -1)) desc, id desc)
    include (duration_ms, owner_id, hidden, feed_class) where upload_state = 'uploaded';

create index media_file_name_idx on media_file ((lower(display_name)), id)
    include (display_name, owner_id, hidden, feed_class) where upload_state = 'uploaded';

create index media_file_owner_feed_idx on media_file (owner_id, uploaded_at desc, id desc)
    include (hidden, feed_class) where upload_state = 'uploaded';

-- The rendition state is read by the filter now, so it counts as a feed change too (V7, V9).
drop trigger media_file_feed_change on media_file;
create trigger media_file_feed_change
    after insert or delete or update of upload_state, owner_id, hidden, display_name, media_kind, processing_state,
        video_codec, object_key, rendition_state, rendition_key on media_file
    for each statement execute function feed_changed();
