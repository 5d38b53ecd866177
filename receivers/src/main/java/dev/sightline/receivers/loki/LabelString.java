package dev.sightline.receivers.loki;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses a stream's labels as the protobuf push sends them: {@code {job="api", env="prod"}}. */
final class LabelString {
  private LabelString() {}

  static Map<String, String> parse(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    String s = text.strip();
    if (!s.startsWith("{") || !s.endsWith("}")) {
      throw new IllegalArgumentException("labels " + quote(text) + " are not of the form {name=\"value\", …}");
    }
    int i = 1;
    int end = s.length() - 1;
    while (true) {
      while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
        i++;
      }
      if (i >= end) {
        return labels;
      }
      int nameStart = i;
      while (i < end && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
        i++;
      }
      String name = s.substring(nameStart, i);
      if (name.isEmpty() || i >= end || s.charAt(i) != '=' || i + 1 >= end || s.charAt(i + 1) != '"') {
        throw new IllegalArgumentException("labels " + quote(text) + ": expected name=\"value\" at position " + nameStart);
      }
      i += 2;
      StringBuilder value = new StringBuilder();
      while (i < end && s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c == '\\' && i < end) {
          char e = s.charAt(i++);
          value.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
        } else {
          value.append(c);
        }
      }
      if (i >= end) {
        throw new IllegalArgumentException("labels " + quote(text) + ": unterminated value of " + name);
      }
      i++;
      labels.put(name, value.toString());
    }
  }

  private static String quote(String s) {
    return "'" + (s.length() > 200 ? s.substring(0, 200) + "…" : s) + "'";
  }
}
