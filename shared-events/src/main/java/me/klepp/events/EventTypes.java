package me.klepp.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The wire type of every {@link KleppEvent}, read from the permitted records' {@code TYPE} constants, so that
 * adding a record to {@code permits} is all it takes to make it encodable and decodable.
 */
final class EventTypes {

    private static final Map<Class<?>, String> TYPE_BY_CLASS = Arrays.stream(KleppEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Function.identity(), EventTypes::typeConstantOf));
    private static final Map<String, Class<? extends KleppEvent>> CLASS_BY_TYPE = TYPE_BY_CLASS.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, e -> e.getKey().asSubclass(KleppEvent.class)));
    private static final List<String> SUPPORTED = CLASS_BY_TYPE.keySet().stream().sorted().toList();

    private EventTypes() {
    }

    static String typeOf(KleppEvent event) {
        return TYPE_BY_CLASS.get(event.getClass());
    }

    static Optional<Class<? extends KleppEvent>> classOf(String type) {
        return Optional.ofNullable(CLASS_BY_TYPE.get(type));
    }

    static List<String> supported() {
        return SUPPORTED;
    }

    private static String typeConstantOf(Class<?> eventClass) {
        try {
            return (String) eventClass.getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(eventClass.getName() + " must declare public static final String TYPE", e);
        }
    }
}
