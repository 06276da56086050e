package me.klepp.api.users;

import java.util.List;
import java.util.Map;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/** One rule for user names on every route: a name that cannot be a key segment never gets past the first request. */
class UserNamesTest extends ApiIntegrationTest {

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0 };

	@Test
	void aUserNameThatCannotBeAKeySegmentIsRefusedOnEveryRouteAndNeverRegistered() {
		String suffix = Catalog.uniqueUser("");
		for (String name : List.of("a/b" + suffix, ".." , "." + suffix, "..%2f" + suffix, "a b" + suffix,
				"back\\slash" + suffix, "nul\u0000" + suffix, "x".repeat(65))) {
			WebTestClient caller = api.as(name);
			forbidden(caller.post().uri("/api/v2/files").body(BodyInserters.fromMultipartData(picture().build())),
					name);
			forbidden(caller.post().uri("/api/v2/uploads").contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("filename", "a.png", "content_type", "image/png", "size", 10)), name);
			forbidden(caller.get().uri("/api/v2/files"), name);
			forbidden(caller.put().uri("/api/v2/user").body(BodyInserters.fromMultipartData(picture().build())), name);
		}
		assertThat(db.sql("select count(*) as n from app_user where name like :suffix or name in ('..', :long)")
			.bind("suffix", "%" + suffix)
			.bind("long", "x".repeat(65))
			.map(row -> row.get("n", Long.class))
			.one()
			.block()).as("no refused name was registered").isZero();
		assertThat(db.sql("select count(*) as n from media_file where object_key like :prefix")
			.bind("prefix", "%" + suffix + "/%")
			.map(row -> row.get("n", Long.class))
			.one()
			.block()).as("nothing was uploaded under a refused name").isZero();
	}

	@Test
	void namesOfEveryScriptDotsInsideAndGeneratedIdsAreFine() {
		String suffix = Catalog.uniqueUser("");
		for (String name : List.of("jörg" + suffix, "Alice.B" + suffix, "李" + suffix, "mail@example.com" + suffix,
				java.util.UUID.randomUUID().toString())) {
			api.as(name).get().uri("/api/v2/files").exchange().expectStatus().isOk();
			api.as(name).post().uri("/api/v2/uploads").contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("filename", "a.png", "content_type", "image/png", "size", 10))
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody()
				.jsonPath("$.path")
				.value(path -> assertThat((String) path).startsWith(name + "/"));
		}
	}

	private static void forbidden(WebTestClient.RequestHeadersSpec<?> request, String name) {
		request.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(403)
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).as(name).contains("user name"));
	}

	private static MultipartBodyBuilder picture() {
		var builder = new MultipartBodyBuilder();
		builder.part("file", new ByteArrayResource(PNG) {
			@Override
			public String getFilename() {
				return "me.png";
			}
		}).contentType(MediaType.IMAGE_PNG);
		return builder;
	}

}
