package me.klepp.api.users;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import me.klepp.api.problems.Problems;
import me.klepp.api.storage.ObjectDeletions;
import me.klepp.api.storage.S3Properties;
import me.klepp.api.web.PerUserRateLimit;
import me.klepp.events.DerivedKeys;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Profile pictures: at most {@value #MAX_BYTES} bytes of PNG or JPEG (by content, not by declared type), scaled
 * to fit 420×420 without upscaling, stored as JPEG in the derived bucket. The replaced picture is deleted
 * through the deletion outbox.
 * <p>
 * Memory is bounded whatever the picture: a small file can describe a huge image (a flat 6300×6300 PNG is about
 * 116 KB but 119 MB as a raster), so the header's dimensions are read first and the image is decoded subsampled,
 * to at most twice the target per side ({@link #subsampling}). What a decoder holds regardless (full-width rows,
 * a progressive JPEG's coefficients) is capped by {@link #MAX_SOURCE_SIDE} and {@link #MAX_PROGRESSIVE_PIXELS}.
 * At most {@link AvatarProperties#concurrent()} pictures are handled at once per instance, and each user may send
 * {@link AvatarProperties#perUserPerMinute()} a minute.
 */
@Service
class Avatars {

	static final int MAX_BYTES = 10 * 1024 * 1024;

	static final int MAX_SIDE = 420;

	private static final int MAX_SOURCE_PIXELS = 40_000_000;

	/** Decoders hold a few rows of full width whatever the subsampling: a 40 Mpx picture one pixel high must not pass. */
	static final int MAX_SOURCE_SIDE = 20_000;

	/**
	 * A progressive JPEG is decoded from a buffer of all its coefficients, outside the heap and whatever the
	 * subsampling: about 3 bytes per pixel (6 without chroma subsampling), so 40 Mpx would take 120-240 MB.
	 */
	static final int MAX_PROGRESSIVE_PIXELS = 8_000_000;

	private final S3Client s3;

	private final S3Properties buckets;

	private final DatabaseClient db;

	private final ObjectDeletions deletions;

	private final TransactionalOperator transaction;

	private final PerUserRateLimit perUser;

	private final Semaphore atOnce;

	Avatars(S3Client s3, S3Properties buckets, DatabaseClient db, ObjectDeletions deletions,
			TransactionalOperator transaction, AvatarProperties properties) {
		this.s3 = s3;
		this.buckets = buckets;
		this.db = db;
		this.deletions = deletions;
		this.transaction = transaction;
		this.perUser = new PerUserRateLimit(properties.perUserPerMinute(), "profile pictures");
		this.atOnce = new Semaphore(properties.concurrent());
	}

	Mono<Void> replace(String username, Flux<DataBuffer> content) {
		return Mono.defer(() -> {
			perUser.take(username);
			if (!atOnce.tryAcquire()) {
				ErrorResponseException busy = Problems.of(HttpStatus.TOO_MANY_REQUESTS,
						"too many profile pictures are being processed right now; try again in 1 s");
				busy.getHeaders().set("Retry-After", "1");
				throw busy;
			}
			return scaledAndStored(username, content).doFinally(signal -> atOnce.release());
		})
			// Refused before reading: the part's bytes still arrive and are released as they come.
			.onErrorResume(ErrorResponseException.class,
					refused -> refused.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()
							? content.doOnNext(DataBufferUtils::release).then(Mono.error(refused)) : Mono.error(refused));
	}

	private Mono<Void> scaledAndStored(String username, Flux<DataBuffer> content) {
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
		String key = DerivedKeys.avatar(username, UUID.randomUUID());
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
			var reader = ImageIO.getImageReadersByFormatName(isPng(picture) ? "png" : "jpeg");
			if (!reader.hasNext()) {
				throw Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the picture could not be read");
			}
			var imageReader = reader.next();
			try {
				imageReader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(picture)), true, true);
				// The header only: nothing of the image is decoded yet.
				int sourceWidth = imageReader.getWidth(0);
				int sourceHeight = imageReader.getHeight(0);
				long pixels = (long) sourceWidth * sourceHeight;
				if (pixels > MAX_SOURCE_PIXELS) {
					throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "the picture has too many pixels (" + pixels + ")");
				}
				if (sourceWidth > MAX_SOURCE_SIDE || sourceHeight > MAX_SOURCE_SIDE) {
					throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "the picture is " + sourceWidth + "×" + sourceHeight
							+ " pixels; each side may be at most " + MAX_SOURCE_SIDE);
				}
				if (pixels > MAX_PROGRESSIVE_PIXELS && !isPng(picture) && progressive(imageReader)) {
					throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "a progressive JPEG may have at most "
							+ MAX_PROGRESSIVE_PIXELS + " pixels (this one has " + pixels
							+ "); send a smaller one, a baseline JPEG or a PNG");
				}
				ImageReadParam param = imageReader.getDefaultReadParam();
				int step = subsampling(sourceWidth, sourceHeight);
				param.setSourceSubsampling(step, step, 0, 0);
				source = imageReader.read(0, param);
			}
			finally {
				imageReader.dispose();
			}
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

	/**
	 * Every {@code n}th pixel of every {@code n}th row, so that the decoded raster is at most twice the target
	 * per side (at most 840×840, under 3 MB), which still leaves the scaling below enough pixels to be smooth.
	 */
	static int subsampling(int width, int height) {
		int most = 2 * MAX_SIDE;
		return Math.max(1, (Math.max(width, height) + most - 1) / most);
	}

	/** From the JPEG's frame header (read without decoding): SOF2, progressive DCT. */
	private static boolean progressive(ImageReader jpegReader) throws IOException {
		var tree = (IIOMetadataNode) jpegReader.getImageMetadata(0).getAsTree("javax_imageio_jpeg_image_1.0");
		var frames = tree.getElementsByTagName("sof");
		return frames.getLength() > 0 && "2".equals(((IIOMetadataNode) frames.item(0)).getAttribute("process"));
	}

	private static boolean isPngOrJpeg(byte[] bytes) {
		boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8 && (bytes[2] & 0xff) == 0xFF;
		return isPng(bytes) || jpeg;
	}

	private static boolean isPng(byte[] bytes) {
		return bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
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
