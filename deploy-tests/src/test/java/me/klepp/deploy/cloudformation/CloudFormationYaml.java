package me.klepp.deploy.cloudformation;

import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation YAML template into plain maps and lists, turning the short intrinsic tags
 * ({@code !Ref x}, {@code !GetAtt a.b}, {@code !Sub …}) into their long JSON forms ({@code {Ref: x}},
 * {@code {Fn::GetAtt: [a, b]}}, {@code {Fn::Sub: …}}), as CloudFormation itself does.
 */
final class CloudFormationYaml {

	private CloudFormationYaml() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> parse(String template) {
		return (Map<String, Object>) new Yaml(new IntrinsicFunctions()).load(template);
	}

	private static final class IntrinsicFunctions extends SafeConstructor {

		IntrinsicFunctions() {
			super(new LoaderOptions());
			yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
			yamlConstructors.put(new Tag("!GetAtt"), new Intrinsic("Fn::GetAtt"));
			for (String function : List.of("Sub", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or",
					"FindInMap", "GetAZs", "Base64", "Cidr", "ImportValue", "Condition")) {
				yamlConstructors.put(new Tag("!" + function),
						new Intrinsic(function.equals("Condition") ? "Condition" : "Fn::" + function));
			}
		}

		private final class Intrinsic extends AbstractConstruct {

			private final String function;

			Intrinsic(String function) {
				this.function = function;
			}

			@Override
			public Object construct(Node node) {
				Object argument;
				if (node instanceof ScalarNode scalar) {
					String value = constructScalar(scalar);
					argument = function.equals("Fn::GetAtt") ? List.of(value.split("\\.", 2)) : value;
				}
				else if (node instanceof SequenceNode sequence) {
					argument = constructSequence(sequence);
				}
				else {
					argument = constructMapping((MappingNode) node);
				}
				return Map.of(function, argument);
			}

		}

	}

}
