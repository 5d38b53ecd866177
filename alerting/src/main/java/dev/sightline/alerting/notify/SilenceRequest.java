package dev.sightline.alerting.notify;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the API asks for when it creates a silence. Fields may be missing here; {@link Silences#create}
 * checks them and names the one at fault.
 */
public record SilenceRequest(@Nullable List<Matcher> matchers, @Nullable Instant startsAt, @Nullable Instant endsAt,
    @Nullable String createdBy, @Nullable String comment) {

  /** Parses matchers written as {@code name op "value"} strings; errors name {@code matchers[i]}. */
  public static List<Matcher> matchers(List<String> texts) {
    return java.util.stream.IntStream.range(0, texts.size())
        .mapToObj(i -> Matcher.parse(texts.get(i), "matchers[" + i + "]")).toList();
  }
}
