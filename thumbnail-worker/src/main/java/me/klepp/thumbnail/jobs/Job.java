package me.klepp.thumbnail.jobs;

import me.klepp.events.s3.S3ObjectEvent;

/**
 * One object to make derived pictures of.
 *
 * @param eTag the write an upload event announced (unquoted), so a late event of an overwritten object is skipped;
 * null for regeneration requests, which take the object as it is now
 * @param why for logs
 */
record Job(String bucket, String key, String eTag, String why) {

	static Job upload(S3ObjectEvent event) {
		return new Job(event.bucket(), event.key(), event.eTag(), "upload");
	}

	static Job regeneration(String bucket, String key, String reason) {
		return new Job(bucket, key, null, "regeneration: " + reason);
	}

}
