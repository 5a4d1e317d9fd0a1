package org.dispersal.common;

/**
 * The 18-character resident identity number of GB 11643-1999: 6-digit area code, 8-digit birth
 * date, 3-digit sequence and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */
public final class ResidentIds {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private ResidentIds() {}

  /**
   * The check character for the first 17 digits of a number.
   *
   * @throws IllegalArgumentException if the first 17 characters are not all digits
   */
  public static char checkCharacter(CharSequence first17) {
    if (first17.length() < 17) {
      throw new IllegalArgumentException("expected at least 17 digits");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = first17.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("expected digits in the first 17 positions");
      }
      sum += (c - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  /**
   * Whether a value is 17 digits followed by the right check character; a lower-case x is accepted,
   * as clerks type it. The birth date is not checked here.
   */
  public static boolean isValid(String id) {
    if (id == null || id.length() != 18) {
      return false;
    }
    for (int i = 0; i < 17; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return Character.toUpperCase(id.charAt(17)) == checkCharacter(id);
  }
}
