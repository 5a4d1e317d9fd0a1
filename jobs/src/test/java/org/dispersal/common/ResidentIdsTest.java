package org.dispersal.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResidentIdsTest {

  @Test
  void acceptsTheStandardsOwnExample() {
    // GB 11643-1999, annex: 11010519491231002X.
    assertThat(ResidentIds.checkCharacter("11010519491231002")).isEqualTo('X');
    assertThat(ResidentIds.isValid("11010519491231002X")).isTrue();
    assertThat(ResidentIds.isValid("11010519491231002x")).isTrue();
  }

  @Test
  void rejectsAWrongCheckDigitOrShape() {
    assertThat(ResidentIds.isValid("110105194912310021")).isFalse();
    assertThat(ResidentIds.isValid("11010519491231002")).isFalse();
    assertThat(ResidentIds.isValid("1101051949123100AX")).isFalse();
    assertThat(ResidentIds.isValid(null)).isFalse();
  }

  @Test
  void everyOtherCheckCharacterIsRejected() {
    String body = "11011119800101123";
    char right = ResidentIds.checkCharacter(body);
    for (char c : "0123456789X".toCharArray()) {
      assertThat(ResidentIds.isValid(body + c)).as("%s", c).isEqualTo(c == right);
    }
  }

  @Test
  void refusesNonDigits() {
    assertThatThrownBy(() -> ResidentIds.checkCharacter("1101051949123100A"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
