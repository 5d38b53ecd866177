package dev.sightline.storage.duckdb;

import java.util.Arrays;

/** Ascending series ids that carry one label value: one entry of the inverted label index. */
final class Postings {
  private int[] ids = new int[4];
  private int size;

  /** Ids come in ascending order, as the writer assigns them. */
  void add(int id) {
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
    }
    ids[size++] = id;
  }

  int size() {
    return size;
  }

  int get(int i) {
    return ids[i];
  }

  boolean contains(int id) {
    return Arrays.binarySearch(ids, 0, size, id) >= 0;
  }
}
