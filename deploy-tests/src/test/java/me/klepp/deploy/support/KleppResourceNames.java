package me.klepp.deploy.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import me.klepp.devstack.KleppResources;

/**
 * What every environment must create, read from {@link KleppResources} by reflection so that a bucket, topic or
 * queue added there is demanded of the init scripts and templates without touching these tests.
 *
 * @param buckets every {@code *_BUCKET} constant
 * @param topics every {@code *_TOPIC} constant
 * @param queues {@code QUEUES} and every {@code *_QUEUE} constant, each of which needs a dead-letter queue
 * @param uploadSubscribers the queues subscribed to the uploads topic
 */
public record KleppResourceNames(Set<String> buckets, Set<String> topics, Set<String> queues,
		Set<String> uploadSubscribers, String mediaBucket, String derivedBucket, String uploadsTopic,
		int maxReceiveCount) {

	public static KleppResourceNames fromKleppResources() {
		Set<String> buckets = new LinkedHashSet<>();
		Set<String> topics = new LinkedHashSet<>();
		Set<String> queues = new LinkedHashSet<>(KleppResources.QUEUES);
		for (Field field : KleppResources.class.getFields()) {
			if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
				continue;
			}
			String value = (String) read(field);
			if (field.getName().endsWith("_BUCKET")) {
				buckets.add(value);
			}
			else if (field.getName().endsWith("_TOPIC")) {
				topics.add(value);
			}
			else if (field.getName().endsWith("_QUEUE")) {
				queues.add(value);
			}
		}
		return new KleppResourceNames(Set.copyOf(buckets), Set.copyOf(topics), Set.copyOf(queues),
				Set.copyOf(KleppResources.UPLOAD_SUBSCRIBERS), KleppResources.MEDIA_BUCKET,
				KleppResources.DERIVED_BUCKET, KleppResources.UPLOADS_TOPIC, KleppResources.MAX_RECEIVE_COUNT);
	}

	public String deadLetterQueue(String queue) {
		return KleppResources.deadLetterQueue(queue);
	}

	/** The queues and their dead-letter queues. */
	public Set<String> allQueues() {
		List<String> all = new ArrayList<>(queues);
		queues.forEach(queue -> all.add(deadLetterQueue(queue)));
		return Set.copyOf(all);
	}

	private static Object read(Field field) {
		try {
			return field.get(null);
		}
		catch (IllegalAccessException e) {
			throw new IllegalStateException(e);
		}
	}

}
