package me.klepp.events;

/**
 * Thrown by the event records' constructors, so a producer cannot publish an event without its ids, and so the
 * codec can tell a reader which field was absent.
 */
final class MissingFieldException extends IllegalArgumentException {

    private final String field;

    private MissingFieldException(String field) {
        super(field + " is required");
        this.field = field;
    }

    static void requirePresent(Object value, String field) {
        if (value == null) {
            throw new MissingFieldException(field);
        }
    }

    /** The record component name, e.g. {@code thumbnailKey}. */
    String field() {
        return field;
    }
}
