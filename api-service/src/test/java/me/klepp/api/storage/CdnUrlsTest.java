package me.klepp.api.storage;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;

import me.klepp.api.storage.MediaUrls.DerivedKind;
import me.klepp.api.support.EncodeUri;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import static org.assertj.core.api.Assertions.assertThat;

/** With a public CDN base configured, public objects get plain CDN URLs, as long as they survive encodeURI. */
class CdnUrlsTest {

	static final String API = "https://api.klepp.example";

	final S3Properties cdn = new S3Properties(null, false, "media", "derived", URI.create("https://cdn.klepp.example/m/"),
			URI.create("https://cdn.klepp.example/d"), Duration.ofHours(6));

	final MediaUrls urls = new MediaUrls(cdn, S3Presigner.builder()
		.region(Region.EU_NORTH_1)
		.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
		.build(), new MediaLinks(new MediaLinkProperties("secret"), cdn));

	@Test
	void publicObjectsWithPlainKeysArePlainCdnUrls() {
		String key = "alice/0b9f8c2e-1d2a-4c1e-9f5e-2b7d1c3a4e5f.mp4";
		OffsetDateTime made = OffsetDateTime.parse("2026-12-01T10:00:00Z");

		assertThat(urls.media(key, false, API).url()).isEqualTo("https://cdn.klepp.example/m/" + key);
		assertThat(urls.derived(DerivedKind.THUMBNAIL, key, key + "/thumbnail.jpg", made, false, API))
			.startsWith("https://cdn.klepp.example/d/" + key + "/thumbnail.jpg?v=");
		assertThat(urls.avatar("alice", "avatars/alice/1.jpg", API)).isEqualTo("https://cdn.klepp.example/d/avatars/alice/1.jpg");
	}

	@Test
	void keysACdnUrlCouldNotCarryThroughEncodeUriAndHiddenFilesStayWithTheApi() {
		String sharex = "alice/clip 100% é.mp4";

		String media = urls.media(sharex, false, API).url();
		String thumbnail = urls.derived(DerivedKind.THUMBNAIL, sharex, sharex + "/thumbnail.jpg", null, false, API);

		assertThat(media).isEqualTo(API + "/media/alice/clip~20100~25~20~C3~A9.mp4");
		assertThat(thumbnail).startsWith(API + "/thumbnails/alice/clip~20100~25~20~C3~A9.mp4?v=");
		assertThat(EncodeUri.apply(media)).isEqualTo(media);
		assertThat(urls.media("alice/x.mp4", true, API).url()).startsWith(API + "/media-signed/");
		assertThat(urls.derived(DerivedKind.POSTER, "alice/x.mp4", "alice/x.mp4/poster.jpg", null, true, API))
			.startsWith(API + "/posters/alice/x.mp4?exp=");
	}

}
