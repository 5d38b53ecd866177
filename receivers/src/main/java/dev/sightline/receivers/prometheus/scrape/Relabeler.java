package dev.sightline.receivers.prometheus.scrape;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;

/** Applies relabel rules to a label set the way Prometheus's {@code relabel.Process} does. */
public final class Relabeler {
  private Relabeler() {}

  /** The relabelled labels, or null when a rule dropped the set. */
  public static @Nullable Map<String, String> apply(Map<String, String> labels, List<RelabelRule> rules) {
    TreeMap<String, String> out = new TreeMap<>(labels);
    for (RelabelRule rule : rules) {
      if (!applyOne(out, rule)) {
        return null;
      }
    }
    out.values().removeIf(String::isEmpty);
    return out;
  }

  private static boolean applyOne(TreeMap<String, String> labels, RelabelRule r) {
    String value = joined(labels, r);
    switch (r.action()) {
      case DROP -> {
        return !r.regex().matcher(value).matches();
      }
      case KEEP -> {
        return r.regex().matcher(value).matches();
      }
      case DROPEQUAL -> {
        return !value.equals(labels.getOrDefault(r.targetLabel(), ""));
      }
      case KEEPEQUAL -> {
        return value.equals(labels.getOrDefault(r.targetLabel(), ""));
      }
      case REPLACE -> {
        Matcher m = r.regex().matcher(value);
        if (m.matches()) {
          String target = expand(m, r.targetLabel());
          String replaced = expand(m, r.replacement());
          if (validLabelName(target)) {
            put(labels, target, replaced);
          }
        }
      }
      case LOWERCASE -> put(labels, r.targetLabel(), value.toLowerCase(Locale.ROOT));
      case UPPERCASE -> put(labels, r.targetLabel(), value.toUpperCase(Locale.ROOT));
      case HASHMOD -> put(labels, r.targetLabel(), Long.toUnsignedString(
          Long.remainderUnsigned(md5Prefix(value), r.modulus())));
      case LABELMAP -> {
        for (Map.Entry<String, String> e : new ArrayList<>(labels.entrySet())) {
          Matcher m = r.regex().matcher(e.getKey());
          if (m.matches()) {
            labels.put(expand(m, r.replacement()), e.getValue());
          }
        }
      }
      case LABELDROP -> labels.keySet().removeIf(k -> r.regex().matcher(k).matches());
      case LABELKEEP -> labels.keySet().removeIf(k -> !r.regex().matcher(k).matches());
    }
    return true;
  }

  private static String joined(Map<String, String> labels, RelabelRule r) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < r.sourceLabels().size(); i++) {
      if (i > 0) {
        b.append(r.separator());
      }
      b.append(labels.getOrDefault(r.sourceLabels().get(i), ""));
    }
    return b.toString();
  }

  private static void put(TreeMap<String, String> labels, String name, String value) {
    if (value.isEmpty()) {
      labels.remove(name);
    } else {
      labels.put(name, value);
    }
  }

  /** Go's regexp Expand: {@code $1}, {@code ${1}}, {@code ${name}}, {@code $$}; unknown groups expand to "". */
  static String expand(Matcher m, String template) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        b.append(c);
        continue;
      }
      char next = template.charAt(i + 1);
      if (next == '$') {
        b.append('$');
        i++;
        continue;
      }
      int end;
      String ref;
      if (next == '{') {
        end = template.indexOf('}', i + 2);
        if (end < 0) {
          b.append(c);
          continue;
        }
        ref = template.substring(i + 2, end);
        end++;
      } else {
        end = i + 1;
        while (end < template.length() && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
          end++;
        }
        ref = template.substring(i + 1, end);
      }
      if (ref.isEmpty()) {
        b.append(c);
        continue;
      }
      b.append(group(m, ref));
      i = end - 1;
    }
    return b.toString();
  }

  private static String group(Matcher m, String ref) {
    try {
      String g = ref.chars().allMatch(Character::isDigit)
          ? (Integer.parseInt(ref) <= m.groupCount() ? m.group(Integer.parseInt(ref)) : null)
          : m.group(ref);
      return g == null ? "" : g;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  static boolean validLabelName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The last 8 bytes of the MD5 of the value, big-endian, as Prometheus's hashmod takes them. */
  private static long md5Prefix(String value) {
    try {
      byte[] d = MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 8; i < 16; i++) {
        h = (h << 8) | (d[i] & 0xff);
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }
}
