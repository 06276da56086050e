package me.klepp.api.uploads;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxSize largest accepted upload
 * @param presignTtl how long a presigned upload URL stays valid
 * @param pendingTtl how long an announced upload may stay incomplete before it is removed
 * @param perUserPerMinute uploads and presign requests one user may start per minute (per API instance)
 */
@ConfigurationProperties("klepp.uploads")
record UploadProperties(DataSize maxSize, Duration presignTtl, Duration pendingTtl, Integer perUserPerMinute) {

	UploadProperties {
		maxSize = maxSize == null ? DataSize.ofGigabytes(2) : maxSize;
		presignTtl = presignTtl == null ? Duration.ofMinutes(15) : presignTtl;
		pendingTtl = pendingTtl == null ? Duration.ofHours(24) : pendingTtl;
		perUserPerMinute = perUserPerMinute == null ? 30 : perUserPerMinute;
	}

}
