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
  void onlyANameAtTheStartIsATownship() {
    AddressKeys city = new AddressKeys(List.of("长阳镇", "长阳", "青龙湖镇", "阎村镇", "窦店镇", "良乡"));
    assertThat(city.township("北京市房山区青龙湖镇沙窝村5号")).isEqualTo("青龙湖镇");
    assertThat(city.township("长阳镇稻田村3号")).isEqualTo("长阳镇");
    assertThat(city.township("长阳稻田村3号")).isEqualTo("长阳");
    assertThat(city.township("稻田村长阳镇3号")).isNull();
    assertThat(city.key("稻田村长阳镇3号")).isEqualTo("稻田村长阳镇3号");
    assertThat(city.township("")).isNull();
  }

  @Test
  void survivesSerialisationAsTheUdfsShipIt() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(keys);
    }
    AddressKeys copy;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (AddressKeys) in.readObject();
    }
    assertThat(copy.key("良乡地区西路村12号院")).isEqualTo("西路村12号");
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
