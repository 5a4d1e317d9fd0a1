package org.dispersal.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;
import org.dispersal.common.CreditCodes;
import org.dispersal.common.ResidentIds;
import org.junit.jupiter.api.Test;

/** The generator's small parts: formats, quoting, truncation, addresses, identifiers. */
class GeneratorPartsTest {

  @Test
  void datesAndNumbersInTheContractsForms() {
    LocalDate d = LocalDate.of(2019, 3, 5);
    assertThat(FileStyle.DateForm.ISO.format(d)).isEqualTo("2019-03-05");
    assertThat(FileStyle.DateForm.SLASH.format(d)).isEqualTo("2019/3/5");
    assertThat(FileStyle.DateForm.CHINESE.format(d)).isEqualTo("2019年3月5日");
    LocalDateTime t = LocalDateTime.of(2019, 3, 5, 9, 7, 3);
    assertThat(FileStyle.DateTimeForm.ISO_SECONDS.format(t)).isEqualTo("2019-03-05 09:07:03");
    assertThat(FileStyle.DateTimeForm.SLASH_MINUTES.format(t)).isEqualTo("2019/3/5 9:07");
    assertThat(FileStyle.number(12.0)).isEqualTo("12");
    assertThat(FileStyle.number(12.5)).isEqualTo("12.5");
    assertThat(FileStyle.number(1234567.891)).isEqualTo("1234567.89");
    assertThat(FileStyle.number(-3.10)).isEqualTo("-3.1");
  }

  @Test
  void quotesOnlyWhatRfc4180Requires() {
    assertThat(CsvDelivery.quote("长阳镇")).isEqualTo("长阳镇");
    assertThat(CsvDelivery.quote("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvDelivery.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvDelivery.quote("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void truncationCutsInsideTheLastRecord() {
    byte[] file = "a,b,c\r\n1,2,3\r\n4,5,6\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(new String(FaultyDelivery.truncate(file), StandardCharsets.US_ASCII))
        .isEqualTo("a,b,c\r\n1,2,3\r\n4,5");
  }

  @Test
  void everySiteHasItsOwnAddressAndVariantsNormaliseBack() {
    AddressBook book = new AddressBook("110111105", "长阳镇", false, 145);
    Set<String> seen = new HashSet<>();
    for (int space = 0; space <= AddressBook.WALL_SHOPS; space++) {
      for (int n = 0; n < 3000; n++) {
        String a = book.address(space, n);
        assertThat(seen.add(a)).as(a).isTrue();
        for (long h = 0; h < 20; h++) {
          assertThat(normalise(book.variant(a, Rng.hash(h, a)), "长阳镇"))
              .isEqualTo(normalise(a, "长阳镇"));
        }
      }
    }
  }

  /** What conform does: half-width digits, no spaces, 号院 as 号, no township prefix. */
  static String normalise(String address, String township) {
    StringBuilder sb = new StringBuilder();
    for (char c : address.toCharArray()) {
      if (c >= '０' && c <= '９') {
        sb.append((char) (c - '０' + '0'));
      } else if (!Character.isWhitespace(c)) {
        sb.append(c);
      }
    }
    String s = sb.toString().replace("号院", "号");
    return s.startsWith(township) ? s.substring(township.length()) : s;
  }

  @Test
  void fakeIdentifiersCarryCorrectCheckCharacters() {
    Rng r = new Rng(1);
    for (int i = 0; i < 2000; i++) {
      String id = FakeData.residentId(r, "110111", r.chance(0.5), 1950, 1995);
      assertThat(ResidentIds.isValid(id)).as(id).isTrue();
      assertThat(ResidentIds.isValid(FakeData.withWrongCheckDigit(id, r))).isFalse();
      String code = FakeData.creditCode(r, "110111", r.chance(0.5), r.chance(0.5));
      assertThat(CreditCodes.isValid(code)).as(code).isTrue();
      assertThat(code.substring(2, 8)).isEqualTo("110111");
      assertThat(CreditCodes.organisationCheckCharacter(code.substring(8, 16)))
          .isEqualTo(code.charAt(16));
      assertThat(CreditCodes.isValid(FakeData.withWrongCheckCharacter(code, r))).isFalse();
      assertThat(FakeData.mobile(r)).matches("1[3-9]\\d{9}");
    }
  }

  @Test
  void everyGeneratedCharacterEncodesInGbk() {
    Rng r = new Rng(2);
    var gbk = FileStyle.GBK.newEncoder();
    for (int i = 0; i < 5000; i++) {
      assertThat(gbk.canEncode(FakeData.personName(r) + FakeData.brand(r))).isTrue();
    }
  }

  @Test
  void streamsDependOnlyOnSeedAndLabels() {
    assertThat(Rng.derive(5, "town", "110111105").next())
        .isEqualTo(Rng.derive(5, "town", "110111105").next());
    assertThat(Rng.derive(5, "town", "110111105").next())
        .isNotEqualTo(Rng.derive(5, "town", "110111101").next());
    assertThat(Model.coverage(0)).isLessThan(Model.coverage(30)).isLessThan(Model.coverage(60));
    double sum = 0;
    for (double w : Model.LAG) {
      sum += w;
    }
    assertThat(sum).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
  }
}
