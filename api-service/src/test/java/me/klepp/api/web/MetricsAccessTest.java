package me.klepp.api.web;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Metrics are for moderators; health stays public for load balancers. */
class MetricsAccessTest extends ApiIntegrationTest {

	@Test
	void onlyModeratorsReadPrometheusMetrics() {
		api.anonymous().get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		api.as(Catalog.uniqueUser("alice")).get().uri("/actuator/prometheus").exchange().expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		api.as(Catalog.uniqueUser("alice")).get().uri("/actuator").exchange().expectStatus().isForbidden();

		String metrics = api.as(Catalog.uniqueUser("mod"), "admin").get().uri("/actuator/prometheus").exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(metrics).contains("jvm_memory_used_bytes");
		api.anonymous().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

}
