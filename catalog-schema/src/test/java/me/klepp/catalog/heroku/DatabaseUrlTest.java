package me.klepp.catalog.heroku;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseUrlTest {

	@Test
	void herokuUrlBecomesJdbcAndR2dbcUrlsThatRequireTls() {
		DatabaseUrl url = DatabaseUrl
			.parse("postgres://u7kd2:p4ss0rd@ec2-3-248-1-2.eu-west-1.compute.amazonaws.com:5432/d8f1ab");

		assertThat(url.jdbcUrl())
			.isEqualTo("jdbc:postgresql://ec2-3-248-1-2.eu-west-1.compute.amazonaws.com:5432/d8f1ab?sslmode=require");
		assertThat(url.r2dbcUrl())
			.isEqualTo("r2dbc:postgresql://ec2-3-248-1-2.eu-west-1.compute.amazonaws.com:5432/d8f1ab?sslMode=require");
		assertThat(url.username()).isEqualTo("u7kd2");
		assertThat(url.password()).isEqualTo("p4ss0rd");
	}

	@Test
	void portDefaultsTo5432AndPostgresqlSchemeIsAccepted() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://klepp:secret@db.example/klepp");

		assertThat(url.port()).isEqualTo(5432);
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/klepp?sslmode=require");
	}

	@Test
	void sslModeOnTheUrlReplacesTheDefault() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://klepp:klepp@postgres:5432/klepp?connect_timeout=5&SSLMODE=disable");

		assertThat(url.jdbcUrl()).endsWith("/klepp?sslmode=disable");
		assertThat(url.r2dbcUrl()).endsWith("/klepp?sslMode=disable");
	}

	@Test
	void percentEncodedCredentialsAreDecodedAndPlusStaysAPlus() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://kl%40pp:a%3Ab%2Fc+d@db.example:6543/klepp");

		assertThat(url.username()).isEqualTo("kl@pp");
		assertThat(url.password()).isEqualTo("a:b/c+d");
		assertThat(url.port()).isEqualTo(6543);
	}

	@Test
	void urlWithoutCredentialsLeavesThemUnset() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://db.example/klepp");

		assertThat(url.username()).isNull();
		assertThat(url.password()).isNull();
	}

	@Test
	void otherDatabasesAndIncompleteUrlsAreRefusedWithoutRepeatingThePassword() {
		assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("mysql://u:topsecret@db/klepp"))
			.withMessageContaining("postgres://")
			.withMessageNotContaining("topsecret");
		assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("postgres://u:topsecret@db.example/"))
			.withMessageContaining("no database");
		assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("postgres://u:top secret@db/klepp"))
			.withMessageNotContaining("top secret");
	}

	@Test
	void toStringLeavesThePasswordOut() {
		assertThat(DatabaseUrl.parse("postgres://klepp:topsecret@db.example/klepp").toString())
			.contains("klepp@db.example:5432/klepp")
			.doesNotContain("topsecret");
	}

}
