package dev.sightline.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Go templates (and Helm's functions) the Sightline chart uses, so that its templates
 * can be rendered and checked without the helm binary: {@code {{ .Values.a.b }}},
 * {@code .Release.Name}, {@code if}/{@code else}/{@code end}, comments, {@code -} trimming, and the
 * functions {@code quote}, {@code toYaml}, {@code nindent}. Anything else, and a value the
 * values do not have, is an error: a template using more must be checked with {@code helm template}.
 */
final class ChartTemplate {
  private static final Pattern ACTION = Pattern.compile("\\{\\{(-\\s)?\\s*(.*?)\\s*(\\s-)?}}", Pattern.DOTALL);
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private record Token(String text, boolean action) {}

  private final String name;
  private final List<Token> tokens;

  private ChartTemplate(String name, List<Token> tokens) {
    this.name = name;
    this.tokens = tokens;
  }

  static ChartTemplate parse(String name, String source) {
    List<Token> tokens = new ArrayList<>();
    Matcher m = ACTION.matcher(source);
    int last = 0;
    boolean trimNext = false;
    while (m.find()) {
      String text = source.substring(last, m.start());
      if (trimNext) {
        text = text.stripLeading();
      }
      if (m.group(1) != null) {
        text = text.stripTrailing();
      }
      tokens.add(new Token(text, false));
      tokens.add(new Token(m.group(2), true));
      trimNext = m.group(3) != null;
      last = m.end();
    }
    String rest = source.substring(last);
    tokens.add(new Token(trimNext ? rest.stripLeading() : rest, false));
    return new ChartTemplate(name, tokens);
  }

  /** Renders against {@code root}: an object with {@code Values}, {@code Release} and {@code Chart}. */
  String render(JsonNode root) {
    StringBuilder out = new StringBuilder();
    int end = render(0, root, out, true);
    if (end != tokens.size()) {
      throw error("'" + tokens.get(end).text() + "' without an open if");
    }
    return out.toString();
  }

  /** Renders from token {@code i} up to an unmatched else or end, whose index it returns. */
  private int render(int i, JsonNode root, StringBuilder out, boolean emit) {
    while (i < tokens.size()) {
      Token t = tokens.get(i);
      if (!t.action()) {
        if (emit) {
          out.append(t.text());
        }
        i++;
      } else if (t.text().startsWith("/*")) {
        i++;
      } else if (t.text().equals("else") || t.text().equals("end")) {
        return i;
      } else if (t.text().startsWith("if ")) {
        boolean yes = emit && truthy(evaluate(t.text().substring(3), root));
        int at = render(i + 1, root, out, yes);
        if (at < tokens.size() && tokens.get(at).text().equals("else")) {
          at = render(at + 1, root, out, emit && !yes);
        }
        if (at >= tokens.size() || !tokens.get(at).text().equals("end")) {
          throw error("'" + t.text() + "' has no end");
        }
        i = at + 1;
      } else {
        if (emit) {
          out.append(print(evaluate(t.text(), root)));
        }
        i++;
      }
    }
    return i;
  }

  private Object evaluate(String pipeline, JsonNode root) {
    Object piped = null;
    boolean first = true;
    for (String command : pipeline.split("\\|")) {
      List<String> words = List.of(command.trim().split("\\s+"));
      String head = words.getFirst();
      if (first && (head.startsWith(".") || head.startsWith("\""))) {
        if (words.size() != 1) {
          throw error("cannot evaluate '" + command.trim() + "'");
        }
        piped = value(head, root);
      } else {
        List<Object> args = new ArrayList<>();
        words.subList(1, words.size()).forEach(w -> args.add(value(w, root)));
        if (!first) {
          args.add(piped);
        }
        piped = call(head, args);
      }
      first = false;
    }
    return piped;
  }

  private Object value(String word, JsonNode root) {
    if (word.startsWith("\"")) {
      return word.substring(1, word.length() - 1);
    }
    if (word.matches("\\d+")) {
      return Integer.parseInt(word);
    }
    if (!word.startsWith(".")) {
      throw error("'" + word + "' is not a value this renderer knows");
    }
    JsonNode node = root;
    for (String part : word.substring(1).split("\\.")) {
      node = node.path(part);
    }
    if (node.isMissingNode()) {
      throw error(word + " is not in the values");
    }
    return node;
  }

  private Object call(String function, List<Object> args) {
    return switch (function) {
      case "quote" -> "\"" + print(one(function, args)).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      case "toYaml" -> toYaml(one(function, args));
      case "nindent" -> {
        if (args.size() != 2 || !(args.getFirst() instanceof Integer n)) {
          throw error("nindent takes a width and a text");
        }
        String pad = " ".repeat(n);
        yield "\n" + pad + print(args.get(1)).replace("\n", "\n" + pad);
      }
      default -> throw error("function " + function + " is not one this renderer knows");
    };
  }

  private Object one(String function, List<Object> args) {
    if (args.size() != 1) {
      throw error(function + " takes one argument, got " + args.size());
    }
    return args.getFirst();
  }

  private String toYaml(Object value) {
    try {
      return YAML.writeValueAsString(value).stripTrailing();
    } catch (JsonProcessingException e) {
      throw error("toYaml: " + e.getMessage());
    }
  }

  private static String print(Object value) {
    return value instanceof JsonNode node && node.isValueNode() ? node.asText() : String.valueOf(value);
  }

  private static boolean truthy(Object value) {
    if (value instanceof JsonNode node) {
      return !(node.isNull() || node.isMissingNode() || (node.isBoolean() && !node.asBoolean())
          || (node.isNumber() && node.asDouble() == 0) || (node.isTextual() && node.asText().isEmpty())
          || (node.isContainerNode() && node.isEmpty()));
    }
    return value != null && !String.valueOf(value).isEmpty();
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(name + ": " + message);
  }
}
