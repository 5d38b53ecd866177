package dev.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClassifierTest {
  private final Classifier c = Classifier.defaults();

  @Test
  void keysNamingSecretsAreClassified() {
    assertThat(c.classify("password", "x")).contains(DataClass.CONFIDENTIAL);
    assertThat(c.classify("db.passwd", "x")).contains(DataClass.CONFIDENTIAL);
    assertThat(c.classify("auth.token", "x")).contains(DataClass.RESTRICTED);
    assertThat(c.classify("access_token", "x")).contains(DataClass.RESTRICTED);
    assertThat(c.classify("X-API-Key", "x")).contains(DataClass.RESTRICTED);
    assertThat(c.classify("client_secret", "x")).contains(DataClass.RESTRICTED);
    assertThat(c.classify("http.request.header.authorization", "Bearer abc")).contains(DataClass.RESTRICTED);
  }

  @Test
  void ordinaryKeysAreNot() {
    assertThat(c.classify("gen_ai.usage.input_tokens", "1200")).isEmpty();
    assertThat(c.classify("http.route", "/login")).isEmpty();
    assertThat(c.classify("process.pid", "4242")).isEmpty();
  }

  @Test
  void valuesThatIdentifyPeopleArePersonal() {
    assertThat(c.classify("user", "jane.doe@example.com")).contains(DataClass.PERSONAL);
    assertThat(c.classify("phone", "+44 20 7946 0958")).contains(DataClass.PERSONAL);
    assertThat(c.classify("phone", "+14155552671")).contains(DataClass.PERSONAL);
    assertThat(c.classify("contact", "(415) 555-2671")).contains(DataClass.PERSONAL);
    assertThat(c.classify("card", "4111 1111 1111 1111")).contains(DataClass.PERSONAL);
    assertThat(c.classify("card", "5500-0000-0000-0004")).contains(DataClass.PERSONAL);
  }

  @Test
  void idsTimestampsAndNumbersAreNotPersonal() {
    assertThat(c.classify("id", "550e8400-e29b-41d4-a716-446655440000")).isEmpty();
    assertThat(c.classify("ts", "1767225600000000000")).isEmpty();
    assertThat(c.classify("order.id", "4111111111111112")).as("fails Luhn").isEmpty();
    assertThat(c.classify("when", "2026-11-25 12:00:00")).isEmpty();
    assertThat(c.classify("ip", "10.1.22.33")).isEmpty();
    assertThat(c.classify("version", "1.36.0")).isEmpty();
  }

  @Test
  void findsSensitivePartsOfFreeText() {
    String text = "order by jane@example.com paid with 4111-1111-1111-1111, call +1 415 555 2671";
    List<Classifier.Match> found = c.findSensitive(text);
    assertThat(found).extracting(Classifier.Match::kind)
        .containsExactly(Classifier.Kind.EMAIL, Classifier.Kind.CARD, Classifier.Kind.PHONE);
    assertThat(text.substring(found.get(1).start(), found.get(1).end())).isEqualTo("4111-1111-1111-1111");
    assertThat(Masks.maskText(text, found))
        .isEqualTo("order by j***@example.com paid with ****-****-****-1111, call +* *** *** ****");
  }

  @Test
  void configuredRulesAddToTheDefaults() {
    Classifier more = c.with(List.of(
        new ClassificationRule(DataClass.RESTRICTED, Pattern.compile("session"), null, null),
        new ClassificationRule(DataClass.PERSONAL, null, Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b"), null)));
    assertThat(more.classify("Session-Id", "abc")).contains(DataClass.RESTRICTED);
    assertThat(more.classify("note", "ssn 078-05-1120")).contains(DataClass.PERSONAL);
    assertThat(more.classify("password", "x")).contains(DataClass.CONFIDENTIAL);
    assertThat(Classifier.of(List.of()).classify("password", "x")).isEmpty();
  }
}
