package me.klepp.api.storage;

import java.net.URI;
import java.time.Instant;

import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * URLs a browser can load media from: under a public base URL when one is configured (a CDN or a public
 * bucket), otherwise presigned GET URLs that expire, which is why the API returns {@code expire_at}.
 */
@Component
public class MediaUrls {

	private final S3Properties properties;

	private final S3Presigner presigner;

	MediaUrls(S3Properties properties, S3Presigner presigner) {
		this.properties = properties;
		this.presigner = presigner;
	}

	public MediaUrl media(String key) {
		return url(properties.mediaBucket(), properties.publicMediaUrl(), key);
	}

	public MediaUrl derived(String key) {
		return key == null ? null : url(properties.derivedBucket(), properties.publicDerivedUrl(), key);
	}

	private MediaUrl url(String bucket, URI publicBase, String key) {
		if (publicBase != null) {
			return new MediaUrl(publicBase.toString().replaceAll("/+$", "") + "/" + S3Keys.encodePath(key), null);
		}
		PresignedGetObjectRequest presigned = presigner.presignGetObject(r -> r
			.signatureDuration(properties.downloadUrlTtl())
			.getObjectRequest(g -> g.bucket(bucket).key(key)));
		return new MediaUrl(presigned.url().toString(), presigned.expiration());
	}

	/** @param expiresAt when the URL stops working; {@code null} for public URLs */
	public record MediaUrl(String url, Instant expiresAt) {
	}

}
