package dev.sightline.storage.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Label sets of sample series: their stored JSON form, fingerprint and Prometheus order. */
final class LabelSets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> TYPE = new TypeReference<>() {};

  private LabelSets() {}

  static String json(SortedMap<String, String> labels) {
    try {
      return JSON.writeValueAsString(labels);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("labels cannot be written as JSON", e);
    }
  }

  static TreeMap<String, String> parse(String json) {
    try {
      return JSON.readValue(json, TYPE);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored series labels are not a JSON object: " + json, e);
    }
  }

  /** A 64-bit hash of the tenant and the sorted labels (FNV-1a, then mixed). */
  static long fingerprint(String tenant, SortedMap<String, String> labels) {
    long h = 0xcbf29ce484222325L;
    h = mix(h, tenant);
    for (Map.Entry<String, String> e : labels.entrySet()) {
      h = mix(h, e.getKey());
      h = mix(h, e.getValue());
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  private static long mix(long hash, String s) {
    long h = hash;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return (h ^ 0xff) * 0x100000001b3L;
  }

  /** Prometheus' order of label sets: by names and values pairwise, a prefix first. */
  static int compare(SortedMap<String, String> a, SortedMap<String, String> b) {
    Iterator<Map.Entry<String, String>> i = a.entrySet().iterator();
    Iterator<Map.Entry<String, String>> j = b.entrySet().iterator();
    while (i.hasNext() && j.hasNext()) {
      Map.Entry<String, String> x = i.next();
      Map.Entry<String, String> y = j.next();
      int c = x.getKey().compareTo(y.getKey());
      if (c == 0) {
        c = x.getValue().compareTo(y.getValue());
      }
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(i.hasNext(), j.hasNext());
  }
}
