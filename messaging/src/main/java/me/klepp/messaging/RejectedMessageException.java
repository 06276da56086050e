package me.klepp.messaging;

/**
 * The message is well-formed, but it must never be applied (e.g. a worker result naming another bucket or another
 * file's objects): {@link MessageHandling} moves it to the dead-letter queue at once, with this message as the
 * reason, and acknowledges it. Another delivery would be refused the same way.
 */
public class RejectedMessageException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public RejectedMessageException(String reason) {
		super(reason);
	}

}
