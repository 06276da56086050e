-- Which transactions changed what the feed's filters match, so that api-service can keep total_count exact
-- without counting on every request: a count taken in snapshot S still holds as long as no transaction that S did
-- not see has committed a row here (one index probe). Written by triggers, whoever writes (API, ingestor, hand);
-- old rows are pruned by api-service.
create table feed_change (
    xid         xid8 not null default pg_current_xact_id(),
    changed_at  timestamptz not null default now()
);
create index feed_change_xid_idx on feed_change (xid);

create function feed_changed() returns trigger language plpgsql as $$
begin
    insert into feed_change default values;
    return null;
end $$;

-- Statement-level: one row per writing statement. Only columns that filters read: like counts, processing
-- results and sort keys change no count.
create trigger media_file_feed_change
    after insert or delete or update of upload_state, owner_id, hidden, display_name, media_kind on media_file
    for each statement execute function feed_changed();
create trigger media_file_feed_truncate after truncate on media_file
    for each statement execute function feed_changed();
create trigger media_file_tag_feed_change after insert or update or delete or truncate on media_file_tag
    for each statement execute function feed_changed();
create trigger media_like_feed_change after insert or update or delete or truncate on media_like
    for each statement execute function feed_changed();
create trigger tag_feed_change after update of name or delete or truncate on tag
    for each statement execute function feed_changed();
create trigger app_user_feed_change after update of name or delete or truncate on app_user
    for each statement execute function feed_changed();
