package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

import dev.sightline.storage.LabelMatcher;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An instant vector selector such as {@code http_requests_total{job="api"} offset 5m @ 100}. The
 * metric name, when written, is also among the matchers as an equality on {@code __name__}.
 */
public record VectorSelector(
    @Nullable String name, List<LabelMatcher> matchers, long offsetMs, @Nullable AtModifier at, int pos)
    implements Expr {
  public VectorSelector {
    matchers = List.copyOf(requireNonNull(matchers, "matchers"));
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }

  VectorSelector withOffset(long offset) {
    return new VectorSelector(name, matchers, offset, at, pos);
  }

  VectorSelector withAt(AtModifier modifier) {
    return new VectorSelector(name, matchers, offsetMs, modifier, pos);
  }
}
