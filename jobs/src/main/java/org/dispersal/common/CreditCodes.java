package org.dispersal.common;

/**
 * The 18-character unified social credit code of GB 32100-2015: registration authority, entity
 * type, 6-digit division code, 9-character organisation code (GB 11714, with its own check
 * character) and a MOD 31 check character.
 */
public final class CreditCodes {
  /** The 31 characters a credit code may use, in the order of their values 0–30. */
  public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  private static final int[] WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };
  private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

  private CreditCodes() {}

  /**
   * The GB 32100 check character for the first 17 characters of a code.
   *
   * @throws IllegalArgumentException if a character is outside {@link #ALPHABET}
   */
  public static char checkCharacter(CharSequence first17) {
    if (first17.length() < 17) {
      throw new IllegalArgumentException("expected at least 17 characters");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += value(first17.charAt(i)) * WEIGHTS[i];
    }
    int check = (31 - sum % 31) % 31;
    return ALPHABET.charAt(check);
  }

  /** Whether a value has 18 characters of the alphabet and the right GB 32100 check character. */
  public static boolean isValid(String code) {
    if (code == null || code.length() != 18) {
      return false;
    }
    for (int i = 0; i < 18; i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return false;
      }
    }
    return code.charAt(17) == checkCharacter(code);
  }

  /**
   * The GB 11714 check character of an 8-character organisation code body (digits and upper-case
   * letters, A = 10 … Z = 35): 0–9 or X.
   */
  public static char organisationCheckCharacter(CharSequence body8) {
    if (body8.length() < 8) {
      throw new IllegalArgumentException("expected 8 characters");
    }
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      char c = body8.charAt(i);
      int v;
      if (c >= '0' && c <= '9') {
        v = c - '0';
      } else if (c >= 'A' && c <= 'Z') {
        v = c - 'A' + 10;
      } else {
        throw new IllegalArgumentException("expected digits or upper-case letters");
      }
      sum += v * ORG_WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
  }

  private static int value(char c) {
    int v = ALPHABET.indexOf(c);
    if (v < 0) {
      throw new IllegalArgumentException("'" + c + "' is not a credit-code character");
    }
    return v;
  }
}
