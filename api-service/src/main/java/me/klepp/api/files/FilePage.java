package me.klepp.api.files;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One page of the feed, in the predecessor's envelope. */
record FilePage(@JsonProperty("total_count") long totalCount, List<VideoView> response) {
}
