package dev.sightline.alerting.notify;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small subset of Alertmanager's Go templates that titles and texts use: {@code {{ .Status }}},
 * {@code {{ .Receiver }}}, {@code {{ .ExternalURL }}}, {@code {{ .GroupLabels.x }}},
 * {@code {{ .CommonLabels.x }}}, {@code {{ .CommonAnnotations.x }}} and
 * {@code {{ .Alerts.Firing | len }}} / {@code {{ .Alerts.Resolved | len }}}. Anything else is
 * refused when the configuration is read, not when an alert is due.
 */
final class NotificationTemplate {
  private static final Pattern ACTION = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");
  private static final Pattern FIELD = Pattern.compile(
      "^\\.(Status|Receiver|ExternalURL|Alerts\\.Firing \\| len|Alerts\\.Resolved \\| len"
          + "|(?:GroupLabels|CommonLabels|CommonAnnotations)\\.[a-zA-Z_][a-zA-Z0-9_]*)$");

  private NotificationTemplate() {}

  static void check(String template, String where) {
    Matcher m = ACTION.matcher(template);
    while (m.find()) {
      if (!FIELD.matcher(m.group(1)).matches()) {
        throw new IllegalArgumentException(where + ": '{{ " + m.group(1) + " }}' is not supported; use .Status, "
            + ".Receiver, .ExternalURL, .GroupLabels.<name>, .CommonLabels.<name>, .CommonAnnotations.<name>, "
            + ".Alerts.Firing | len or .Alerts.Resolved | len");
      }
    }
  }

  static String render(String template, Notification n) {
    Matcher m = ACTION.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), n)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String value(String field, Notification n) {
    return switch (field) {
      case ".Status" -> n.status();
      case ".Receiver" -> n.receiver();
      case ".ExternalURL" -> n.externalUrl();
      case ".Alerts.Firing | len" -> Integer.toString(n.firing().size());
      case ".Alerts.Resolved | len" -> Integer.toString(n.resolvedAlerts().size());
      default -> {
        int dot = field.indexOf('.', 1);
        Map<String, String> from = switch (field.substring(1, dot)) {
          case "GroupLabels" -> n.groupLabels();
          case "CommonLabels" -> n.commonLabels();
          default -> n.commonAnnotations();
        };
        yield from.getOrDefault(field.substring(dot + 1), "");
      }
    };
  }
}
