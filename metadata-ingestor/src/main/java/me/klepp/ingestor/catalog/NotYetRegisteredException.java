package me.klepp.ingestor.catalog;

/**
 * An event about an object the catalog does not know yet. Thrown so the message is not acknowledged: it comes
 * back after its visibility timeout, by when the upload is usually registered, and is dead-lettered otherwise.
 */
public class NotYetRegisteredException extends RuntimeException {

	public NotYetRegisteredException(String key) {
		super("no catalog row for object " + key + " yet");
	}

}
