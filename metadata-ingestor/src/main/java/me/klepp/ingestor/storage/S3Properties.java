package me.klepp.ingestor.storage;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param endpoint S3 endpoint override (S3Proxy, LocalStack); empty for AWS itself
 * @param pathStyleAccess address buckets as {@code endpoint/bucket/key}; needed by every local S3
 * @param mediaBucket bucket of uploads: read to learn a direct upload's type, listed by reconcile
 * @param derivedBucket bucket of derived objects, whose deletion is queued when an upload disappears
 */
@ConfigurationProperties("klepp.s3")
public record S3Properties(URI endpoint, boolean pathStyleAccess, String mediaBucket, String derivedBucket) {
}
