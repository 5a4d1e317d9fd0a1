package org.dispersal.ops;

import java.util.List;
import org.dispersal.common.Stage;
import org.dispersal.conform.ConformStage;
import org.dispersal.ingest.IngestStage;
import org.dispersal.panel.PanelStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs stages in order for one run and turns their outcomes into the run's exit code. */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private Pipeline() {}

  /** The stages that exist today, in pipeline order. Later issues append theirs. */
  public static List<Stage> stages() {
    return List.of(new IngestStage(), new ConformStage(), new PanelStage());
  }

  /** The same stages for the demo, which may create a local key for personal-data hashes. */
  public static List<Stage> demoStages() {
    return List.of(IngestStage.creatingKeyIfMissing(), new ConformStage(), new PanelStage());
  }
}
