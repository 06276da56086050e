package me.klepp.deploy.cloudformation;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import me.klepp.deploy.support.RepositoryFiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * AWS's own linter knows every resource type's schema (property names, types, allowed values), which our
 * tests do not. It is installed on our machines; elsewhere this test is skipped.
 */
class CfnLintTest {

	@Test
	void templatePassesCfnLint() throws Exception {
		assumeTrue(new ProcessBuilder("bash", "-c", "command -v cfn-lint").start().waitFor() == 0,
				"cfn-lint is not installed");
		Process lint = new ProcessBuilder("cfn-lint", "--", CloudFormationTemplateTest.TEMPLATE)
			.directory(RepositoryFiles.root().toFile())
			.redirectErrorStream(true)
			.start();
		String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(lint.exitValue()).as(report).isZero();
	}

}
