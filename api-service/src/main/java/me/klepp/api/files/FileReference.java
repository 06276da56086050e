package me.klepp.api.files;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body the frontend sends to name a file: {@code {"path": "<key>"}}. */
public record FileReference(@NotBlank @Size(max = 1024) String path) {
}
