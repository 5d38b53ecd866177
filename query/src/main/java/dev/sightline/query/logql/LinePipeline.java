package dev.sightline.query.logql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sightline.query.logql.LogqlExpr.LabelFilter;
import dev.sightline.query.logql.LogqlExpr.LineFilter;
import dev.sightline.query.logql.LogqlExpr.Parser;
import dev.sightline.query.logql.LogqlExpr.Stage;
import dev.sightline.storage.LabelMatcher;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Runs a log query's matchers and stages over one line: line filters on the text, {@code json}
 * and {@code logfmt} add the line's fields as labels (nested JSON keys joined with {@code _};
 * a line that does not parse gets {@code __error__}), label filters keep or drop the line.
 */
final class LinePipeline {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LOGFMT = Pattern.compile("([A-Za-z_][A-Za-z0-9_.\\-]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

  private LinePipeline() {}

  /** The matchers as one test of a line's labels, their regular expressions compiled once per query. */
  static Predicate<Map<String, String>> matcher(List<LabelMatcher> matchers) {
    List<Predicate<Map<String, String>>> tests = new java.util.ArrayList<>(matchers.size());
    for (LabelMatcher m : matchers) {
      Pattern re = m.op() == LabelMatcher.Op.RE || m.op() == LabelMatcher.Op.NRE ? Pattern.compile(m.value()) : null;
      tests.add(labels -> {
        String v = labels.getOrDefault(m.name(), "");
        return switch (m.op()) {
          case EQ -> v.equals(m.value());
          case NEQ -> !v.equals(m.value());
          case RE -> re.matcher(v).matches();
          case NRE -> !re.matcher(v).matches();
        };
      });
    }
    return labels -> tests.stream().allMatch(t -> t.test(labels));
  }

  static Optional<LogLine> run(List<Stage> stages, LogLine in) {
    Map<String, String> labels = null;
    for (Stage s : stages) {
      switch (s) {
        case LineFilter f -> {
          boolean keep = switch (f.op()) {
            case "|=" -> in.line().contains(f.value());
            case "!=" -> !in.line().contains(f.value());
            case "|~" -> f.regex().matcher(in.line()).find();
            default -> !f.regex().matcher(in.line()).find();
          };
          if (!keep) {
            return Optional.empty();
          }
        }
        case Parser p -> {
          labels = labels == null ? new TreeMap<>(in.labels()) : labels;
          if (p.format().equals("json")) {
            json(in.line(), labels);
          } else {
            logfmt(in.line(), labels);
          }
        }
        case LabelFilter f -> {
          String v = (labels == null ? in.labels() : labels).get(f.name());
          if (!keeps(f, v)) {
            return Optional.empty();
          }
        }
      }
    }
    return Optional.of(labels == null ? in : new LogLine(labels, in.timeNanos(), in.line()));
  }

  private static boolean keeps(LabelFilter f, String value) {
    if (f.numeric()) {
      if (value == null) {
        return false;
      }
      double v;
      try {
        v = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        return false;
      }
      double limit = Double.parseDouble(f.value());
      return switch (f.op()) {
        case ">" -> v > limit;
        case ">=" -> v >= limit;
        case "<" -> v < limit;
        case "<=" -> v <= limit;
        case "!=" -> v != limit;
        default -> v == limit;
      };
    }
    String v = value == null ? "" : value;
    return switch (f.op()) {
      case "=" -> v.equals(f.value());
      case "!=" -> !v.equals(f.value());
      case "=~" -> f.regex().matcher(v).matches();
      case "!~" -> !f.regex().matcher(v).matches();
      default -> throw new LogqlException("'" + f.op() + "' compares numbers; write " + f.name() + " " + f.op() + " <number>");
    };
  }

  private static void json(String line, Map<String, String> labels) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (IOException e) {
      n = null;
    }
    if (n == null || !n.isObject()) {
      labels.put("__error__", "JSONParserErr");
      return;
    }
    flatten("", n, labels);
  }

  private static void flatten(String prefix, JsonNode n, Map<String, String> labels) {
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + StreamLabels.name(e.getKey());
      if (e.getValue().isObject()) {
        flatten(key + "_", e.getValue(), labels);
      } else if (!e.getValue().isArray()) {
        labels.put(key, e.getValue().isNull() ? "" : e.getValue().asText());
      }
    }
  }

  private static void logfmt(String line, Map<String, String> labels) {
    var m = LOGFMT.matcher(line);
    while (m.find()) {
      String v = m.group(2);
      if (v.length() >= 2 && v.startsWith("\"")) {
        v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
      }
      labels.put(StreamLabels.name(m.group(1)), v);
    }
  }
}
