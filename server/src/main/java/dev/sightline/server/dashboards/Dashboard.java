package dev.sightline.server.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One saved dashboard: its panels (a PromQL query and how to draw it each), the time range they
 * share, and template variables ({@code $name} in the queries) whose values come from a label.
 */
public record Dashboard(String id, String title, String from, String to, List<Variable> variables, List<Panel> panels,
    String updatedAt, long version) {
  static final int MAX_PANELS = 50;
  static final int MAX_VARIABLES = 10;
  private static final int MAX_TEXT = 200;
  private static final int MAX_QUERY = 4_000;
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,63}");
  private static final Set<String> CHARTS = Set.of("lines", "stacked", "heatmap", "table");

  /** {@code $label} takes the values of that label, among the series of {@code metric} when it is not empty. */
  public record Variable(String name, String label, String metric) {}

  /** {@code chart}: lines, stacked, heatmap or table. */
  public record Panel(String title, String query, String chart) {}

  /**
   * The dashboard a request body describes, with the given id and time; a bad field is an
   * IllegalArgumentException naming it. Its {@code version}, when given, is the one the client read:
   * a replace then fails if the dashboard changed since (0: replace whatever is there).
   */
  static Dashboard parse(JsonNode body, String id, String updatedAt) {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object: {\"title\", \"from\", \"to\", \"variables\", \"panels\"}");
    }
    String title = text(body, "title", "title", true, MAX_TEXT);
    String from = body.hasNonNull("from") ? text(body, "from", "from", true, MAX_TEXT) : "now-1h";
    String to = body.hasNonNull("to") ? text(body, "to", "to", true, MAX_TEXT) : "now";
    List<Variable> variables = new ArrayList<>();
    for (JsonNode v : list(body, "variables", MAX_VARIABLES)) {
      String field = "variables[" + variables.size() + "]";
      String name = text(v, "name", field + ".name", true, 64);
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(field + ".name: '" + name + "' is not a variable name; use letters, digits and _");
      }
      if (variables.stream().anyMatch(x -> x.name().equals(name))) {
        throw new IllegalArgumentException(field + ".name: '" + name + "' is already a variable of this dashboard");
      }
      variables.add(new Variable(name, text(v, "label", field + ".label", true, MAX_TEXT), text(v, "metric", field + ".metric", false, MAX_TEXT)));
    }
    List<Panel> panels = new ArrayList<>();
    for (JsonNode p : list(body, "panels", MAX_PANELS)) {
      String field = "panels[" + panels.size() + "]";
      String chart = p.hasNonNull("chart") ? text(p, "chart", field + ".chart", true, 16) : "lines";
      if (!CHARTS.contains(chart)) {
        throw new IllegalArgumentException(field + ".chart: '" + chart + "' is not one of lines, stacked, heatmap, table");
      }
      panels.add(new Panel(text(p, "title", field + ".title", false, MAX_TEXT), text(p, "query", field + ".query", true, MAX_QUERY), chart));
    }
    JsonNode version = body.path("version");
    if (!version.isMissingNode() && !version.isNull() && !(version.canConvertToLong() && version.asLong() >= 0)) {
      throw new IllegalArgumentException("version: expected the whole number a read of the dashboard returned");
    }
    return new Dashboard(id, title, from, to, List.copyOf(variables), List.copyOf(panels), updatedAt, version.asLong(0));
  }

  private static List<JsonNode> list(JsonNode body, String field, int max) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new IllegalArgumentException(field + ": expected a list");
    }
    if (n.size() > max) {
      throw new IllegalArgumentException(field + ": at most " + max + ", not " + n.size());
    }
    List<JsonNode> out = new ArrayList<>();
    n.forEach(out::add);
    return out;
  }

  private static String text(JsonNode node, String key, String field, boolean required, int max) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(field.substring(0, Math.max(0, field.lastIndexOf('.'))) + ": expected an object");
    }
    JsonNode n = node.get(key);
    if (n == null || n.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + ": required");
      }
      return "";
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(field + ": expected a string");
    }
    String s = n.asText().strip();
    if (required && s.isEmpty()) {
      throw new IllegalArgumentException(field + ": must not be empty");
    }
    if (s.length() > max) {
      throw new IllegalArgumentException(field + ": at most " + max + " characters");
    }
    return s;
  }
}
