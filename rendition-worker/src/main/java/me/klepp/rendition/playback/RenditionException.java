package me.klepp.rendition.playback;

/** A rendition cannot be made of this upload; the message says why, for people. */
public class RenditionException extends Exception {

	public RenditionException(String reason) {
		super(reason);
	}

	public RenditionException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
