package org.dispersal.conform;

import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dispersal.TestSpark;

/** Small silver-shaped inputs for conform's transformation tests. */
final class ConformFixtures {
  private ConformFixtures() {}

  static final StructType DEMOLITION =
      new StructType()
          .add(Cols.RECORD_ID, DataTypes.StringType)
          .add(Cols.TOWNSHIP_CODE, DataTypes.StringType)
          .add(Cols.ADDRESS_KEY, DataTypes.StringType)
          .add(Cols.STRUCTURE_TYPE, DataTypes.StringType)
          .add(Cols.ORIGINAL_USE, DataTypes.StringType)
          .add(Cols.DEMOLISHED_AREA, DataTypes.DoubleType)
          .add(Cols.NEWLY_BUILT, DataTypes.BooleanType)
          .add(Cols.DEMOLISHED_ON, DataTypes.DateType);

  static final StructType RENTAL =
      new StructType()
          .add(Cols.REGISTRATION_ID, DataTypes.StringType)
          .add(Cols.TOWNSHIP_CODE, DataTypes.StringType)
          .add(Cols.ADDRESS_KEY, DataTypes.StringType)
          .add(Cols.HOUSING_TYPE, DataTypes.StringType)
          .add(Cols.RENTED_AREA, DataTypes.DoubleType)
          .add(Cols.TENANT_COUNT, DataTypes.LongType)
          .add(Cols.REGISTERED_ON, DataTypes.DateType)
          .add(Cols.DEREGISTERED_ON, DataTypes.DateType)
          .add(Cols.DEREGISTRATION_REASON, DataTypes.StringType);

  static final StructType ENTITY =
      new StructType()
          .add(Cols.CREDIT_CODE, DataTypes.StringType)
          .add(Cols.TOWNSHIP_CODE, DataTypes.StringType)
          .add(Cols.ADDRESS_KEY, DataTypes.StringType)
          .add(Cols.STATUS, DataTypes.StringType)
          .add(Cols.ESTABLISHED_ON, DataTypes.DateType)
          .add(Cols.STATUS_CHANGED_ON, DataTypes.DateType)
          .add(Cols.EMPLOYEES, DataTypes.LongType)
          .add(Cols.FLOOR_AREA, DataTypes.DoubleType)
          .add(Cols.RECTIFICATION_CATEGORY, DataTypes.StringType)
          .add(Cols.RECTIFICATION_ACTION, DataTypes.StringType)
          .add(Cols.RECTIFIED_ON, DataTypes.DateType);

  static Date d(String iso) {
    return iso == null ? null : Date.valueOf(iso);
  }

  static Dataset<Row> frame(StructType schema, Object[]... rows) {
    List<Row> list = Arrays.stream(rows).map(RowFactory::create).toList();
    return TestSpark.session().createDataFrame(list, schema);
  }

  /** Dwellings are the sites themselves in these fixtures, except where a test says otherwise. */
  static Dataset<Row> withDwelling(Dataset<Row> in) {
    return in.withColumn(Cols.DWELLING_KEY, org.apache.spark.sql.functions.col(Cols.ADDRESS_KEY));
  }

  static Dataset<Row> demolitions() {
    return withDwelling(
        frame(
            DEMOLITION,
            new Object[] {"D1", "110111104", "稻田村3号", "住宅", "居住出租", 800.0, false, d("2018-05-10")},
            new Object[] {"D2", "110111104", "稻田村3号", "厂房", "生产经营", 1500.0, false, d("2018-09-01")},
            new Object[] {"D3", "110111009", "西路村12号", "商业", "商业经营", 300.0, false, d("2019-03-01")},
            new Object[] {"D4", "110111104", "稻田村3号", "住宅", "居住出租", 90.0, true, d("2019-11-01")}));
  }

  static Dataset<Row> rentals() {
    return withDwelling(
        frame(
            RENTAL,
            new Object[] {
              "R1", "110111104", "稻田村3号", "平房", 40.0, 3L, d("2016-01-01"), d("2018-05-01"), "拆除"
            },
            new Object[] {
              "R2", "110111104", "稻田村3号", "平房", 30.0, 2L, d("2016-01-01"), d("2018-05-20"), "到期"
            },
            new Object[] {
              "R3", "110111104", "稻田村3号", "平房", 30.0, 4L, d("2015-01-01"), d("2017-01-01"), "到期"
            },
            new Object[] {
              "R4", "110111104", "稻田村5号", "平房", 20.0, 1L, d("2016-01-01"), d("2018-05-02"), "拆除"
            },
            new Object[] {"R5", "110111104", "稻田村3号", "平房", 20.0, 1L, d("2016-01-01"), null, null},
            new Object[] {
              "R6", "110111104", "稻田村3号", "平房", 25.0, 6L, d("2016-01-01"), d("2018-08-25"), "拆除"
            },
            new Object[] {
              "R7", "110111009", "西路村1号", "楼房", 120.0, 14L, d("2016-01-01"), d("2018-04-01"), "群租清理"
            },
            new Object[] {
              "R8",
              "110111009",
              "西路村2号",
              "地下室",
              200.0,
              9L,
              d("2016-01-01"),
              d("2018-06-01"),
              "地下空间清理"
            },
            new Object[] {
              "R9", "110111104", "稻田村3号", "平房", 25.0, 2L, d("2020-01-05"), null, null
            }));
  }

  static Dataset<Row> entities() {
    return withDwelling(
        frame(
            ENTITY,
            new Object[] {
              "E1",
              "110111104",
              "稻田村3号",
              "注销",
              d("2010-01-01"),
              d("2018-05-06"),
              12L,
              500.0,
              "散乱污",
              "关停取缔",
              d("2018-05-05")
            },
            new Object[] {
              "E2",
              "110111104",
              "稻田村3号",
              "存续",
              d("2012-01-01"),
              null,
              5L,
              60.0,
              "开墙打洞",
              "整改提升",
              d("2018-05-05")
            },
            new Object[] {
              "E3",
              "110111009",
              "西路村9号",
              "迁出",
              d("2011-01-01"),
              d("2019-02-01"),
              40L,
              2000.0,
              "一般制造业",
              "疏解迁出",
              d("2019-02-01")
            },
            new Object[] {
              "E4", "110111009", "西路村12号", "存续", d("2019-06-01"), null, 3L, 80.0, null, null, null
            }));
  }
}
