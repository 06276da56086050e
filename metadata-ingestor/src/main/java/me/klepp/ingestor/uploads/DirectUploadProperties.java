package me.klepp.ingestor.uploads;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may own an object that arrived in the bucket without the API (ShareX's S3 destination writes
 * {@code <username>/...}). The first key segment names the owner; it is accepted when that user exists, or
 * when one of these allows it (the user is then created). Anything else is kept as unclaimed.
 *
 * @param autoCreateOwners accept every first segment as a user name, creating users as needed
 * @param allowedOwners user names accepted (and created) even before they ever signed in
 */
@ConfigurationProperties("klepp.ingestor.direct-uploads")
public record DirectUploadProperties(boolean autoCreateOwners, List<String> allowedOwners) {

	public DirectUploadProperties {
		allowedOwners = allowedOwners == null ? List.of()
				: allowedOwners.stream().map(String::strip).filter(name -> !name.isEmpty()).toList();
	}

	boolean allows(String owner) {
		return autoCreateOwners || allowedOwners.stream().anyMatch(owner::equalsIgnoreCase);
	}

}
