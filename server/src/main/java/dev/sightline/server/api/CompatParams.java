package dev.sightline.server.api;

import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Query parameters as the Jaeger and Zipkin query APIs take them: integers, Go-style durations, short trace ids. */
final class CompatParams {
  private CompatParams() {}

  static long longParam(ServiceRequestContext ctx, String name, long otherwise) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return otherwise;
    }
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestException(name + ": '" + raw + "' is not an integer");
    }
  }

  static String required(ServiceRequestContext ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      throw new BadRequestException("parameter '" + name + "' is required");
    }
    return v;
  }

  static @Nullable String optional(ServiceRequestContext ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v;
  }

  /** A duration as {@code 100ms} or {@code 1.5s}, in nanoseconds; null when absent. */
  static @Nullable Long durationNanos(ServiceRequestContext ctx, String name) {
    String raw = ctx.queryParam(name);
    return raw == null || raw.isBlank() ? null : Params.parseDuration(name, raw).toNanos();
  }

  /** {@code limit}, at least 1 (else the default) and at most {@code max}. */
  static int limit(ServiceRequestContext ctx, int defaultLimit, int max) {
    long limit = longParam(ctx, "limit", defaultLimit);
    return limit <= 0 ? defaultLimit : (int) Math.min(limit, max);
  }

  /** A trace id as Jaeger and Zipkin clients send it: 1 to 32 hex digits, left-padded to 32. */
  static String traceId(String raw) {
    if (!raw.matches("[0-9a-fA-F]{1,32}")) {
      throw new BadRequestException("trace id '" + raw + "' is not 1 to 32 hex digits");
    }
    return "0".repeat(32 - raw.length()) + raw.toLowerCase(Locale.ROOT);
  }
}
