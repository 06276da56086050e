-- Who created a tag, so that a tag no public file carries yet is listed for its creator (and nobody else).
-- Written by api-service; null for tags created before this column existed.
alter table tag add column created_by uuid references app_user (id) on delete set null;
