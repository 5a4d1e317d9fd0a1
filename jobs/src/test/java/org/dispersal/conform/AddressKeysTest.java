package org.dispersal.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressKeysTest {
  private final AddressKeys keys = new AddressKeys(List.of("长阳镇", "长阳", "良乡地区", "良乡镇", "良乡"));

  @Test
  void variantsOfOneSiteShareAKey() {
    String expected = keys.key("稻田村3号");
    assertThat(expected).isEqualTo("稻田村3号");
    assertThat(keys.key("北京市房山区长阳镇稻田村3号院2栋1单元")).isEqualTo(expected);
    assertThat(keys.key("长阳 稻田村 ３号院")).isEqualTo(expected);
    assertThat(keys.key("房山区长阳镇稻田村3号")).isEqualTo(expected);
    assertThat(keys.key("稻田村３号 ")).isEqualTo(expected);
  }

  @Test
  void olderTownshipFormsAreStrippedWhole() {
    assertThat(keys.key("良乡镇西路村12号")).isEqualTo("西路村12号");
    assertThat(keys.key("良乡地区西路村12号院")).isEqualTo("西路村12号");
  }

  @Test
  void differentNumbersAndVillagesStayApart() {
    assertThat(keys.key("稻田村3号")).isNotEqualTo(keys.key("稻田村13号"));
    assertThat(keys.key("稻田村3号")).isNotEqualTo(keys.key("稻田二村3号"));
  }

  @Test
  void blankAndNullGiveNull() {
    assertThat(keys.key(null)).isNull();
    assertThat(keys.key("  　")).isNull();
  }

  @Test
  void addressWithoutANumberIsKeptNormalised() {
    assertThat(keys.key("长阳镇 稻田村（东区）")).isEqualTo("稻田村东区");
  }
}
