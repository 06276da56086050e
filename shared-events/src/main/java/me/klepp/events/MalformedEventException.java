package me.klepp.events;

/** The message can never be processed as sent (bad JSON, missing attributes or fields): dead-letter it. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
