package dev.sightline.security;

import java.util.regex.Pattern;

/**
 * The default recognisers of personal values: e-mail addresses, phone numbers and card numbers.
 * Each is a regular expression that finds candidates cheaply and, for phones and cards, a check
 * that turns away the ids, timestamps and addresses that merely look alike.
 */
final class ValueDetectors {
  private ValueDetectors() {}

  // The look-behinds let a match start only where a run of such characters starts, so a long run
  // without a match costs one pass instead of one pass per position.
  static final Pattern EMAIL = Pattern.compile(
      "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  /**
   * International numbers after a {@code +} ({@code +44 20 7946 0958}, {@code +14155552671},
   * {@code +33 6 12 34 56 78}); national ones with a parenthesised area code ({@code (415) 555-2671})
   * or in three or more groups of 2 to 4 digits ({@code 020 7946 0958}, {@code 415-555-2671}).
   */
  static final Pattern PHONE = Pattern.compile(
      "(?<![\\w+.-])(?:\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:[ .-]?\\d{2,4}){1,5}"
          + "|\\(\\d{2,4}\\)[ .-]?\\d{2,4}(?:[ .-]\\d{2,4}){1,3}|\\d{2,4}(?:[ .-]\\d{2,4}){2,4})(?![\\w.-]?\\d)");

  /** 13 to 19 digits, optionally grouped by spaces or dashes, not part of a longer word or number. */
  static final Pattern CARD = Pattern.compile("(?<![A-Za-z0-9-])\\d(?:[ -]?\\d){12,18}(?![A-Za-z0-9])");

  private static final Pattern DATE = Pattern.compile(
      "\\d{4}[./-]\\d{1,2}[./-]\\d{1,2}(?:\\D.*)?|\\d{1,2}[./-]\\d{1,2}[./-]\\d{4}(?:\\D.*)?");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
  private static final Pattern SEPARATOR = Pattern.compile("[ .()-]");

  /**
   * A card number passes the Luhn check and starts with 2 to 6, the major industry identifiers of
   * the card networks. Without that rule one in ten nanosecond timestamps (which start with 1)
   * and digit-only order ids would pass as cards.
   */
  static boolean isCardNumber(String text) {
    int length = 0;
    int sum = 0;
    char first = 0;
    for (int i = text.length() - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (length % 2 == 1) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      length++;
      first = c;
    }
    return length >= 13 && length <= 19 && first >= '2' && first <= '6' && sum % 10 == 0;
  }

  /**
   * A phone number has 9 to 15 digits (E.164 allows 15) and is written like one: with a leading
   * {@code +} or with separators. Bare digit runs are timestamps and ids far more often than
   * phones, and dates and IPv4 addresses have the separators but not the meaning.
   */
  static boolean isPhoneNumber(String text) {
    long digits = text.chars().filter(c -> c >= '0' && c <= '9').count();
    if (digits < 9 || digits > 15 || DATE.matcher(text).matches() || IPV4.matcher(text).matches()) {
      return false;
    }
    return text.startsWith("+") || SEPARATOR.matcher(text).find();
  }
}
