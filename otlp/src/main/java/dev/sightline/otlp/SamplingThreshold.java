package dev.sightline.otlp;

import com.google.protobuf.ByteString;
import java.util.Locale;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * OpenTelemetry consistent probability sampling: a span is kept when its 56-bit randomness
 * (the {@code rv} value of the {@code ot} tracestate entry, else the trace id's last 7 bytes) is at
 * least the rejection threshold; the threshold travels as {@code ot=th:<hex>} in the tracestate,
 * and the span's adjusted count (how many spans it stands for) is 2^56 / (2^56 - threshold).
 */
public final class SamplingThreshold {
  public static final long MAX = 1L << 56;

  private SamplingThreshold() {}

  /** The threshold that keeps {@code probability} of traces, 0 < probability ≤ 1. */
  public static long ofProbability(double probability) {
    return Math.min(MAX - 1, Math.round((1 - probability) * MAX));
  }

  public static long randomness(ByteString traceId, String traceState) {
    String rv = otValue(traceState, "rv");
    if (rv != null && rv.length() == 14) {
      try {
        return Long.parseLong(rv, 16);
      } catch (NumberFormatException ignored) {
        // an unreadable rv falls back to the trace id, as the specification asks
      }
    }
    long r = 0;
    for (int i = 9; i < 16 && i < traceId.size(); i++) {
      r = (r << 8) | (traceId.byteAt(i) & 0xff);
    }
    return r;
  }

  /** The threshold an earlier sampler wrote, if any. */
  public static OptionalLong threshold(String traceState) {
    String th = otValue(traceState, "th");
    if (th == null || th.isEmpty() || th.length() > 14) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong((th + "00000000000000").substring(0, 14), 16));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  public static double adjustedCount(long threshold) {
    return (double) MAX / (MAX - threshold);
  }

  public static String encode(long threshold) {
    if (threshold == 0) {
      return "0";
    }
    String hex = String.format(Locale.ROOT, "%014x", threshold);
    int end = hex.length();
    while (hex.charAt(end - 1) == '0') {
      end--;
    }
    return hex.substring(0, end);
  }

  /** The tracestate with {@code th} set in the {@code ot} entry, which moves to the front. */
  public static String withThreshold(String traceState, long threshold) {
    StringBuilder ot = new StringBuilder("ot=th:").append(encode(threshold));
    StringBuilder rest = new StringBuilder();
    for (String member : traceState.split(",")) {
      String m = member.trim();
      if (m.isEmpty()) {
        continue;
      }
      if (m.startsWith("ot=")) {
        for (String kv : m.substring(3).split(";")) {
          if (!kv.isEmpty() && !kv.startsWith("th:")) {
            ot.append(';').append(kv);
          }
        }
      } else {
        rest.append(',').append(m);
      }
    }
    return ot.append(rest).toString();
  }

  private static @Nullable String otValue(String traceState, String key) {
    for (String member : traceState.split(",")) {
      String m = member.trim();
      if (m.startsWith("ot=")) {
        for (String kv : m.substring(3).split(";")) {
          if (kv.startsWith(key + ":")) {
            return kv.substring(key.length() + 1);
          }
        }
      }
    }
    return null;
  }
}
