package me.klepp.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The committed example of each event version, under src/test/resources/golden/&lt;type&gt;.json. */
final class Golden {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Golden() {
    }

    static List<String> eventTypes() {
        return Arrays.stream(KleppEvent.class.getPermittedSubclasses()).map(Golden::typeConstant).sorted().toList();
    }

    static String path(String type) {
        return "/golden/" + type + ".json";
    }

    static boolean exists(String type) {
        return Golden.class.getResource(path(type)) != null;
    }

    static String json(String type) {
        try (InputStream in = Golden.class.getResourceAsStream(path(type))) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + path(type));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(String type) {
        return (ObjectNode) JSON.readTree(json(type));
    }

    private static String typeConstant(Class<?> eventClass) {
        try {
            return (String) eventClass.getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(eventClass + " has no public static TYPE", e);
        }
    }
}
