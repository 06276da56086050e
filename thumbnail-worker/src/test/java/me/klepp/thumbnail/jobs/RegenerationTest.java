package me.klepp.thumbnail.jobs;

import java.nio.file.Path;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.MediaRegenerationRequestedV1;
import me.klepp.thumbnail.corpus.Corpus;
import me.klepp.thumbnail.messaging.MediaEventPublisher;
import me.klepp.thumbnail.storage.MediaStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Moderators ask for the derived pictures again through {@code klepp-thumbnail-requests}
 * ({@code me.klepp.media.regeneration-requested.v1}): for one file, or for every file under a prefix.
 */
@SpringBootTest(properties = "klepp.thumbnail.poll-timeout=1s")
@DirtiesContext
class RegenerationTest {

	static final Devstack stack = Devstack.shared();

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		stack.springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	final S3Client s3 = stack.s3Client();

	@Autowired
	MediaStore store;

	@Autowired
	MediaEventPublisher publisher;

	@Test
	void aRequestForOneFileMakesItsPicturesAgain() {
		String key = "carol/regenerate-one.png";
		upload(key, Corpus.image("png"));
		MediaProcessedV1 first = (MediaProcessedV1) Inbox.awaitEvent(stack, key);
		s3.deleteObject(d -> d.bucket(KleppResources.DERIVED_BUCKET).key(first.thumbnailKey()));

		request(MediaRegenerationRequestedV1.one(KleppResources.MEDIA_BUCKET, key, "thumbnail lost"));

		MediaProcessedV1 again = (MediaProcessedV1) Inbox.awaitEvent(stack, key, 2);
		assertThat(again).isEqualTo(first);
		assertThat(s3.headObject(h -> h.bucket(KleppResources.DERIVED_BUCKET).key(first.thumbnailKey()))
			.contentLength()).isPositive();
	}

	@Test
	void aRequestForAFileThatIsGoneIsDoneWithNothingToDo() {
		request(MediaRegenerationRequestedV1.one(KleppResources.MEDIA_BUCKET, "carol/never-uploaded.png", "test"));

		await().untilAsserted(() -> assertThat(Inbox.inQueue(stack, KleppResources.THUMBNAIL_REQUESTS_QUEUE)).isZero());
		assertThat(Inbox.eventsFor(stack, "carol/never-uploaded.png")).isEmpty();
	}

	@Test
	void aBulkRequestCoversEveryFileUnderThePrefixPageByPage() {
		for (String name : new String[] {"a.png", "b.gif", "c.webp"}) {
			upload("dave/bulk/" + name, Corpus.image(name.substring(2)));
		}
		upload("dave/elsewhere.png", Corpus.image("png"));
		for (String name : new String[] {"a.png", "b.gif", "c.webp"}) {
			Inbox.awaitEvent(stack, "dave/bulk/" + name);
		}
		Inbox.awaitEvent(stack, "dave/elsewhere.png");

		// pages of two: the first page sends requests for a and b and one for the page after b, which the worker
		// then takes from its queue like any request
		new BulkRegeneration(store, publisher, 2)
			.nextPage(MediaRegenerationRequestedV1.all(KleppResources.MEDIA_BUCKET, "dave/bulk/", "sizes changed"));

		for (String name : new String[] {"a.png", "b.gif", "c.webp"}) {
			assertThat(Inbox.awaitEvent(stack, "dave/bulk/" + name, 2)).isInstanceOf(MediaProcessedV1.class);
		}
		await().untilAsserted(() -> assertThat(Inbox.inQueue(stack, KleppResources.THUMBNAIL_REQUESTS_QUEUE)).isZero());
		assertThat(Inbox.eventsFor(stack, "dave/elsewhere.png")).hasSize(1);
	}

	private void upload(String key, Path file) {
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key), file);
	}

	/** What the API sends for a moderator. */
	private void request(MediaRegenerationRequestedV1 request) {
		String body = new EventCodec().encode(EventEnvelope.of("urn:test:api", request.key(), request));
		stack.sqsClient()
			.sendMessage(m -> m.queueUrl(stack.queueUrl(KleppResources.THUMBNAIL_REQUESTS_QUEUE)).messageBody(body));
	}

}
