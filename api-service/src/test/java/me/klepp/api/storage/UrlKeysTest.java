package me.klepp.api.storage;

import java.util.List;

import me.klepp.api.support.EncodeUri;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UrlKeysTest {

	static final List<String> KEYS = List.of("alice/0b9f8c2e-1d2a-4c1e-9f5e-2b7d1c3a4e5f.mp4",
			"alice/2026 12/clip+1 100% é.mp4", "bob/a;b#c?d\\e~f.png", "bob/Ünïcödé 日本.mkv", ".hidden/../x",
			"a//b/", "/leading", "~7E", "100%25");

	@Test
	void everyKeyComesBackFromItsUrlPathThroughEncodeUriUnchanged() {
		for (String key : KEYS) {
			String path = UrlKeys.encode(key);
			assertThat(EncodeUri.apply(path)).as(key).isEqualTo(path);
			assertThat(path).as(key).doesNotContain("%", ";", "\\", "#", "?", " ", "//", "/./", "/../")
				.doesNotStartWith(".");
			assertThat(UrlKeys.decode(path)).as(key).contains(key);
		}
	}

	@Test
	void keysTheApiMakesReadAsThemselvesAndKeepTheirExtension() {
		assertThat(UrlKeys.encode(KEYS.get(0))).isEqualTo(KEYS.get(0));
		assertThat(UrlKeys.plain(KEYS.get(0))).isTrue();
		assertThat(UrlKeys.encode(KEYS.get(1))).isEqualTo("alice/2026~2012/clip~2B1~20100~25~20~C3~A9.mp4");
		assertThat(UrlKeys.plain(KEYS.get(1))).isFalse();
	}

	@Test
	void pathsNoEncodingCouldHaveWrittenNameNoKey() {
		assertThat(UrlKeys.decode("a/~2")).isEmpty();
		assertThat(UrlKeys.decode("a/~zz")).isEmpty();
		assertThat(UrlKeys.decode("a/~2e")).as("lower-case hex is not canonical").isEmpty();
		assertThat(UrlKeys.decode("a b")).as("a space is always escaped").isEmpty();
		assertThat(UrlKeys.decode("~FF")).as("not UTF-8").isEmpty();
	}

}
