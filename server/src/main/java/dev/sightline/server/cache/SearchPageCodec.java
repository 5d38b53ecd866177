package dev.sightline.server.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.storage.Page;
import dev.sightline.storage.TraceSummary;
import java.io.IOException;

/** A page of trace search results as JSON. */
final class SearchPageCodec implements ValueCodec<Page<TraceSummary>> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Page<TraceSummary>> TYPE = new TypeReference<>() {};

  @Override
  public byte[] encode(Page<TraceSummary> page) {
    try {
      return JSON.writeValueAsBytes(page);
    } catch (IOException e) {
      throw new IllegalStateException("a search page always encodes as JSON", e);
    }
  }

  @Override
  public Page<TraceSummary> decode(byte[] bytes) {
    try {
      return JSON.readValue(bytes, TYPE);
    } catch (IOException e) {
      throw new IllegalArgumentException("cached search page is not JSON of a page: " + e.getMessage(), e);
    }
  }
}
