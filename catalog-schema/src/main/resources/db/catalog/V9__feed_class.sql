-- What the feed lists a file as, kept by PostgreSQL itself so that every writer agrees and the sort indexes can
-- carry it: 'unready' until the worker has processed the file (pending, failed), then 'playable' for a video that
-- the published frontend and every browser plays as it is (H.264 in a key ending in .mp4: the frontend keeps only
-- such URIs), else its kind ('video', 'image'). The default feed lists only 'playable' files (FeedQuery).
alter table media_file add column feed_class text not null generated always as (
    case
        when processing_state <> 'done' then 'unready'
        when media_kind = 'video' and video_codec = 'h264' and object_key like '%.mp4' then 'playable'
        else media_kind
    end) stored;

-- The V8 covering indexes, now carrying feed_class (which the default feed filters on) instead of media_kind.
drop index media_file_feed_idx;
create index media_file_feed_idx on media_file (uploaded_at desc, id desc)
    include (owner_id, hidden, feed_class) where upload_state = 'uploaded';

drop index media_file_likes_idx;
create index media_file_likes_idx on media_file (like_count desc, id desc)
    include (owner_id, hidden, feed_class) where upload_state = 'uploaded';

drop index media_file_size_idx;
create index media_file_size_idx on media_file ((coalesce(size_bytes, 0)) desc, id desc)
    include (size_bytes, owner_id, hidden, feed_class) where upload_state = 'uploaded';

drop index media_file_duration_idx;
create index media_file_duration_idx on media_file ((coalesce(duration_ms, -1)) desc, id desc)
    include (duration_ms, owner_id, hidden, feed_class) where upload_state = 'uploaded';

drop index media_file_name_idx;
create index media_file_name_idx on media_file ((lower(display_name)), id)
    include (display_name, owner_id, hidden, feed_class) where upload_state = 'uploaded';

drop index media_file_owner_feed_idx;
create index media_file_owner_feed_idx on media_file (owner_id, uploaded_at desc, id desc)
    include (hidden, feed_class) where upload_state = 'uploaded';

-- Filters now read the processing result too (through feed_class), so its columns count as feed changes (V7).
drop trigger media_file_feed_change on media_file;
create trigger media_file_feed_change
    after insert or delete or update of upload_state, owner_id, hidden, display_name, media_kind, processing_state,
        video_codec, object_key on media_file
    for each statement execute function feed_changed();
