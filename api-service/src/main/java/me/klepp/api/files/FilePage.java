package me.klepp.api.files;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One page of the feed, in the predecessor's envelope. {@code next_cursor} continues after the last file (null
 * on the last page); {@code total_count} counts every match, whatever the page.
 */
record FilePage(@JsonProperty("total_count") long totalCount, List<VideoView> response,
		@JsonProperty("next_cursor") String nextCursor) {
}
