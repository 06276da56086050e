package me.klepp.events;

/**
 * The message may be fine, but this build does not know its type, version or spec version, typically because a
 * producer was deployed before its consumers.
 */
public class UnsupportedEventException extends RuntimeException {

    public UnsupportedEventException(String message) {
        super(message);
    }
}
