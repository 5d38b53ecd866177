package dev.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DataClassTest {
  @Test
  void parsesConfiguredNames() {
    assertThat(DataClass.parse("personal")).isEqualTo(DataClass.PERSONAL);
    assertThat(DataClass.parse(" Restricted ")).isEqualTo(DataClass.RESTRICTED);
    assertThat(DataClass.RESTRICTED).isGreaterThan(DataClass.CONFIDENTIAL);
    assertThat(DataClass.CONFIDENTIAL).isGreaterThan(DataClass.PERSONAL);
    assertThat(DataClass.PERSONAL).isGreaterThan(DataClass.PUBLIC);
  }

  @Test
  void anUnknownNameListsTheAllowedOnes() {
    assertThatThrownBy(() -> DataClass.parse("secret")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'secret' is not a data class; use public, personal, confidential or restricted");
  }

  @Test
  void aRuleNeedsSomethingToMatch() {
    assertThatThrownBy(() -> new ClassificationRule(DataClass.PERSONAL, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a key pattern, a value pattern, or both");
    assertThatThrownBy(() -> new ClassificationRule(DataClass.PERSONAL, Pattern.compile("ssn"), null, found -> true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/ssn/ has a value check but no value pattern");
    assertThat(ClassificationRule.byKey(DataClass.RESTRICTED, "session").key().flags() & Pattern.CASE_INSENSITIVE)
        .as("keys match whatever their case").isNotZero();
  }
}
