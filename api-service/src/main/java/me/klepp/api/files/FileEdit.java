package me.klepp.api.files;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A change to a file; absent fields stay as they are, {@code tags} replaces the whole set. */
record FileEdit(@NotBlank @Size(max = 1024) String path,
		@JsonProperty("display_name") @Size(min = 1, max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*[^\\p{Cntrl}\\s][^\\p{Cntrl}]*",
				message = "must contain a visible character and no control characters") String displayName,
		Boolean hidden, @Size(max = 20) List<@Valid @NotNull TagReference> tags) {

	record TagReference(@NotBlank String name) {
	}

}
