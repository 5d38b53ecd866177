package dev.sightline.storage;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of results, newest first, and the cursor of the next page when there may be one. */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }
}
