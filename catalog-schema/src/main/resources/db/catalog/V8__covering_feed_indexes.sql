-- Feed sort indexes that also carry what the feed's filters read (owner, hidden, kind) and the columns their sort
-- expressions are computed from. A page at an offset finds its ids by an index-only scan, skipping rows without
-- reading the table, and reads only its own rows from it (FeedSql; offset 90,000: 128 ms to 10 ms a page,
-- docs/benchmarks.md). The size index now has the expression the feed sorts by, so that sort can use it at all.
drop index media_file_feed_idx;
create index media_file_feed_idx on media_file (uploaded_at desc, id desc)
    include (owner_id, hidden, media_kind) where upload_state = 'uploaded';

drop index media_file_likes_idx;
create index media_file_likes_idx on media_file (like_count desc, id desc)
    include (owner_id, hidden, media_kind) where upload_state = 'uploaded';

drop index media_file_size_idx;
create index media_file_size_idx on media_file ((coalesce(size_bytes, 0)) desc, id desc)
    include (size_bytes, owner_id, hidden, media_kind) where upload_state = 'uploaded';

drop index media_file_duration_idx;
create index media_file_duration_idx on media_file ((coalesce(duration_ms, -1)) desc, id desc)
    include (duration_ms, owner_id, hidden, media_kind) where upload_state = 'uploaded';

drop index media_file_name_idx;
create index media_file_name_idx on media_file ((lower(display_name)), id)
    include (display_name, owner_id, hidden, media_kind) where upload_state = 'uploaded';

drop index media_file_owner_feed_idx;
create index media_file_owner_feed_idx on media_file (owner_id, uploaded_at desc, id desc)
    include (hidden, media_kind) where upload_state = 'uploaded';
