package me.klepp.api.sharex;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The {@code .sxcu} custom uploader file ShareX imports on double-click. */
@Component
class ShareXConfigs {

	/** Current ShareX refuses files without a version, or with one up to 12.3.1. */
	static final String VERSION = "17.0.0";

	private final JsonMapper json = JsonMapper.builder().build();

	String sxcu(String apiBase, String token) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("Version", VERSION);
		config.put("Name", "klepp (" + apiBase.replaceFirst("^https?://", "") + ")");
		config.put("DestinationType", "ImageUploader, FileUploader");
		config.put("RequestMethod", "POST");
		config.put("RequestURL", apiBase + "/api/v2/sharex/upload");
		config.put("Headers", Map.of("Authorization", "Bearer " + escape(token)));
		config.put("Body", "MultipartFormData");
		config.put("FileFormName", "file");
		config.put("URL", "{json:url}");
		config.put("ThumbnailURL", "{json:thumbnail_url}");
		config.put("DeletionURL", "{json:deletion_url}");
		config.put("ErrorMessage", "{json:detail}");
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(config);
	}

	/** ShareX reads {, }, | and \ in values as syntax; a literal one needs a backslash. */
	static String escape(String value) {
		StringBuilder escaped = new StringBuilder();
		for (char c : value.toCharArray()) {
			if (c == '{' || c == '}' || c == '|' || c == '\\') {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

}
