package org.dispersal.generate;

import java.time.LocalDate;
import org.dispersal.common.CreditCodes;
import org.dispersal.common.ResidentIds;

/**
 * Realistic-looking but fake personal and business identifiers: Chinese names, resident ID numbers
 * with correct GB 11643 check digits, mobile numbers, credit codes with correct GB 32100 and GB
 * 11714 check characters, business names.
 */
final class FakeData {
  private static final String SURNAMES =
      "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
          + "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤";
  private static final String GIVEN =
      "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文斌志宏海燕波鹏辉丹梅琳飞雪亮成春林峰浩宇凯佳" + "欣晨阳旭东晶莉颖慧婷倩立新永福德振庆利学金凤彬淑荣贵山";
  private static final String BRAND = "鑫源宏达兴盛华通顺昌隆泰安康福瑞祥和金利丰恒嘉佳德永新天众联博创宇晟辉明信诚旺发腾远鼎盈";
  // Area codes of resident IDs issued outside Beijing, for people who came from elsewhere.
  private static final String[] OTHER_AREAS = {
    "130102", "130602", "131082", "410102", "411302", "370102", "371302", "340102", "230102",
    "510104", "420102", "610102", "140105", "150102", "220102"
  };
  private static final String MOBILE_PREFIXES =
      "130 131 132 133 135 136 137 138 139 150 151 152 155 156 158 159 170 176 177 180 181 182 185"
          + " 186 187 188 189 199";
  private static final String[] MOBILE = MOBILE_PREFIXES.split(" ");
  private static final String ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  private FakeData() {}

  /** Whether a text has the shape of the names {@link #personName} makes: surname, given names. */
  static boolean isPersonName(String s) {
    if (s.length() < 2 || s.length() > 3 || SURNAMES.indexOf(s.charAt(0)) < 0) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (GIVEN.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  static String personName(Rng r) {
    String name = String.valueOf(r.pick(SURNAMES)) + r.pick(GIVEN);
    return r.chance(0.7) ? name + r.pick(GIVEN) : name;
  }

  /** A resident ID with a correct check digit; local residents carry the district's code. */
  static String residentId(Rng r, String districtCode, boolean local, int bornFrom, int bornTo) {
    String area = local ? districtCode : r.pick(OTHER_AREAS);
    LocalDate birth =
        LocalDate.of(r.between(bornFrom, bornTo), r.between(1, 12), 1).plusDays(r.between(0, 27));
    String body =
        area
            + birth.getYear()
            + Text.pad(birth.getMonthValue(), 2)
            + Text.pad(birth.getDayOfMonth(), 2)
            + Text.pad(r.between(1, 999), 3);
    return body + ResidentIds.checkCharacter(body);
  }

  /** The same ID with a different, wrong check character. */
  static String withWrongCheckDigit(String id, Rng r) {
    String chars = "0123456789X";
    char right = id.charAt(17);
    char wrong;
    do {
      wrong = r.pick(chars);
    } while (wrong == right);
    return id.substring(0, 17) + wrong;
  }

  static String mobile(Rng r) {
    return r.pick(MOBILE) + Text.pad(r.between(0, 99_999_999), 8);
  }

  /** A fixed-line number in Beijing's format, as some landlords still give. */
  static String landline(Rng r) {
    return "010-" + r.between(6, 8) + Text.pad(r.between(0, 9_999_999), 7);
  }

  /**
   * A credit code: registration authority 9 (market supervision), type 1 (enterprise) or 2
   * (individual business), the district's division code, an organisation code (new codes since
   * October 2015 start with MA) and the check character.
   */
  static String creditCode(Rng r, String districtCode, boolean enterprise, boolean newStyle) {
    StringBuilder body = new StringBuilder(8);
    if (newStyle) {
      body.append("MA0");
      for (int i = 0; i < 5; i++) {
        body.append(r.pick(ORG_CHARS));
      }
    } else {
      for (int i = 0; i < 8; i++) {
        body.append((char) ('0' + r.between(0, 9)));
      }
    }
    String first17 =
        "9"
            + (enterprise ? "1" : "2")
            + districtCode
            + body
            + CreditCodes.organisationCheckCharacter(body);
    return first17 + CreditCodes.checkCharacter(first17);
  }

  /** The same code with a different, wrong check character. */
  static String withWrongCheckCharacter(String code, Rng r) {
    char right = code.charAt(17);
    char wrong;
    do {
      wrong = r.pick(CreditCodes.ALPHABET);
    } while (wrong == right);
    return code.substring(0, 17) + wrong;
  }

  /** A two-character trade name such as 鑫源. */
  static String brand(Rng r) {
    char a = r.pick(BRAND);
    char b;
    do {
      b = r.pick(BRAND);
    } while (b == a);
    return "" + a + b;
  }
}
