package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two operator replicas with leader election: exactly one polls; stopping it hands over. */
class LeaderElectionEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String LEASE_NAMESPACE = "vigil-leases";
  private final KubernetesClient client = RealApiServer.shared().newClient();
  private final OkHttpClient http = new OkHttpClient();
  private SandboxCase sandbox;
  private VigilOperator a;
  private VigilOperator b;

  @AfterEach
  void close() {
    for (VigilOperator operator : new VigilOperator[] {a, b}) {
      if (operator != null) {
        operator.close();
      }
    }
    if (sandbox != null) {
      sandbox.close();
    }
    client.close();
  }

  private VigilOperator replica(String identity) throws Exception {
    return new VigilOperator(client,
        new OperatorSettings(0, Set.of(), null, true, LEASE_NAMESPACE, identity, false));
  }

  private String holder() {
    Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(VigilOperator.LEASE_NAME).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private String get(VigilOperator operator, String path) throws IOException {
    try (Response response = http.newCall(new Request.Builder()
        .url("http://127.0.0.1:" + operator.httpPort() + path).build()).execute()) {
      return response.code() + " " + response.body().string();
    }
  }

  private boolean hasPolled(VigilOperator operator) throws IOException {
    return get(operator, "/metrics").lines()
        .anyMatch(l -> l.startsWith("vigil_poll_duration_seconds_count{") && !l.endsWith(" 0.0"));
  }

  @Test
  void onlyTheLeaseHolderPollsAndTheOtherTakesOverWhenItStops() throws Exception {
    if (client.namespaces().withName(LEASE_NAMESPACE).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(LEASE_NAMESPACE).endMetadata()
          .build()).create();
    }
    sandbox = new SandboxCase(client, ClusterOptions.defaults());
    a = replica("replica-a");
    b = replica("replica-b");
    sandbox.createWatch("prod", SandboxCase.spec("5s", "2s"));
    await().atMost(WAIT).until(() -> sandbox.status("prod") != null
        && "Healthy".equals(sandbox.status("prod").clusterStatus()));
    await().atMost(WAIT).until(() -> holder() != null);

    Map<String, VigilOperator> byIdentity = Map.of("replica-a", a, "replica-b", b);
    String leaderIdentity = holder();
    VigilOperator leader = byIdentity.get(leaderIdentity);
    VigilOperator standby = leader == a ? b : a;
    await().atMost(WAIT).until(() -> hasPolled(leader));
    assertThat(hasPolled(standby)).as("the standby must not poll").isFalse();
    assertThat(get(standby, "/readyz")).as("a standby is ready, or rollouts stall").startsWith("200");
    assertThat(get(standby, "/healthz")).startsWith("200");

    leader.close();
    if (leader == a) {
      a = null;
    } else {
      b = null;
    }
    await().atMost(WAIT).until(() -> !leaderIdentity.equals(holder()) && holder() != null);
    sandbox.cluster.node(2).setFault(Fault.STOPPED);
    await().atMost(WAIT).until(() -> "Degraded".equals(sandbox.status("prod").clusterStatus()));
    assertThat(hasPolled(standby)).isTrue();
  }
}
