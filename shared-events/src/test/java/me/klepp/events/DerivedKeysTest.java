package me.klepp.events;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DerivedKeysTest {

	@Test
	void anUploadOwnsExactlyItsFourDerivedKeys() {
		assertThat(DerivedKeys.all("alice/a.mp4")).containsExactly("alice/a.mp4/poster.jpg",
				"alice/a.mp4/thumbnail.jpg", "alice/a.mp4/preview.mp4", "alice/a.mp4/playable.mp4");
		assertThat(DerivedKeys.belongsTo("alice/a.mp4", DerivedKeys.playable("alice/a.mp4"))).isTrue();
		assertThat(DerivedKeys.belongsTo("alice/a.mp4", DerivedKeys.poster("alice/a.mp4"))).isTrue();
		assertThat(DerivedKeys.belongsTo("alice/a.mp4", "alice/a.mp4/other.jpg")).isFalse();
		assertThat(DerivedKeys.belongsTo("alice/a.mp4", null)).isFalse();
	}

	@Test
	void noUploadKeyOwnsAnotherUploadsDerivedObjectsOrAProfilePicture() {
		String avatar = DerivedKeys.avatar("alice", UUID.randomUUID());
		// Keys that are folders of other things' keys own nothing inside them.
		for (String folder : new String[] { "alice", "avatars", "avatars/alice", "alice/a.mp4/poster.jpg/..",
				avatar.substring(0, avatar.lastIndexOf('/')) }) {
			assertThat(DerivedKeys.belongsTo(folder, DerivedKeys.thumbnail("alice/a.mp4"))).as(folder).isFalse();
			assertThat(DerivedKeys.belongsTo(folder, avatar)).as(folder).isFalse();
		}
		assertThat(DerivedKeys.belongsTo(avatar, avatar)).isFalse();
	}

}
