package dev.sightline.receivers.otlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Undoes a request's content encoding, refusing bodies that inflate beyond a limit; shared by the
 * HTTP receivers (OTLP, Zipkin, Loki).
 */
public final class RequestBody {
  private RequestBody() {}

  /** The body could not be decoded; {@code status} is the HTTP status to answer with. */
  public static final class BodyException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    BodyException(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    /** The HTTP status to answer with: 400, 413 or 415. */
    public int status() {
      return status;
    }
  }

  public static byte[] decode(byte[] body, @Nullable String contentEncoding, int maxBytes) throws BodyException {
    String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    return switch (encoding) {
      case "", "identity" -> body;
      case "gzip", "x-gzip" -> gunzip(body, maxBytes);
      default -> throw new BodyException(415, "Content-Encoding '" + contentEncoding
          + "' is not supported; use gzip or none");
    };
  }

  private static byte[] gunzip(byte[] body, int maxBytes) throws BodyException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 8192)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, body.length * 4 + 64));
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (out.size() + n > maxBytes) {
          throw new BodyException(413, "gzip body inflates beyond the limit of " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new BodyException(400, "gzip body is corrupt: " + e.getMessage());
    }
  }
}
