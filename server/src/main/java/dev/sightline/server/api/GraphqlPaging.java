package dev.sightline.server.api;

import dev.sightline.storage.Page;
import dev.sightline.storage.PageCursor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Relay-style pages over the store's newest-first keyset pages ({@link PageCursor}). The store
 * gives a cursor after the last item of a page only, and Relay wants one on every edge, so an
 * edge's cursor is the store cursor its page started from and how many items of that page come up
 * to it; the last edge of a full page carries the store's own cursor, so that following
 * {@code endCursor} page after page costs one page each and neither skips nor repeats items. An
 * edge cursor inside the first page counts from the newest item, so items that arrive in between
 * shift it; inside later pages it counts from the store cursor and stays exact.
 */
final class GraphqlPaging {
  private GraphqlPaging() {}

  record Connection<N>(List<Edge<N>> edges, PageInfo pageInfo) {}

  record Edge<N>(String cursor, N node) {}

  record PageInfo(boolean hasNextPage, boolean hasPreviousPage, @Nullable String startCursor, @Nullable String endCursor) {}

  /** Where a page resumes: after {@code skip} items of the store page that starts at {@code storeCursor}. */
  private record Position(String kind, @Nullable String storeCursor, int skip) {
    String encode() {
      String text = kind + "|" + (storeCursor == null ? "" : storeCursor) + "|" + skip;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(String cursor, String kind, int maxSkip) {
      Position p = parse(cursor, kind);
      if (p == null) {
        throw new BadRequestException("after: '" + cursor + "' is not a cursor this server returned for " + kind);
      }
      if (p.skip() > maxSkip) {
        throw new BadRequestException("after: the cursor lies " + p.skip() + " items into its page, more than the "
            + maxSkip + " read again to resume there; page on from an endCursor instead");
      }
      return p;
    }

    private static @Nullable Position parse(String cursor, String kind) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
        int skip = Integer.parseInt(parts[2]);
        if (parts.length != 3 || !parts[0].equals(kind) || skip < 0) {
          return null;
        }
        String store = parts[1].isEmpty() ? null : parts[1];
        if (store != null) {
          PageCursor.decode(store);
        }
        return new Position(kind, store, skip);
      } catch (RuntimeException e) {
        return null;
      }
    }
  }

  /**
   * One page of {@code first} items after the cursor {@code after}.
   *
   * @param kind what is paged ({@code traces}, {@code logs}); a cursor of one kind is refused for another
   * @param search runs the store's search from a store cursor (null: the newest) with a limit
   */
  static <T, N> Connection<N> page(String kind, @Nullable String after, int first, int maxFirst,
      BiFunction<@Nullable PageCursor, Integer, Page<T>> search, Function<T, N> view) {
    Position from = after == null ? new Position(kind, null, 0) : Position.decode(after, kind, 2 * maxFirst);
    Page<T> page = search.apply(from.storeCursor() == null ? null : PageCursor.decode(from.storeCursor()), from.skip() + first);
    List<T> items = page.items();
    List<Edge<N>> edges = new ArrayList<>();
    for (int i = from.skip(); i < items.size(); i++) {
      boolean lastOfFullPage = i == items.size() - 1 && page.nextCursor() != null;
      String cursor = lastOfFullPage ? new Position(kind, page.nextCursor(), 0).encode()
          : new Position(kind, from.storeCursor(), i + 1).encode();
      edges.add(new Edge<>(cursor, view.apply(items.get(i))));
    }
    return new Connection<>(edges, new PageInfo(page.nextCursor() != null, after != null,
        edges.isEmpty() ? null : edges.getFirst().cursor(), edges.isEmpty() ? null : edges.getLast().cursor()));
  }
}
