package me.klepp.local;

import java.nio.file.Path;

import me.klepp.devstack.Devstack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload scenario on the embedded, Docker-free devstack. */
class WalkingSkeletonTest {

	static Devstack stack;

	static KleppSystem system;

	@BeforeAll
	static void start() {
		stack = Devstack.shared();
		system = KleppSystem.startForTests(stack);
	}

	@AfterAll
	static void stop() {
		if (system != null) {
			system.close();
		}
	}

	@Test
	void uploadedClipAppearsInTheFeedWithARepresentativeThumbnailAndItsMetadata(@TempDir Path dir) throws Exception {
		new UploadScenario(stack, system, stack.sqsClient())
			.uploadedClipAppearsInTheFeedWithARepresentativeThumbnailAndItsMetadata(dir);
	}

}
