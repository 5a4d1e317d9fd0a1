package org.dispersal.estimate;

import java.util.List;

/** The kinds of vacated space whose effect is estimated, and the panel kinds each sums. */
enum EstimateKind {
  RESIDENTIAL("residential", "住宅类违建", List.of("residential")),
  BUSINESS_DEMOLITION("business_demolition", "生产经营类违建", List.of("production", "commercial")),
  BUSINESS_CLOSURE("business_closure", "关停疏解企业", List.of("business")),
  GROUP_RENTAL("group_rental", "群租房", List.of("group_rental")),
  BASEMENT("basement", "地下空间", List.of("basement"));

  private final String id;
  private final String label;
  private final List<String> panelKinds;

  EstimateKind(String id, String label, List<String> panelKinds) {
    this.id = id;
    this.label = label;
    this.panelKinds = panelKinds;
  }

  String id() {
    return id;
  }

  /** The Chinese name the workbook shows. */
  String label() {
    return label;
  }

  List<String> panelKinds() {
    return panelKinds;
  }
}
