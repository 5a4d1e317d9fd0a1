package org.dispersal.generate;

/** Business names as registered: companies, individual businesses, unlicensed operators. */
final class EntityNames {
  private EntityNames() {}

  static String name(DistrictRun ctx, Town t, int e) {
    Rng r = Rng.derive(ctx.seed, "entity-name", t.code, e);
    Industry ind = t.entities.industryOf(e);
    String brand = FakeData.brand(r);
    String name =
        switch (t.entities.type[e]) {
          case Entities.ENTERPRISE ->
              "北京" + brand + ind.companyWord + (r.chance(0.2) ? "有限责任公司" : "有限公司");
          case Entities.INDIVIDUAL ->
              "北京市" + ctx.districtName + t.profile.township().shortName() + brand + ind.shopWord;
          default ->
              FakeData.personName(r)
                  + "（无照"
                  + (ind.streetWord.isEmpty() ? "经营" : ind.streetWord)
                  + "）";
        };
    // Now and then a name pasted from another system carries a line break.
    if (r.chance(0.0005) && name.length() > 6) {
      return name.substring(0, 4) + "\n" + name.substring(4);
    }
    return name;
  }
}
