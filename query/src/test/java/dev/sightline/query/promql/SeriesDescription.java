package dev.sightline.query.promql;

import dev.sightline.storage.StaleMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A series as Prometheus's test scripts write it: {@code name{label="value"} 0+10x5 _ stale 3}.
 * Omitted values are null.
 */
record SeriesDescription(Map<String, String> labels, List<Double> values) {

  static SeriesDescription parse(String line) {
    int i = 0;
    Map<String, String> labels = new TreeMap<>();
    while (i < line.length() && (Lexer.isAlphaNumeric(line.charAt(i)) || line.charAt(i) == ':')) {
      i++;
    }
    if (i > 0) {
      labels.put("__name__", line.substring(0, i));
    }
    if (i < line.length() && line.charAt(i) == '{') {
      i = parseLabels(line, i + 1, labels);
    }
    List<Double> values = new ArrayList<>();
    for (String token : line.substring(i).trim().split("\\s+")) {
      if (!token.isEmpty()) {
        expand(token, values);
      }
    }
    return new SeriesDescription(labels, values);
  }

  private static int parseLabels(String line, int i, Map<String, String> labels) {
    while (true) {
      while (line.charAt(i) == ' ' || line.charAt(i) == ',') {
        i++;
      }
      if (line.charAt(i) == '}') {
        return i + 1;
      }
      int eq = line.indexOf('=', i);
      String name = line.substring(i, eq).trim();
      int q = eq + 1;
      while (line.charAt(q) == ' ') {
        q++;
      }
      char quote = line.charAt(q);
      int end = q + 1;
      while (line.charAt(end) != quote) {
        end += line.charAt(end) == '\\' ? 2 : 1;
      }
      labels.put(name, GoStrings.unquote(line.substring(q, end + 1)));
      i = end + 1;
    }
  }

  private static void expand(String token, List<Double> out) {
    int x = token.lastIndexOf('x');
    if (x < 0) {
      out.add(token.equals("_") ? null : number(token));
      return;
    }
    int times = Integer.parseInt(token.substring(x + 1));
    String head = token.substring(0, x);
    if (head.equals("_")) {
      for (int k = 0; k < times; k++) {
        out.add(null);
      }
      return;
    }
    int split = -1;
    for (int k = 1; k < head.length(); k++) {
      char c = head.charAt(k);
      if ((c == '+' || c == '-') && head.charAt(k - 1) != 'e' && head.charAt(k - 1) != 'E') {
        split = k;
        break;
      }
    }
    double value = number(split < 0 ? head : head.substring(0, split));
    double delta = split < 0 ? 0 : number(head.substring(split));
    for (int k = 0; k <= times; k++) {
      out.add(value);
      value += delta;
    }
  }

  static double number(String s) {
    return switch (s) {
      case "stale" -> StaleMarker.VALUE;
      case "Inf", "+Inf", "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
      case "NaN", "nan" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }
}
