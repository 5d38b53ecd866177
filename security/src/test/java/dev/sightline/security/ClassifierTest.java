package dev.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassifierTest {
  private final Classifier c = Classifier.defaults();

  @ParameterizedTest
  @ValueSource(strings = {"password", "PASSWORD", "db.passwd", "pwd", "user_pwd", "userPwd", "smtp.password.file"})
  void keysNamingAPasswordAreConfidential(String key) {
    assertThat(c.classify(key, "x")).contains(DataClass.CONFIDENTIAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"token", "auth.token", "access_token", "csrfToken", "x-auth-token", "api_key", "api-key",
      "apikey", "X-API-Key", "client_secret", "authorization", "http.request.header.proxy-authorization"})
  void keysNamingCredentialsAreRestricted(String key) {
    assertThat(c.classify(key, "x")).contains(DataClass.RESTRICTED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gen_ai.usage.input_tokens", "gen_ai.request.max_tokens", "llm.token_count.total",
      "gen_ai.token.type", "tokenizer", "http.route", "process.pid", "compass.heading"})
  void ordinaryKeysAreNotClassified(String key) {
    assertThat(c.classify(key, "1200")).isEmpty();
  }

  @Test
  void theMostSensitiveMatchWins() {
    assertThat(c.classify("password", "jane.doe@example.com")).contains(DataClass.CONFIDENTIAL);
    assertThat(c.classify("api_key", "4111 1111 1111 1111")).contains(DataClass.RESTRICTED);
    Classifier more = c.with(List.of(ClassificationRule.byValue(DataClass.RESTRICTED, "^sk_live_", null)));
    assertThat(more.classify("password", "sk_live_abc")).contains(DataClass.RESTRICTED);
    assertThat(more.classify("note", "jane@example.com")).contains(DataClass.PERSONAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jane.doe@example.com", "contact: Jane <jane+news@mail.example.co.uk>",
      "+44 20 7946 0958", "+14155552671", "+1 (415) 555-2671", "(415) 555-2671", "415-555-2671", "415.555.2671",
      "020 7946 0958", "+33 6 12 34 56 78", "06 12 34 56 78",
      "4111 1111 1111 1111", "4111111111111111", "5500-0000-0000-0004", "378282246310005", "paid with 6011111111111117"})
  void valuesThatIdentifyPeopleArePersonal(String value) {
    assertThat(c.classify("note", value)).contains(DataClass.PERSONAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"550e8400-e29b-41d4-a716-446655440000", "4bf92f3577b34da6a3ce929d0e0e4736",
      "1767225600000000000", "1767225600000000009", "1767225600000", "4111111111111112", "order 20261125000042",
      "2026-11-25 12:00:00", "2026-11-25T12:00:00.123456789Z", "25.11.2026 12:00", "192.168.100.200",
      "10.1.22.33", "1.36.0", "12345", "+1 23", "hello world", "@here", "user@localhost"})
  void idsTimestampsAddressesAndNumbersAreNot(String value) {
    assertThat(c.classify("note", value)).isEmpty();
  }

  @Test
  void theNanosecondTimestampAboveWouldPassTheLuhnCheckAlone() {
    assertThat(luhn("1767225600000000009")).as("so the card prefix rule is what turns it away").isTrue();
    assertThat(luhn("4111111111111112")).isFalse();
  }

  @Test
  void findsTheSpansOfSensitivePartsInFreeText() {
    String text = "order by jane@example.com paid with 4111-1111-1111-1111, call +1 415 555 2671 at 2026-11-25 12:00";
    assertThat(c.findSensitive(text)).containsExactly(
        new Classifier.Match(9, 25, DataClass.PERSONAL, Classifier.Kind.EMAIL),
        new Classifier.Match(36, 55, DataClass.PERSONAL, Classifier.Kind.CARD),
        new Classifier.Match(62, 77, DataClass.PERSONAL, Classifier.Kind.PHONE));
    assertThat(text.substring(36, 55)).isEqualTo("4111-1111-1111-1111");
    assertThat(text.substring(62, 77)).isEqualTo("+1 415 555 2671");
    assertThat(c.findSensitive("nothing to see, trace 4bf92f3577b34da6a3ce929d0e0e4736 took 1767225600000 ms")).isEmpty();
  }

  @Test
  void configuredRulesAddToTheDefaultsOrStandAlone() {
    Classifier more = c.with(List.of(
        new ClassificationRule(DataClass.RESTRICTED, Pattern.compile("session"), null, null),
        new ClassificationRule(DataClass.PERSONAL, null, Pattern.compile("\\bEMP\\d{6}\\b"), null),
        new ClassificationRule(DataClass.CONFIDENTIAL, Pattern.compile("^db\\."), Pattern.compile("^jdbc:"), null)));
    assertThat(more.classify("Session-Id", "abc")).contains(DataClass.RESTRICTED);
    assertThat(more.classify("note", "badge EMP004211")).contains(DataClass.PERSONAL);
    assertThat(more.classify("db.url", "jdbc:postgresql://db/x")).contains(DataClass.CONFIDENTIAL);
    assertThat(more.classify("url", "jdbc:postgresql://db/x")).as("key and value must both match").isEmpty();
    assertThat(more.classify("password", "x")).contains(DataClass.CONFIDENTIAL);
    assertThat(more.findSensitive("badge EMP004211")).extracting(Classifier.Match::kind).containsExactly(Classifier.Kind.OTHER);

    Classifier only = Classifier.of(List.of(
        ClassificationRule.byValue(DataClass.PERSONAL, "\\bemp-\\d+", found -> !found.equals("emp-0"))));
    assertThat(only.classify("password", "x")).isEmpty();
    assertThat(only.classify("employee", "emp-17")).contains(DataClass.PERSONAL);
    assertThat(only.classify("employee", "emp-0")).as("the check turns it away").isEmpty();
    assertThat(only.classify("user", "jane@example.com")).isEmpty();
  }

  static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      sum += i % 2 == 0 ? d : (d * 2) / 10 + (d * 2) % 10;
    }
    return sum % 10 == 0;
  }
}
