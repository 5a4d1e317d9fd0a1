package org.dispersal.generate;

import java.util.Arrays;

/**
 * The premises of one township as parallel primitive arrays (compact even at city scale): let
 * dwellings, basements, illegal structures, workshops, idle sheds and shops, with their occupants
 * and their current rental registration.
 */
final class Sites {
  static final byte APARTMENT = 0;
  static final byte BUNGALOW = 1;
  static final byte BASEMENT = 2;
  static final byte ILLEGAL_HOME = 3;
  static final byte WORKSHOP = 4;
  static final byte IDLE = 5;
  static final byte SHOP = 6;

  static final byte GROUP = 1;

  /** An illegal structure: demolished, not closed, by the action. */
  static final byte ILLEGAL = 2;

  static final byte MARKET = 4;

  /** Built after 2017-01-01 (是否新增 = 是). */
  static final byte NEW_BUILD = 8;

  /** Vacated or demolished and not (yet) occupied again. */
  static final byte GONE = 16;

  int size;
  byte[] kind = new byte[64];
  byte[] flags = new byte[64];
  float[] area = new float[64];
  short[] occupants = new short[64];
  short[] built = new short[64];
  int[] address = new int[64];
  int[] entity = new int[64];
  float[] propensity = new float[64];
  // The current rental registration: serial (-1 none), day, lease end month, tenants, last update.
  int[] regSerial = new int[64];
  int[] regDay = new int[64];
  short[] regEnd = new short[64];
  short[] regTenants = new short[64];
  int[] regUpdated = new int[64];

  int add(byte k, byte f, double a, int occ, int builtMonth, int addr, float u) {
    if (size == kind.length) {
      grow();
    }
    int i = size++;
    kind[i] = k;
    flags[i] = f;
    area[i] = (float) a;
    occupants[i] = (short) Math.min(Short.MAX_VALUE, occ);
    built[i] = (short) builtMonth;
    address[i] = addr;
    entity[i] = -1;
    propensity[i] = u;
    regSerial[i] = -1;
    return i;
  }

  boolean has(int i, byte flag) {
    return (flags[i] & flag) != 0;
  }

  void set(int i, byte flag, boolean on) {
    flags[i] = (byte) (on ? flags[i] | flag : flags[i] & ~flag);
  }

  int space(int i) {
    return space(kind[i], flags[i]);
  }

  boolean registered(int i) {
    return regSerial[i] >= 0;
  }

  /** Which address space a site is numbered in: markets front a road. */
  static int space(byte kind, byte flags) {
    if ((flags & MARKET) != 0) {
      return AddressBook.FRONTAGE;
    }
    return switch (kind) {
      case APARTMENT -> AddressBook.FLATS;
      case BASEMENT -> AddressBook.CELLARS;
      case BUNGALOW, ILLEGAL_HOME, IDLE -> AddressBook.PLOTS;
      case WORKSHOP -> AddressBook.WORKS;
      default -> AddressBook.FRONTAGE;
    };
  }

  private void grow() {
    int n = kind.length * 2;
    kind = Arrays.copyOf(kind, n);
    flags = Arrays.copyOf(flags, n);
    area = Arrays.copyOf(area, n);
    occupants = Arrays.copyOf(occupants, n);
    built = Arrays.copyOf(built, n);
    address = Arrays.copyOf(address, n);
    entity = Arrays.copyOf(entity, n);
    propensity = Arrays.copyOf(propensity, n);
    regSerial = Arrays.copyOf(regSerial, n);
    regDay = Arrays.copyOf(regDay, n);
    regEnd = Arrays.copyOf(regEnd, n);
    regTenants = Arrays.copyOf(regTenants, n);
    regUpdated = Arrays.copyOf(regUpdated, n);
  }
}
