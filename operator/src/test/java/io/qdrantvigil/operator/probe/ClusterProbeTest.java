package io.qdrantvigil.operator.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.qdrant.FailureKind;
import io.qdrantvigil.operator.qdrant.Fetch;
import io.qdrantvigil.operator.qdrant.QdrantClient;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A poll asks every node at once: it takes about the slowest node (bounded by the timeout), never the
 * sum. Measured after a first poll, as the operator runs: connections open, code warm.
 */
class ClusterProbeTest {

  @Test
  void fiftyNodesWithFiveHungTakeAboutOneTimeoutNotFive() {
    Duration timeout = Duration.ofSeconds(2);
    try (SimulatedCluster cluster = SimulatedCluster.start(ClusterOptions.defaults().withNodes(50));
        QdrantClient qdrant = new QdrantClient()) {
      List<NodeTarget> targets = cluster.nodes().stream().map(n -> NodeTarget.ofUrl(n.url())).toList();
      ClusterProbe probe = new ClusterProbe(qdrant);
      probe.probe(targets, timeout, null);
      for (int ordinal = 0; ordinal < 5; ordinal++) {
        cluster.node(ordinal * 10).setFault(Fault.HUNG);
      }
      long started = System.nanoTime();
      List<NodeObservation> observations = probe.probe(targets, timeout, null);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(took).isLessThan(timeout.multipliedBy(2));
      assertThat(observations).hasSize(50);
      assertThat(observations).filteredOn(o -> o.cluster() instanceof Fetch.Failed<?> failed
          && failed.kind() == FailureKind.TIMEOUT).hasSize(5);
      assertThat(observations).filteredOn(o -> o.cluster().isOk()).hasSize(45);
    }
  }
}
