package dev.sightline.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints rows as an aligned table, JSON (an array of objects, or the API's answer as is) or CSV. */
final class Output {
  enum Format { table, json, csv }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Format format;
  private final PrintStream out;

  Output(Format format, PrintStream out) {
    this.format = format;
    this.out = out;
  }

  Format format() {
    return format;
  }

  /** The API's answer itself, for {@code -o json}. */
  void json(JsonNode answer) {
    try {
      out.println(JSON.writeValueAsString(answer));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  void rows(List<String> columns, List<List<String>> rows) {
    switch (format) {
      case json -> {
        List<Map<String, String>> objects = new ArrayList<>();
        for (List<String> row : rows) {
          Map<String, String> o = new LinkedHashMap<>();
          for (int i = 0; i < columns.size(); i++) {
            o.put(columns.get(i).toLowerCase(java.util.Locale.ROOT).replace(' ', '_'), row.get(i));
          }
          objects.add(o);
        }
        try {
          out.println(JSON.writeValueAsString(objects));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
      case csv -> {
        out.println(csvLine(columns));
        rows.forEach(r -> out.println(csvLine(r)));
      }
      case table -> {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
          widths[i] = columns.get(i).length();
          for (List<String> r : rows) {
            widths[i] = Math.min(80, Math.max(widths[i], r.get(i).length()));
          }
        }
        out.println(tableLine(columns, widths));
        rows.forEach(r -> out.println(tableLine(r, widths)));
      }
    }
  }

  private static String tableLine(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i).replace('\n', ' ');
      if (i == cells.size() - 1) {
        b.append(c);
      } else {
        b.append(c.length() > widths[i] ? c.substring(0, widths[i] - 1) + "…" : c);
        b.append(" ".repeat(Math.max(0, widths[i] - Math.min(c.length(), widths[i]) + 2)));
      }
    }
    return b.toString().stripTrailing();
  }

  static String csvLine(List<String> cells) {
    List<String> quoted = new ArrayList<>();
    for (String c : cells) {
      quoted.add(c.contains(",") || c.contains("\"") || c.contains("\n") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
    }
    return String.join(",", quoted);
  }
}
