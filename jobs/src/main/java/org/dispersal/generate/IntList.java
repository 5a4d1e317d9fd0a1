package org.dispersal.generate;

import java.util.Arrays;

/** A growable list of ints: pools of site and entity indices without boxing. */
final class IntList {
  private int[] values = new int[16];
  private int size;

  void add(int v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  int get(int i) {
    return values[i];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Removes the element at i by moving the last one there (order is not kept). */
  int removeAt(int i) {
    int v = values[i];
    values[i] = values[--size];
    return v;
  }

  /** Removes and returns a random element. */
  int removeRandom(Rng r) {
    return removeAt(r.between(0, size - 1));
  }
}
