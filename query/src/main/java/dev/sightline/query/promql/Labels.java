package dev.sightline.query.promql;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable label set sorted by name, with its hash computed once: series are grouped and
 * matched by label sets many times per query, so equality and hashing must be cheap.
 */
final class Labels implements Comparable<Labels> {
  static final String METRIC_NAME = "__name__";
  static final Labels EMPTY = new Labels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private final int hash;

  private Labels(String[] names, String[] values) {
    this.names = names;
    this.values = values;
    this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
  }

  static Labels of(Map<String, String> map) {
    // a reader's label maps are sorted already, often behind an unmodifiable view: copy only when not
    Map<String, String> sorted = map instanceof SortedMap<String, String> m && m.comparator() == null
        ? map : new TreeMap<>(map);
    String[] n = new String[sorted.size()];
    String[] v = new String[sorted.size()];
    int i = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      n[i] = e.getKey();
      v[i++] = e.getValue();
    }
    return i == n.length ? new Labels(n, v) : new Labels(Arrays.copyOf(n, i), Arrays.copyOf(v, i));
  }

  Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], values[i]);
    }
    return Collections.unmodifiableMap(m);
  }

  int size() {
    return names.length;
  }

  String name(int i) {
    return names[i];
  }

  String value(int i) {
    return values[i];
  }

  /** The value of a label, empty when absent as in Prometheus. */
  String get(String name) {
    int i = Arrays.binarySearch(names, name);
    return i >= 0 ? values[i] : "";
  }

  boolean has(String name) {
    return Arrays.binarySearch(names, name) >= 0;
  }

  Labels withoutMetricName() {
    return has(METRIC_NAME) ? without(java.util.List.of(METRIC_NAME)) : this;
  }

  /** These labels except the given names. */
  Labels without(Collection<String> drop) {
    return filter(drop, false);
  }

  /** Only the given names of these labels. */
  Labels keep(Collection<String> kept) {
    return filter(kept, true);
  }

  private Labels filter(Collection<String> set, boolean keep) {
    String[] n = new String[names.length];
    String[] v = new String[names.length];
    int j = 0;
    for (int i = 0; i < names.length; i++) {
      if (set.contains(names[i]) == keep) {
        n[j] = names[i];
        v[j++] = values[i];
      }
    }
    if (j == names.length) {
      return this;
    }
    return new Labels(Arrays.copyOf(n, j), Arrays.copyOf(v, j));
  }

  /** These labels with one set, or removed when the value is empty. */
  Labels with(String name, String value) {
    int i = Arrays.binarySearch(names, name);
    if (i >= 0) {
      if (value.isEmpty()) {
        String[] n = new String[names.length - 1];
        String[] v = new String[names.length - 1];
        System.arraycopy(names, 0, n, 0, i);
        System.arraycopy(values, 0, v, 0, i);
        System.arraycopy(names, i + 1, n, i, names.length - i - 1);
        System.arraycopy(values, i + 1, v, i, names.length - i - 1);
        return new Labels(n, v);
      }
      String[] v = values.clone();
      v[i] = value;
      return new Labels(names, v);
    }
    if (value.isEmpty()) {
      return this;
    }
    int at = -i - 1;
    String[] n = new String[names.length + 1];
    String[] v = new String[names.length + 1];
    System.arraycopy(names, 0, n, 0, at);
    System.arraycopy(values, 0, v, 0, at);
    n[at] = name;
    v[at] = value;
    System.arraycopy(names, at, n, at + 1, names.length - at);
    System.arraycopy(values, at, v, at + 1, names.length - at);
    return new Labels(n, v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels other && other.hash == hash && Arrays.equals(other.names, names)
        && Arrays.equals(other.values, values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Prometheus's label set order: pairwise by name, then value, then the shorter set first. */
  @Override
  public int compareTo(Labels o) {
    int n = Math.min(names.length, o.names.length);
    for (int i = 0; i < n; i++) {
      int c = names[i].compareTo(o.names[i]);
      if (c != 0) {
        return c;
      }
      c = values[i].compareTo(o.values[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(names.length, o.names.length);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(names[i]).append('=').append(GoStrings.quote(values[i]));
    }
    return b.append('}').toString();
  }
}
