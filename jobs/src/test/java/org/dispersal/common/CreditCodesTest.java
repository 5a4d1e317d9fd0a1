package org.dispersal.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CreditCodesTest {

  @Test
  void acceptsPublishedCodes() {
    // Codes as printed on business licences; their check characters were recomputed here.
    assertThat(CreditCodes.checkCharacter("91110000100010433")).isEqualTo('L');
    assertThat(CreditCodes.isValid("91110000100010433L")).isTrue();
    assertThat(CreditCodes.isValid("914403001922038216")).isTrue();
    assertThat(CreditCodes.isValid("91110108551385082Q")).isTrue();
  }

  @Test
  void organisationCodeCheckOfPublishedCodes() {
    // The organisation code is characters 9-17: 10001043-3 and 19220382-1.
    assertThat(CreditCodes.organisationCheckCharacter("10001043")).isEqualTo('3');
    assertThat(CreditCodes.organisationCheckCharacter("19220382")).isEqualTo('1');
  }

  @Test
  void rejectsEveryOtherCheckCharacter() {
    String body = "91110000100010433";
    for (char c : CreditCodes.ALPHABET.toCharArray()) {
      assertThat(CreditCodes.isValid(body + c)).as("%s", c).isEqualTo(c == 'L');
    }
  }

  @Test
  void rejectsCharactersOutsideTheAlphabetAndWrongLengths() {
    assertThat(CreditCodes.isValid("91110000100010433I")).isFalse();
    assertThat(CreditCodes.isValid("9111000010001043O3")).isFalse();
    assertThat(CreditCodes.isValid("91110000100010433")).isFalse();
    assertThat(CreditCodes.isValid(null)).isFalse();
    assertThatThrownBy(() -> CreditCodes.checkCharacter("9111000010001043I"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
