package dev.sightline.query.promql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How the two sides of a binary operation between vectors are matched: on or ignoring some
 * labels, one-to-one or with {@code group_left}/{@code group_right} and the labels to copy over.
 */
public record VectorMatching(
    Cardinality cardinality, List<String> labels, boolean on, List<String> include) {

  public enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

  public VectorMatching {
    requireNonNull(cardinality, "cardinality");
    labels = List.copyOf(requireNonNull(labels, "labels"));
    include = List.copyOf(requireNonNull(include, "include"));
  }

  static final VectorMatching DEFAULT =
      new VectorMatching(Cardinality.ONE_TO_ONE, List.of(), false, List.of());

  VectorMatching withCardinality(Cardinality card) {
    return new VectorMatching(card, labels, on, include);
  }
}
