package me.klepp.deploy.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A docker-compose file as {@code docker compose config} would see it: YAML merge keys applied and
 * {@code ${VAR:-default}} / {@code $$} interpolated from a given environment.
 */
final class ComposeFile {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}");

	private final Map<String, Object> root;

	private final Map<String, String> environment;

	private ComposeFile(Map<String, Object> root, Map<String, String> environment) {
		this.root = root;
		this.environment = environment;
	}

	static ComposeFile parse(String yaml, Map<String, String> environment) {
		Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		return new ComposeFile(root, environment);
	}

	List<String> services() {
		return List.copyOf(map(root.get("services")).keySet());
	}

	Map<String, Object> service(String name) {
		Map<String, Object> service = map(map(root.get("services")).get(name));
		if (service.isEmpty()) {
			throw new AssertionError("docker-compose.yml has no service " + name);
		}
		return service;
	}

	String image(String service) {
		return interpolate((String) service(service).get("image"));
	}

	Map<String, String> environment(String service) {
		Object declared = service(service).get("environment");
		Map<String, String> variables = new LinkedHashMap<>();
		if (declared instanceof List<?> list) {
			for (Object entry : list) {
				String[] pair = ((String) entry).split("=", 2);
				variables.put(pair[0], pair.length > 1 ? interpolate(pair[1]) : environment.get(pair[0]));
			}
		}
		else {
			map(declared).forEach((key, value) -> variables.put(key, interpolate(String.valueOf(value))));
		}
		return variables;
	}

	List<String> aliases(String service) {
		Map<String, Object> networks = map(service(service).get("networks"));
		List<String> aliases = new ArrayList<>();
		networks.values().forEach(network -> list(map(network).get("aliases")).forEach(a -> aliases.add((String) a)));
		return aliases;
	}

	/** Published ports as {@code hostPort -> containerPort}. */
	Map<Integer, Integer> publishedPorts(String service) {
		Map<Integer, Integer> ports = new LinkedHashMap<>();
		for (Object port : list(service(service).get("ports"))) {
			String[] parts = interpolate(String.valueOf(port)).split(":");
			ports.put(Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
		}
		return ports;
	}

	List<String> volumes(String service) {
		return list(service(service).get("volumes")).stream().map(volume -> interpolate((String) volume)).toList();
	}

	/** {@code depends_on} as service → condition. */
	Map<String, String> dependencies(String service) {
		Map<String, String> dependencies = new LinkedHashMap<>();
		map(service(service).get("depends_on"))
			.forEach((name, spec) -> dependencies.put(name, (String) map(spec).get("condition")));
		return dependencies;
	}

	String interpolate(String value) {
		Matcher matcher = VARIABLE.matcher(value);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String replacement;
			if (matcher.group().equals("$$")) {
				replacement = "$";
			}
			else {
				String set = environment.get(matcher.group(1));
				boolean useDefault = matcher.group(2) != null
						&& (set == null || (matcher.group(2).equals(":-") && set.isEmpty()));
				replacement = useDefault ? matcher.group(3) : (set == null ? "" : set);
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return value == null ? Map.of() : (Map<String, Object>) value;
	}

	private static List<?> list(Object value) {
		return value == null ? List.of() : (List<?>) value;
	}

}
