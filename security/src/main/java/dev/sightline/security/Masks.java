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

  /** {@code jane.doe@example.com} → {@code j***@example.com}. */
  public static String email(String email) {
    int at = email.lastIndexOf('@');
    if (at <= 0) {
      return generic(email);
    }
    return email.charAt(0) + "***" + email.substring(at);
  }

  /** Every digit becomes {@code *}; separators and a leading {@code +} stay, so the shape shows. */
  public static String phone(String phone) {
    return phone.replaceAll("\\d", "*");
  }

  /** {@code 4111 1111 1111 1111} → {@code **** **** **** 1111}: digits but the last four hidden. */
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

  /** Reveals nothing, not even the length. */
  public static String generic(String value) {
    return "****";
  }

  /** {@code sha256:} and the hex HMAC-SHA256 of the value under {@code salt}. */
  public static String hash(String value, byte[] salt) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt.length == 0 ? new byte[1] : salt, "HmacSHA256"));
      return "sha256:" + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** The text with each match replaced by the mask for its kind. */
  public static String maskText(String text, List<Classifier.Match> matches) {
    if (matches.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Classifier.Match m : matches) {
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
