-- Processing results belong to one version of an object, and a file deleted through the API stays deleted.

alter table media_file
    -- the ETag of the object version the processing columns describe (written by metadata-ingestor with every
    -- worker result): when S3 reports another version at the key, the processing columns are reset to pending
    add column processed_etag text;
-- Results recorded before this column existed described the version the row knew.
update media_file set processed_etag = etag where processing_state <> 'pending';

alter table object_tombstone
    -- written by api-service when a file is deleted: no later creation at this key is registered again (a
    -- presigned PUT stays valid for its whole lifetime); metadata-ingestor deletes such objects again
    add column final boolean not null default false;
