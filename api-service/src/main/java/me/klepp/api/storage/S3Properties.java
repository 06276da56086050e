package me.klepp.api.storage;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where media lives. Credentials and region come from Spring Cloud AWS ({@code spring.cloud.aws.*}), i.e. the
 * default AWS provider chain unless set.
 *
 * @param endpoint S3 endpoint override (S3Proxy, LocalStack); empty for AWS itself
 * @param pathStyleAccess address buckets as {@code endpoint/bucket/key}; needed by every local S3
 * @param mediaBucket bucket of uploads; sends event notifications
 * @param derivedBucket bucket of thumbnails, posters and avatars; sends none
 * @param publicMediaUrl base URL under which media-bucket objects are publicly readable (e.g. a CDN);
 * empty to hand out presigned GET URLs instead
 * @param publicDerivedUrl the same for the derived bucket
 * @param downloadUrlTtl lifetime of presigned GET URLs in API responses ({@code expire_at})
 */
@ConfigurationProperties("klepp.s3")
public record S3Properties(URI endpoint, boolean pathStyleAccess, String mediaBucket, String derivedBucket,
		URI publicMediaUrl, URI publicDerivedUrl, Duration downloadUrlTtl) {

	public S3Properties {
		if (mediaBucket == null || mediaBucket.isBlank()) {
			mediaBucket = "klepp-media";
		}
		if (derivedBucket == null || derivedBucket.isBlank()) {
			derivedBucket = "klepp-media-derived";
		}
		if (downloadUrlTtl == null) {
			downloadUrlTtl = Duration.ofHours(6);
		}
	}

}
