package org.dispersal.generate;

import java.util.Arrays;

/**
 * The market entities of one township as parallel primitive arrays: type, industry, premises,
 * registration status and rectification.
 */
final class Entities {
  static final byte ENTERPRISE = 0;
  static final byte INDIVIDUAL = 1;
  static final byte UNLICENSED = 2;

  /** Roles: what the entity is in the model. */
  static final byte NORMAL = 0;

  static final byte WORKSHOP = 1;
  static final byte MARKET_OPERATOR = 2;
  static final byte STALL = 3;
  static final byte WALL_SHOP = 4;
  static final byte VENDOR = 5;
  static final byte UNLICENSED_FOUND = 6;

  static final String[] TYPE_NAMES = {"企业", "个体工商户", "无照经营户"};
  static final String[] STATUS_NAMES = {"存续", "吊销", "注销", "迁出"};
  static final String[] CATEGORY_NAMES = {null, "散乱污", "一般制造业", "区域性专业市场", "无证无照", "开墙打洞", "占道经营"};
  static final String[] ACTION_NAMES = {null, "关停取缔", "疏解迁出", "整改提升"};

  static final byte ACTIVE = 0;
  static final byte REVOKED = 1;
  static final byte CANCELLED = 2;
  static final byte MOVED_OUT = 3;

  static final byte POLLUTING = 1;
  static final byte MANUFACTURING = 2;
  static final byte MARKET = 3;
  static final byte NO_LICENCE = 4;
  static final byte WALL_OPENING = 5;
  static final byte STREET = 6;

  static final byte CLOSE = 1;
  static final byte RELOCATE = 2;
  static final byte UPGRADE = 3;

  int size;
  byte[] type = new byte[64];
  byte[] industry = new byte[64];
  byte[] role = new byte[64];
  int[] site = new int[64];
  int[] address = new int[64];
  byte[] space = new byte[64];
  int[] established = new int[64];
  byte[] status = new byte[64];
  int[] statusDay = new int[64];
  byte[] category = new byte[64];
  byte[] action = new byte[64];
  int[] rectifiedDay = new int[64];
  short[] employees = new short[64];
  float[] area = new float[64];
  int[] serial = new int[64];
  int[] updated = new int[64];

  int add(byte t, Industry ind, byte r, int siteIndex, int space, int addr, int estDay) {
    if (size == type.length) {
      grow();
    }
    int i = size++;
    type[i] = t;
    industry[i] = (byte) ind.ordinal();
    role[i] = r;
    site[i] = siteIndex;
    this.space[i] = (byte) space;
    address[i] = addr;
    established[i] = estDay;
    return i;
  }

  Industry industryOf(int i) {
    return Industry.values()[industry[i]];
  }

  boolean active(int i) {
    return status[i] == ACTIVE;
  }

  private void grow() {
    int n = type.length * 2;
    type = Arrays.copyOf(type, n);
    industry = Arrays.copyOf(industry, n);
    role = Arrays.copyOf(role, n);
    site = Arrays.copyOf(site, n);
    address = Arrays.copyOf(address, n);
    space = Arrays.copyOf(space, n);
    established = Arrays.copyOf(established, n);
    status = Arrays.copyOf(status, n);
    statusDay = Arrays.copyOf(statusDay, n);
    category = Arrays.copyOf(category, n);
    action = Arrays.copyOf(action, n);
    rectifiedDay = Arrays.copyOf(rectifiedDay, n);
    employees = Arrays.copyOf(employees, n);
    area = Arrays.copyOf(area, n);
    serial = Arrays.copyOf(serial, n);
    updated = Arrays.copyOf(updated, n);
  }
}
