package org.dispersal.generate;

/**
 * The fake people behind the records: a landlord per dwelling, a representative per entity (a
 * workshop's representative is also the landlord of its dormitory). Each is a pure function of the
 * seed and who they are, so nothing about them has to be stored.
 */
final class People {
  /** A person's name, resident ID (correct check digit) and phone number. */
  record Person(String name, String id, String phone) {}

  private People() {}

  static Person landlord(long seed, String districtCode, Town t, int site) {
    Rng r = Rng.derive(seed, "person", t.code, "S", site);
    return new Person(
        FakeData.personName(r),
        FakeData.residentId(r, districtCode, r.chance(0.85), 1945, 1985),
        r.chance(0.9) ? FakeData.mobile(r) : FakeData.landline(r));
  }

  static Person representative(long seed, String districtCode, Town t, int entity) {
    int site = t.entities.site[entity];
    if (site >= 0 && t.entities.role[entity] == Entities.WORKSHOP) {
      return landlord(seed, districtCode, t, site);
    }
    Rng r = Rng.derive(seed, "person", t.code, "E", entity);
    return new Person(
        FakeData.personName(r),
        FakeData.residentId(r, districtCode, r.chance(0.5), 1955, 1995),
        FakeData.mobile(r));
  }

  /** Whether a record's ID number gets a wrong check digit (a record-level defect). */
  static boolean wrongId(long seed, double rate, String key) {
    return rate > 0 && Rng.unit(Rng.hash(seed, "id-check", key)) < rate;
  }

  /** The ID with a wrong check digit, the same for every row of the record. */
  static String spoilt(long seed, String id, String key) {
    return FakeData.withWrongCheckDigit(id, Rng.derive(seed, "id-spoil", key));
  }
}
