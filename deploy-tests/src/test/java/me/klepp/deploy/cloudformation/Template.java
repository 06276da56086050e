package me.klepp.deploy.cloudformation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed template whose values can be resolved the way CloudFormation would resolve them in one account and
 * region: parameters take their defaults, {@code Ref} and {@code Fn::GetAtt} of queues, topics, buckets and
 * policies give their real URL or ARN shape. So tests compare actual ARNs, and a reference to a resource or
 * parameter that does not exist fails.
 */
final class Template {

	static final String REGION = "eu-north-1";

	static final String ACCOUNT = "123456789012";

	private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([^}!][^}]*)}");

	private final Map<String, Object> root;

	Template(Map<String, Object> root) {
		this.root = root;
	}

	Map<String, Object> section(String name) {
		return map(root.getOrDefault(name, Map.of()));
	}

	Map<String, Object> resources() {
		return section("Resources");
	}

	/** Logical ids of the resources of {@code type}, in template order. */
	List<String> resourcesOfType(String type) {
		return resources().entrySet()
			.stream()
			.filter(resource -> type.equals(map(resource.getValue()).get("Type")))
			.map(Map.Entry::getKey)
			.toList();
	}

	/** A resource's properties with every intrinsic function resolved. */
	Map<String, Object> properties(String logicalId) {
		return map(resolve(rawProperties(logicalId)));
	}

	Object resolve(Object value) {
		if (value instanceof Map<?, ?> node && node.size() == 1) {
			var entry = node.entrySet().iterator().next();
			String key = (String) entry.getKey();
			Object argument = entry.getValue();
			switch (key) {
				case "Ref":
					return ref((String) argument);
				case "Fn::GetAtt":
					List<?> target = (List<?>) argument;
					return attribute((String) target.get(0), (String) target.get(1));
				case "Fn::Sub":
					return substitute((String) argument);
				case "Fn::Join":
					List<?> join = (List<?>) argument;
					List<String> parts = new ArrayList<>();
					for (Object part : (List<?>) resolve(join.get(1))) {
						parts.add(String.valueOf(part));
					}
					return String.join((String) join.get(0), parts);
				default:
					if (key.startsWith("Fn::")) {
						throw new IllegalArgumentException("no resolution for " + key + " in these tests");
					}
			}
		}
		if (value instanceof Map<?, ?> node) {
			Map<String, Object> resolved = new LinkedHashMap<>();
			node.forEach((k, v) -> resolved.put((String) k, resolve(v)));
			return resolved;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(this::resolve).toList();
		}
		return value;
	}

	private Object ref(String name) {
		switch (name) {
			case "AWS::Partition":
				return "aws";
			case "AWS::Region":
				return REGION;
			case "AWS::AccountId":
				return ACCOUNT;
			case "AWS::StackName":
				return "klepp";
			default:
		}
		Map<String, Object> parameter = map(section("Parameters").get(name));
		if (!parameter.isEmpty()) {
			Object fallback = parameter.containsKey("Default") ? parameter.get("Default") : "${" + name + "}";
			return "CommaDelimitedList".equals(parameter.get("Type")) ? List.of(fallback) : fallback;
		}
		String type = typeOf(name);
		return switch (type) {
			case "AWS::SQS::Queue" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + name(name, "QueueName");
			case "AWS::SNS::Topic" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + name(name, "TopicName");
			case "AWS::S3::Bucket" -> name(name, "BucketName");
			case "AWS::IAM::ManagedPolicy" -> "arn:aws:iam::" + ACCOUNT + ":policy/" + name(name, "ManagedPolicyName");
			default -> "<" + name + ">";
		};
	}

	private Object attribute(String logicalId, String attribute) {
		String type = typeOf(logicalId);
		if (attribute.equals("Arn")) {
			switch (type) {
				case "AWS::SQS::Queue":
					return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name(logicalId, "QueueName");
				case "AWS::S3::Bucket":
					return "arn:aws:s3:::" + name(logicalId, "BucketName");
				default:
			}
		}
		if (type.equals("AWS::SNS::Topic") && attribute.equals("TopicArn")) {
			return ref(logicalId);
		}
		return "<" + logicalId + "." + attribute + ">";
	}

	private String substitute(String text) {
		Matcher matcher = SUBSTITUTION.matcher(text);
		StringBuilder resolved = new StringBuilder();
		while (matcher.find()) {
			String variable = matcher.group(1);
			int dot = variable.indexOf('.');
			Object value = dot < 0 || variable.startsWith("AWS::") ? ref(variable)
					: attribute(variable.substring(0, dot), variable.substring(dot + 1));
			matcher.appendReplacement(resolved, Matcher.quoteReplacement(String.valueOf(value)));
		}
		matcher.appendTail(resolved);
		return resolved.toString();
	}

	private String typeOf(String logicalId) {
		Object resource = resources().get(logicalId);
		if (resource == null) {
			throw new IllegalArgumentException("no parameter or resource named " + logicalId);
		}
		return (String) map(resource).get("Type");
	}

	private String name(String logicalId, String property) {
		Object name = rawProperties(logicalId).get(property);
		if (name == null) {
			throw new IllegalArgumentException(logicalId + " has no " + property + ": its name would be generated");
		}
		return String.valueOf(resolve(name));
	}

	private Map<String, Object> rawProperties(String logicalId) {
		typeOf(logicalId);
		return map(map(resources().get(logicalId)).getOrDefault("Properties", Map.of()));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return value == null ? Map.of() : (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		if (value == null) {
			return List.of();
		}
		return value instanceof List<?> list ? (List<Object>) list : List.of(value);
	}

}
