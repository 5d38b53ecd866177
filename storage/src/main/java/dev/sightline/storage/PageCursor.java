package dev.sightline.storage;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a newest-first page ended: the time of its last item and a tie-breaking id. The next page
 * holds items strictly before it in (time, id) order, so pages neither skip nor repeat.
 */
public record PageCursor(long timeNanos, String id) {

  public String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((timeNanos + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** @throws IllegalArgumentException naming the cursor when it was not made by {@link #encode} */
  public static PageCursor decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      return new PageCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cursor '" + cursor + "' is not one this server returned");
    }
  }
}
