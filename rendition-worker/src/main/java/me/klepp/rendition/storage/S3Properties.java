package me.klepp.rendition.storage;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param endpoint        S3 endpoint override (S3Proxy, LocalStack); empty for AWS itself
 * @param pathStyleAccess address buckets as {@code endpoint/bucket/key}; needed by every local S3
 * @param mediaBucket     bucket of uploads, only read
 * @param derivedBucket   bucket renditions are written to; it sends no notifications, so they never come back
 */
@ConfigurationProperties("klepp.s3")
public record S3Properties(URI endpoint, boolean pathStyleAccess, String mediaBucket, String derivedBucket) {
}
