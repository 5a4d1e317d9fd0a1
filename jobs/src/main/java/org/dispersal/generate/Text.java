package org.dispersal.generate;

/** Small text helpers for hot paths, where String.format's parsing would dominate. */
final class Text {
  private Text() {}

  /** A non-negative number left-padded with zeros to a width. */
  static String pad(long value, int width) {
    String s = Long.toString(value);
    if (s.length() >= width) {
      return s;
    }
    StringBuilder sb = new StringBuilder(width);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s).toString();
  }
}
