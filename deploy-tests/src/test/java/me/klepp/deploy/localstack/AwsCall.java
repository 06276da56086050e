package me.klepp.deploy.localstack;

import java.util.List;

/** One recorded {@code awslocal <service> <operation> --option value …} call. */
record AwsCall(List<String> arguments) {

	String service() {
		return arguments.get(0);
	}

	String operation() {
		return arguments.get(1);
	}

	boolean is(String service, String operation) {
		return service().equals(service) && operation().equals(operation);
	}

	/** The value after {@code --name}, or {@code null} when the option is absent. */
	String option(String name) {
		int at = arguments.indexOf(name);
		return at < 0 || at + 1 >= arguments.size() ? null : arguments.get(at + 1);
	}

	@Override
	public String toString() {
		return "awslocal " + String.join(" ", arguments);
	}

}
