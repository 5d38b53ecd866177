package dev.sightline.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replacements for sensitive values that keep what helps debugging and nothing that identifies:
 * an e-mail keeps its first letter and domain, a card its last four digits, a phone nothing but
 * its shape, anything else becomes {@code ****}. Hashes are keyed, so short values cannot be
 * found by hashing guesses without the salt.
 */
public final class Masks {
  private Masks() {}

  /**
   * {@code jane.doe@example.com} → {@code j***@example.com}: the first letter and the domain stay,
   * the length of the local part does not show. Text without a local part gets {@link #generic}.
   */
  public static String email(String email) {
    int at = email.lastIndexOf('@');
    if (at <= 0) {
      return generic(email);
    }
    return email.substring(0, email.offsetByCodePoints(0, 1)) + "***" + email.substring(at);
  }

  /**
   * {@code +44 20 7946 0958} → {@code +** ** **** ****}: every digit becomes {@code *}; separators
   * and a leading {@code +} stay, so a reader still sees that a phone number was there.
   */
  public static String phone(String phone) {
    return phone.replaceAll("\\d", "*");
  }

  /**
   * {@code 4111 1111 1111 1111} → {@code **** **** **** 1111} and {@code 4111111111111111} →
   * {@code ************1111}: every digit but the last four becomes {@code *}, separators stay.
   */
  public static String card(String card) {
    int digits = (int) card.chars().filter(Character::isDigit).count();
    StringBuilder out = new StringBuilder(card.length());
    int seen = 0;
    for (char c : card.toCharArray()) {
      if (Character.isDigit(c)) {
        seen++;
        out.append(seen > digits - 4 ? c : '*');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Always {@code ****}: reveals nothing, not even the length. */
  public static String generic(String value) {
    return "****";
  }

  /**
   * {@code sha256:} and the 64 hex digits of HMAC-SHA256 of the UTF-8 value keyed by {@code salt}:
   * equal values hash alike, so they can still be grouped and joined.
   */
  public static String hash(String value, byte[] salt) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      // HMAC pads keys with zeros, so one zero byte is exactly the empty key, which the JDK's key
      // spec refuses. An empty salt leaves the hash unkeyed; callers should not configure one.
      mac.init(new SecretKeySpec(salt.length == 0 ? new byte[1] : salt, "HmacSHA256"));
      return "sha256:" + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * The text with each match replaced by the mask for its kind ({@link Classifier.Kind#OTHER} by
   * {@link #generic}). The matches must be in order and not overlap, as
   * {@link Classifier#findSensitive} returns them.
   */
  public static String maskText(String text, List<Classifier.Match> matches) {
    if (matches.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Classifier.Match m : matches) {
      if (m.start() < at || m.end() > text.length()) {
        throw new IllegalArgumentException("match " + m.start() + ".." + m.end() + " overlaps the one before or lies"
            + " outside the text of length " + text.length());
      }
      String part = text.substring(m.start(), m.end());
      out.append(text, at, m.start()).append(switch (m.kind()) {
        case EMAIL -> email(part);
        case PHONE -> phone(part);
        case CARD -> card(part);
        case OTHER -> generic(part);
      });
      at = m.end();
    }
    return out.append(text, at, text.length()).toString();
  }
}
