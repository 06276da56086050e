package me.klepp.api.users;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.UUID;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import me.klepp.api.problems.Problems;
import me.klepp.api.storage.ObjectDeletions;
import me.klepp.api.storage.S3Properties;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Profile pictures: at most {@value #MAX_BYTES} bytes of PNG or JPEG (by content, not by declared type), scaled
 * to fit 420×420 without upscaling, stored as JPEG in the derived bucket. The replaced picture is deleted
 * through the deletion outbox.
 */
@Service
class Avatars {

	static final int MAX_BYTES = 10 * 1024 * 1024;

	static final int MAX_SIDE = 420;

	private static final int MAX_SOURCE_PIXELS = 40_000_000;

	private final S3Client s3;

	private final S3Properties buckets;

	private final DatabaseClient db;

	private final ObjectDeletions deletions;

	private final TransactionalOperator transaction;

	Avatars(S3Client s3, S3Properties buckets, DatabaseClient db, ObjectDeletions deletions,
			TransactionalOperator transaction) {
		this.s3 = s3;
		this.buckets = buckets;
		this.db = db;
		this.deletions = deletions;
		this.transaction = transaction;
	}

	Mono<Void> replace(String username, Flux<DataBuffer> content) {
		return DataBufferUtils.join(content, MAX_BYTES)
			.onErrorMap(org.springframework.core.io.buffer.DataBufferLimitException.class,
					tooBig -> Problems.of(HttpStatus.CONTENT_TOO_LARGE,
							"profile pictures may be at most " + MAX_BYTES + " bytes"))
			.map(buffer -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.publishOn(Schedulers.boundedElastic())
			.map(Avatars::scaledJpeg)
			.flatMap(jpeg -> store(username, jpeg));
	}

	private Mono<Void> store(String username, byte[] jpeg) {
		String key = "avatars/" + username + "/" + UUID.randomUUID() + ".jpg";
		return Mono.fromRunnable(() -> s3.putObject(put -> put.bucket(buckets.derivedBucket()).key(key)
			.contentType("image/jpeg"), RequestBody.fromBytes(jpeg)))
			.subscribeOn(Schedulers.boundedElastic())
			.then(db.sql("select avatar_key from app_user where lower(name) = lower(:name) for update")
				.bind("name", username)
				.map(row -> java.util.Optional.ofNullable(row.get("avatar_key", String.class)))
				.one()
				.flatMap(previous -> db.sql("update app_user set avatar_key = :key where lower(name) = lower(:name)")
					.bind("key", key)
					.bind("name", username)
					.then()
					.then(previous.map(old -> deletions.enqueue(buckets.derivedBucket(), old, false))
						.orElse(Mono.empty())))
				.as(transaction::transactional))
			.doOnSuccess(done -> deletions.runSoon());
	}

	static byte[] scaledJpeg(byte[] picture) {
		if (!isPngOrJpeg(picture)) {
			throw Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "a profile picture must be a PNG or JPEG image");
		}
		BufferedImage source;
		try {
			var reader = ImageIO.getImageReaders(ImageIO.createImageInputStream(new ByteArrayInputStream(picture)));
			if (!reader.hasNext()) {
				throw Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the picture could not be read");
			}
			var imageReader = reader.next();
			imageReader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(picture)));
			long pixels = (long) imageReader.getWidth(0) * imageReader.getHeight(0);
			if (pixels > MAX_SOURCE_PIXELS) {
				throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "the picture has too many pixels (" + pixels + ")");
			}
			source = imageReader.read(0);
			imageReader.dispose();
		}
		catch (IOException | RuntimeException unreadable) {
			if (unreadable instanceof org.springframework.web.ErrorResponseException problem) {
				throw problem;
			}
			throw Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the picture could not be read: corrupt or truncated");
		}
		double scale = Math.min(1.0, Math.min((double) MAX_SIDE / source.getWidth(), (double) MAX_SIDE / source.getHeight()));
		int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
		int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
		BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = scaled.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			g.setColor(java.awt.Color.WHITE);
			g.fillRect(0, 0, width, height);
			g.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			g.dispose();
		}
		return jpeg(scaled);
	}

	private static boolean isPngOrJpeg(byte[] bytes) {
		boolean png = bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
		boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8 && (bytes[2] & 0xff) == 0xFF;
		return png || jpeg;
	}

	private static byte[] jpeg(BufferedImage image) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		var out = new ByteArrayOutputStream();
		try (var stream = new MemoryCacheImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(0.9f);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException e) {
			throw new IllegalStateException("JPEG encoding failed", e);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

}
