package me.klepp.api.share;

import java.net.URI;

import me.klepp.api.files.VideoView;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** The HTML of share pages; every value from a file is escaped. */
@Component
class SharePages {

	String clip(VideoView file, URI self) {
		if (!"done".equals(file.processingState())) {
			return unfinished(file, self);
		}
		String title = escape(file.displayName());
		String owner = file.user() == null ? "someone" : escape(file.user().name());
		String uri = escape(file.uri());
		String thumbnail = file.thumbnailUri() == null ? null : escape(file.thumbnailUri());
		// a rendition (uri) is an MP4 of its own size; else the upload plays as it is
		boolean rendition = file.playback() != null && "ready".equals(file.playback().state());
		Integer width = rendition ? file.playback().width() : file.media() == null ? null : file.media().width();
		Integer height = rendition ? file.playback().height() : file.media() == null ? null : file.media().height();
		String type = rendition ? "video/mp4" : escape(file.contentType());
		boolean video = "video".equals(file.mediaKind());
		StringBuilder head = new StringBuilder();
		meta(head, "property", "og:site_name", "klepp");
		meta(head, "property", "og:title", title);
		meta(head, "property", "og:description", "A clip by " + owner + " on klepp");
		meta(head, "property", "og:url", escape(self.toString()));
		if (thumbnail != null) {
			meta(head, "property", "og:image", thumbnail);
			if (file.media() != null && file.media().thumbnailWidth() != null) {
				meta(head, "property", "og:image:width", String.valueOf(file.media().thumbnailWidth()));
				meta(head, "property", "og:image:height", String.valueOf(file.media().thumbnailHeight()));
			}
		}
		if (video) {
			meta(head, "property", "og:type", "video.other");
			meta(head, "property", "og:video", uri);
			if (file.uri().startsWith("https:")) {
				meta(head, "property", "og:video:secure_url", uri);
			}
			meta(head, "property", "og:video:type", type);
			if (width != null && height != null) {
				meta(head, "property", "og:video:width", String.valueOf(width));
				meta(head, "property", "og:video:height", String.valueOf(height));
			}
			meta(head, "name", "twitter:card", "player");
			meta(head, "name", "twitter:player:stream", uri);
			meta(head, "name", "twitter:player:stream:content_type", type);
			if (width != null && height != null) {
				meta(head, "name", "twitter:player:width", String.valueOf(width));
				meta(head, "name", "twitter:player:height", String.valueOf(height));
			}
		}
		else {
			meta(head, "property", "og:type", "website");
			meta(head, "property", "og:image", uri);
			meta(head, "name", "twitter:card", "summary_large_image");
		}
		meta(head, "name", "twitter:title", title);
		String body = video
				? "<video controls playsinline preload=\"metadata\" src=\"" + uri + "\""
						+ (thumbnail == null ? "" : " poster=\"" + thumbnail + "\"") + "></video>"
				: "<img src=\"" + uri + "\" alt=\"" + title + "\">";
		return page(title + " · klepp", head.toString(), "<h1>" + title + "</h1>\n<p>by " + owner + "</p>\n" + body);
	}

	/** A file that could not be processed, or is not yet: said so, with nothing embedded. */
	private String unfinished(VideoView file, URI self) {
		String title = escape(file.displayName());
		boolean failed = "failed".equals(file.processingState());
		String says = failed ? "This file could not be processed, so there is nothing to show."
				: "This file is still being processed. Try again in a moment.";
		StringBuilder head = new StringBuilder();
		meta(head, "property", "og:site_name", "klepp");
		meta(head, "property", "og:title", title);
		meta(head, "property", "og:description", says);
		meta(head, "property", "og:url", escape(self.toString()));
		meta(head, "property", "og:type", "website");
		return page(title + " · klepp", head.toString(), "<h1>" + title + "</h1>\n<p>" + says + "</p>");
	}

	String notFound() {
		return page("Not found · klepp", "", "<h1>Nothing here</h1><p>This clip does not exist or is not shared.</p>");
	}

	String home() {
		return page("klepp", "", "<h1>klepp</h1><p>Clips and screenshots, shared among friends.</p>");
	}

	private static void meta(StringBuilder head, String attribute, String name, String content) {
		head.append("<meta ").append(attribute).append("=\"").append(name).append("\" content=\"").append(content)
			.append("\">\n");
	}

	private static String page(String title, String head, String body) {
		return """
				<!doctype html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s</title>
				%s<style>body{font-family:system-ui,sans-serif;background:#111;color:#eee;margin:2rem auto;max-width:960px}video,img{max-width:100%%}</style>
				</head>
				<body>
				%s
				</body>
				</html>
				""".formatted(title, head, body);
	}

	private static String escape(String value) {
		return value == null ? "" : HtmlUtils.htmlEscape(value, "UTF-8");
	}

}
