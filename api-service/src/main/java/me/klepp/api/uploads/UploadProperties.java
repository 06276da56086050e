package me.klepp.api.uploads;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxSize largest accepted upload
 * @param presignTtl how long a presigned upload URL stays valid
 */
@ConfigurationProperties("klepp.uploads")
record UploadProperties(DataSize maxSize, Duration presignTtl) {

	UploadProperties {
		maxSize = maxSize == null ? DataSize.ofGigabytes(2) : maxSize;
		presignTtl = presignTtl == null ? Duration.ofMinutes(15) : presignTtl;
	}

}
