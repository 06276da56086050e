package me.klepp.events.s3;

import java.util.List;

/** What an SQS message from an S3 bucket notification carries. */
public sealed interface S3Notification permits S3Notification.TestEvent, S3Notification.ObjectEvents {

    /** Sent once when a notification configuration is saved: acknowledge and skip it, do not dead-letter it. */
    record TestEvent(String bucket) implements S3Notification {
    }

    record ObjectEvents(List<S3ObjectEvent> records) implements S3Notification {

        public ObjectEvents {
            records = List.copyOf(records);
        }
    }
}
