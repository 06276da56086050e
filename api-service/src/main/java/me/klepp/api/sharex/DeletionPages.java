package me.klepp.api.sharex;

import org.springframework.web.util.HtmlUtils;

/** The pages behind a ShareX deletion link. The form posts back to the same URL. */
final class DeletionPages {

	private DeletionPages() {
	}

	static String confirm(String key) {
		return page("Delete this file?", "<p>Delete <code>" + escape(key) + "</code> from klepp? This cannot be undone.</p>"
				+ "<form method=\"post\"><button type=\"submit\">Delete</button></form>");
	}

	static String deleted(String key) {
		return page("Deleted", "<p><code>" + escape(key) + "</code> was deleted.</p>");
	}

	static String gone(String key) {
		return page("Already gone", "<p><code>" + escape(key) + "</code> does not exist (any more).</p>");
	}

	static String invalid() {
		return page("Invalid link", "<p>This deletion link is not valid.</p>");
	}

	private static String page(String title, String body) {
		return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
				+ "<title>" + title + " · klepp</title></head><body><h1>" + title + "</h1>" + body + "</body></html>";
	}

	private static String escape(String value) {
		return HtmlUtils.htmlEscape(value, "UTF-8");
	}

}
