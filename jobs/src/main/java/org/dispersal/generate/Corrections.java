package org.dispersal.generate;

/**
 * What a first, wrong version of a record looks like before the department corrects it: a mistyped
 * area, a tenant or employee count off by a few, a wrong phone number.
 */
final class Corrections {
  private Corrections() {}

  static boolean applicable(Row row) {
    return field(row) != null;
  }

  private static String field(Row row) {
    return switch (row.ledger) {
      case RENTAL -> row.get(Columns.RENTED_AREA) instanceof Double ? Columns.RENTED_AREA : null;
      case LICENSE -> row.get(Columns.EMPLOYEES) instanceof Integer ? Columns.EMPLOYEES : null;
      case DEMOLITION ->
          row.get(Columns.DEMOLISHED_AREA) instanceof Double ? Columns.DEMOLISHED_AREA : null;
      default -> null;
    };
  }

  /**
   * Changes one field of the row to a plausible wrong value.
   *
   * @return the field, its true value and the wrong value, as text
   */
  static String[] mutate(Row row, Rng r) {
    String column = field(row);
    Object truth = row.get(column);
    Object wrong;
    if (truth instanceof Double d) {
      // A slip of the keyboard: a digit doubled or a decimal point lost.
      wrong = r.chance(0.5) ? TownSetup.round2(d * 10) : TownSetup.round2(d * r.uniform(1.2, 1.9));
    } else {
      int n = (Integer) truth;
      wrong = n + r.between(1, 5);
    }
    row.set(column, wrong);
    return new String[] {column, text(truth), text(wrong)};
  }

  private static String text(Object v) {
    return v instanceof Double d ? FileStyle.number(d) : v.toString();
  }
}
