package me.klepp.api.tags;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class TagsTest extends ApiIntegrationTest {

	@Test
	void tagsAreNormalisedUniqueCaseInsensitivelyAndCounted() {
		String name = "Speed Run " + System.nanoTime();
		String normalized = TagNames.normalize(name);
		String alice = Catalog.uniqueUser("alice");

		create(alice, "  " + name.replace(" ", "   ") + " ").expectStatus().isCreated()
			.expectBody().jsonPath("$.name").isEqualTo(normalized).jsonPath("$.count").isEqualTo(0);
		create(alice, name.toUpperCase()).expectStatus().isEqualTo(409)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		create(alice, "").expectStatus().isBadRequest();
		create(alice, "x".repeat(33)).expectStatus().isBadRequest();

		String key = catalog.file(alice, "tagged").save();
		api.as(alice).patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\",\"tags\":[{\"name\":\"" + name + "\"}]}").exchange()
			.expectStatus().isOk();
		byte[] page = api.anonymous().get().uri("/api/v2/tags?limit=100").exchange().expectStatus().isOk()
			.expectBody().returnResult().getResponseBody();
		long total = json(page).get("total_count").asLong();
		assertThat(total).isPositive();
	}

	@Test
	void onlyModeratorsDeleteTagsAndTheFilesLoseThem() {
		String tag = "doomed" + System.nanoTime();
		String alice = Catalog.uniqueUser("alice");
		String key = catalog.file(alice, "tagged").save();
		api.as(alice).patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\",\"tags\":[{\"name\":\"" + tag + "\"}]}").exchange()
			.expectStatus().isOk();

		api.as(alice).delete().uri("/api/v2/tags/" + tag).exchange().expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		api.as("mod-" + alice, "admin").delete().uri("/api/v2/tags/" + tag.toUpperCase()).exchange()
			.expectStatus().isNoContent();
		api.as("mod-" + alice, "admin").delete().uri("/api/v2/tags/" + tag).exchange().expectStatus().isNotFound();

		api.anonymous().get().uri("/api/v2/files/" + key).exchange().expectBody().jsonPath("$.tags").isEmpty();
	}

	@Test
	void aTagOnlyHiddenFilesCarryIsListedForTheirOwnerAndModeratorsButNotForOthers() {
		String alice = Catalog.uniqueUser("alice");
		String bob = Catalog.uniqueUser("bob");
		long n = System.nanoTime();
		String secret = "secret" + n;
		String shown = "shown" + n;
		String bobs = "bobs" + n;
		tag(alice, catalog.file(alice, "hidden").hidden().save(), secret);
		tag(alice, catalog.file(alice, "public").save(), shown);
		create(bob, bobs).expectStatus().isCreated();

		var anonymous = listed(api.anonymous());
		assertThat(anonymous.keySet()).contains(shown).doesNotContain(secret, bobs);
		assertThat(anonymous).containsEntry(shown, 1L);
		assertThat(listed(api.as(bob)).keySet()).contains(shown, bobs).doesNotContain(secret);
		assertThat(listed(api.as(alice))).containsEntry(secret, 0L).containsEntry(shown, 1L).doesNotContainKey(bobs);
		assertThat(listed(api.as("mod-" + alice, "admin")).keySet()).contains(secret, shown, bobs);

		long anonymousTotal = json(api.anonymous().get().uri("/api/v2/tags?limit=1").exchange().expectBody()
			.returnResult().getResponseBody()).get("total_count").asLong();
		assertThat(anonymousTotal).as("total_count counts what is listed").isEqualTo(anonymous.size());
	}

	@Test
	void creatingTagsOverTheUsersLimitIs429WithRetryAfterWhereverTheyAreCreated() {
		String alice = Catalog.uniqueUser("alice");
		String key = catalog.file(alice, "tagged").save();
		long n = System.nanoTime();
		int limit = new TagProperties(null).perUserPerMinute();
		for (int i = 0; i < limit; i++) {
			create(alice, "flood" + n + "-" + i).expectStatus().isCreated();
		}

		create(alice, "flood" + n + "-over").expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value("Retry-After", seconds -> assertThat(Long.parseLong(seconds)).isPositive());
		api.as(alice).patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\",\"tags\":[{\"name\":\"flood" + n + "-edit\"}]}").exchange()
			.expectStatus().isEqualTo(429);
		assertThat(listed(api.as("mod-" + alice, "admin")).keySet()).as("nothing over the limit was created")
			.doesNotContain("flood" + n + "-over", "flood" + n + "-edit");
		// Tagging with existing tags creates nothing and stays possible.
		tag(alice, key, "flood" + n + "-0");
		create(Catalog.uniqueUser("bob"), "flood" + n + "-bob").expectStatus().isCreated();
	}

	private void tag(String user, String key, String tag) {
		api.as(user).patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\",\"tags\":[{\"name\":\"" + tag + "\"}]}").exchange()
			.expectStatus().isOk();
	}

	/** Every tag the caller is shown, page by page, with its count. */
	private java.util.Map<String, Long> listed(org.springframework.test.web.reactive.server.WebTestClient caller) {
		var tags = new java.util.LinkedHashMap<String, Long>();
		for (int offset = 0;; offset += 100) {
			var page = json(caller.get().uri("/api/v2/tags?limit=100&offset=" + offset).exchange().expectStatus().isOk()
				.expectBody().returnResult().getResponseBody()).get("response");
			page.forEach(tag -> tags.put(tag.get("name").asString(), tag.get("count").asLong()));
			if (page.size() < 100) {
				return tags;
			}
		}
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec create(String user, String name) {
		return api.as(user).post().uri("/api/v2/tags").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"" + name + "\"}").exchange();
	}

}
