package dev.sightline.receivers.syslog;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Splits a syslog TCP stream into messages, choosing the framing of RFC 6587 per frame: a frame that
 * starts with a digit and reads {@code LEN SP <} is octet-counted; anything else runs to the next LF
 * (non-transparent framing). Senders do not mix the two, but detecting per frame costs nothing and
 * keeps a stream readable after a garbage line.
 */
final class FrameReader {
  private static final int MAX_LENGTH_DIGITS = 9;
  private final BufferedInputStream in;
  private final int maxBytes;
  private final byte[] buffer;
  private int length;

  /**
   * One frame's text without its framing and trailing CR/LF.
   *
   * @param problem empty, or why the frame is incomplete (then {@code text} is what was read)
   */
  record Frame(String text, String problem) {}

  FrameReader(InputStream in, int maxBytes) {
    this.in = new BufferedInputStream(in, 16 * 1024);
    this.maxBytes = maxBytes;
    this.buffer = new byte[maxBytes];
  }

  /** The next frame, or null at the end of the stream. Blank lines between frames are skipped. */
  @Nullable Frame next() throws IOException {
    int b;
    do {
      b = in.read();
      if (b < 0) {
        return null;
      }
    } while (b == '\n' || b == '\r' || b == 0);
    length = 0;
    if (b >= '1' && b <= '9') {
      long count = b - '0';
      append(b);
      for (int digits = 1; ; digits++) {
        int c = in.read();
        if (c < 0) {
          return frame("");
        }
        if (c == ' ' && startsMessage()) {
          return octetCounted(count);
        }
        append(c);
        if (c == '\n') {
          return frame("");
        }
        if (c < '0' || c > '9' || digits == MAX_LENGTH_DIGITS) {
          break;
        }
        count = count * 10 + (c - '0');
      }
    } else {
      append(b);
    }
    return restOfLine();
  }

  /** Whether a syslog message ({@code <PRI>}) follows, without consuming it. */
  private boolean startsMessage() throws IOException {
    in.mark(1);
    int next = in.read();
    in.reset();
    return next == '<';
  }

  private Frame octetCounted(long count) throws IOException {
    length = 0;
    long remaining = count;
    while (remaining > 0) {
      int want = (int) Math.min(remaining, maxBytes - length);
      if (want == 0) {
        try {
          in.skipNBytes(remaining); // the rest of this frame, so that the next one starts in the right place
        } catch (EOFException e) {
          // the connection ended inside the frame; what was read is kept all the same
        }
        return frame("message of " + count + " bytes is longer than " + maxBytes
            + " bytes (syslog.max.message.bytes); the first " + maxBytes + " are kept");
      }
      int n = in.read(buffer, length, want);
      if (n < 0) {
        return frame("the connection closed " + (count - remaining) + " bytes into a frame of " + count + " bytes");
      }
      length += n;
      remaining -= n;
    }
    return frame("");
  }

  private Frame restOfLine() throws IOException {
    boolean cut = false;
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (length < maxBytes) {
        buffer[length++] = (byte) c;
      } else {
        cut = true; // read on to the LF so that the next frame starts in the right place
      }
    }
    return frame(cut ? "message longer than " + maxBytes + " bytes (syslog.max.message.bytes); the first "
        + maxBytes + " are kept" : "");
  }

  private void append(int b) {
    if (length < maxBytes) {
      buffer[length++] = (byte) b;
    }
  }

  private Frame frame(String problem) {
    return new Frame(text(buffer, length), problem);
  }

  /** UTF-8 text of a message, without trailing CR, LF or NUL (some senders end frames with them). */
  static String text(byte[] bytes, int length) {
    int end = length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == 0)) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
