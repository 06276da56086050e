package me.klepp.api.moderation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.EventCodec;
import me.klepp.events.MediaRegenerationRequestedV1;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Moderators ask for thumbnails and renditions again; the request reaches both workers' queues through the outbox.
 */
class RegenerationTest extends ApiIntegrationTest {

	final EventCodec codec = new EventCodec();

	final List<MediaRegenerationRequestedV1> received = new ArrayList<>();

	final List<MediaRegenerationRequestedV1> receivedByRenditions = new ArrayList<>();

	@Test
	void aModeratorsRequestForOneFileAndForAllFilesReachTheWorkersQueue() {
		String alice = Catalog.uniqueUser("alice");
		String key = catalog.file(alice, "clip").save();

		request("mod-" + alice, "{\"path\":\"" + key + "\",\"reason\":\"sizes changed\"}", "admin").expectStatus()
			.isAccepted();
		request("mod-" + alice, "{\"prefix\":\"" + alice + "/\"}", "admin").expectStatus().isAccepted();

		await().atMost(Duration.ofSeconds(15)).until(() -> {
			receive(KleppResources.THUMBNAIL_REQUESTS_QUEUE, received);
			receive(KleppResources.RENDITION_REQUESTS_QUEUE, receivedByRenditions);
			return List.of(received, receivedByRenditions).stream().allMatch(requests ->
					requests.stream().anyMatch(r -> key.equals(r.key()))
							&& requests.stream().anyMatch(r -> (alice + "/").equals(r.prefix())));
		});
		assertThat(receivedByRenditions.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow().reason())
			.isEqualTo("sizes changed");
		var one = received.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
		assertThat(one.reason()).isEqualTo("sizes changed");
		assertThat(one.bucket()).isEqualTo(KleppResources.MEDIA_BUCKET);
	}

	@Test
	void onlyModeratorsMayAskAndOnlyForFilesThatExist() {
		String alice = Catalog.uniqueUser("alice");
		String key = catalog.file(alice, "clip").save();

		request(alice, "{\"path\":\"" + key + "\"}").expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		request("mod-" + alice, "{\"path\":\"" + alice + "/missing.mp4\"}", "admin").expectStatus().isNotFound();
		request("mod-" + alice, "{\"path\":\"" + key + "\",\"prefix\":\"x\"}", "admin").expectStatus().isBadRequest();
	}

	private void receive(String queue, List<MediaRegenerationRequestedV1> into) {
		var sqs = Devstack.shared().sqsClient();
		String url = Devstack.shared().queueUrl(queue);
		for (var message : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
			.messages()) {
			into.add((MediaRegenerationRequestedV1) codec.decode(message.body()).data());
			sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
		}
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec request(String user, String body,
			String... groups) {
		return api.as(user, groups).post().uri("/api/v2/admin/regenerations").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body).exchange();
	}

}
