package me.klepp.api.uploads;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** What a client announces before uploading: the file's name, type and exact size in bytes. */
record UploadRequest(@NotBlank @Size(max = 255) String filename,
		@NotBlank @Size(max = 127) @JsonProperty("content_type") String contentType, @NotNull @Positive Long size) {
}
