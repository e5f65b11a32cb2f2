package io.qdrantvigil.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.NodeView;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.e2e.RealApiServer;
import io.qdrantvigil.sandbox.qdrant.Fault;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas with leader election on, as the shipped Deployment runs them: exactly one polls,
 * the other stays ready and idle; closing the leader hands the Lease, the polling and the status
 * over to the other.
 *
 * <p>Who polls is seen from outside both operators: besides a pods watch over a sandbox cluster,
 * a watch in a namespace without pods falls back to the operator's own {@code QDRANT_NODES}, and
 * each replica's points at its own recording HTTP server.
 */
class LeaderElectionTest {

  private static final Duration WAIT = Duration.ofSeconds(45);
  private final KubernetesClient client = RealApiServer.shared().newClient();
  private final OkHttpClient http = new OkHttpClient();
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private VigilOperator a;
  private VigilOperator b;

  /** Stands in for a Qdrant node: counts the requests it gets, answers 503. */
  private static final class RecordingNode implements AutoCloseable {
    final AtomicInteger requests = new AtomicInteger();
    final HttpServer server;

    RecordingNode() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        requests.incrementAndGet();
        byte[] body = "{\"status\":{\"error\":\"recording only\"}}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
    }

    String address() {
      return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @AfterEach
  void close() throws Exception {
    for (VigilOperator operator : new VigilOperator[] {a, b}) {
      if (operator != null) {
        operator.close();
      }
    }
    for (AutoCloseable closeable : cleanup) {
      closeable.close();
    }
    client.close();
  }

  private <T extends AutoCloseable> T closedAfter(T closeable) {
    cleanup.add(closeable);
    return closeable;
  }

  private String holder(String leaseNamespace) {
    Lease lease = client.leases().inNamespace(leaseNamespace).withName(VigilOperator.LEASE_NAME).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private String get(VigilOperator operator, String path) throws IOException {
    try (Response response = http.newCall(new Request.Builder()
        .url("http://127.0.0.1:" + operator.httpPort() + path).build()).execute()) {
      return response.code() + " " + response.body().string();
    }
  }

  private double polls(VigilOperator operator, String namespace) throws IOException {
    String body = get(operator, "/metrics");
    return PrometheusText.parse(body.substring(body.indexOf(' ') + 1))
        .value("vigil_poll_duration_seconds_count", Map.of("namespace", namespace, "watch", "prod")).orElse(0.0);
  }

  /** Which recording node the env watch's status names: the replica that wrote it. */
  private static String polledNode(QdrantClusterWatchStatus status) {
    return status == null || status.nodes() == null ? null
        : status.nodes().stream().map(NodeView::url).findFirst().orElse(null);
  }

  @Test
  void exactlyOneReplicaPollsAndClosingItHandsEverythingToTheOther() throws Exception {
    SandboxNamespace leases = closedAfter(SandboxNamespace.empty(client, "lease"));
    SandboxNamespace pods = closedAfter(SandboxNamespace.withQdrant(client, "le"));
    SandboxNamespace outside = closedAfter(SandboxNamespace.empty(client, "le-env"));
    RecordingNode nodeOfA = closedAfter(new RecordingNode());
    RecordingNode nodeOfB = closedAfter(new RecordingNode());
    pods.createWatch("prod", "5s");
    outside.createWatch("prod", "5s");

    Set<String> namespaces = Set.of(pods.namespace, outside.namespace);
    a = new VigilOperator(client, new OperatorSettings(0, namespaces, nodeOfA.address(), true, leases.namespace,
        "replica-a", false));
    b = new VigilOperator(client, new OperatorSettings(0, namespaces, nodeOfB.address(), true, leases.namespace,
        "replica-b", false));

    await().atMost(WAIT).until(() -> holder(leases.namespace) != null);
    String leaderIdentity = holder(leases.namespace);
    boolean aLeads = leaderIdentity.equals("replica-a");
    VigilOperator leader = aLeads ? a : b;
    VigilOperator standby = aLeads ? b : a;
    RecordingNode leaderNode = aLeads ? nodeOfA : nodeOfB;
    RecordingNode standbyNode = aLeads ? nodeOfB : nodeOfA;

    await().atMost(WAIT).until(() -> "Healthy".equals(pods.clusterStatus("prod")));
    await().atMost(WAIT).until(() -> ("http://" + leaderNode.address()).equals(polledNode(outside.status("prod"))));

    // Two intervals and more: the leader keeps polling, the standby never sends a request.
    int leaderRequestsBefore = leaderNode.requests.get();
    double leaderPollsBefore = polls(leader, pods.namespace);
    await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(15))
        .until(() -> standbyNode.requests.get() == 0);
    assertThat(leaderNode.requests.get()).isGreaterThan(leaderRequestsBefore);
    assertThat(polls(leader, pods.namespace)).isGreaterThanOrEqualTo(leaderPollsBefore + 2);
    assertThat(get(standby, "/metrics")).doesNotContain("vigil_poll_duration_seconds_count{")
        .doesNotContain("operator_sdk_reconciliations_started_total{");

    assertThat(get(standby, "/readyz")).as("a standby is ready, or a rolling update would stall").startsWith("200");
    assertThat(get(standby, "/healthz")).startsWith("200");
    assertThat(get(leader, "/readyz")).startsWith("200");

    long closing = System.nanoTime();
    leader.close();
    if (aLeads) {
      a = null;
    } else {
      b = null;
    }
    String standbyIdentity = aLeads ? "replica-b" : "replica-a";
    await().atMost(WAIT).until(() -> standbyIdentity.equals(holder(leases.namespace)));
    long handedOver = System.nanoTime();
    int oldLeaderRequests = leaderNode.requests.get();
    await().atMost(WAIT).until(() -> ("http://" + standbyNode.address()).equals(polledNode(outside.status("prod"))));
    System.out.printf("leader closed -> Lease held by the standby in %d ms, its first status in %d ms%n",
        Duration.ofNanos(handedOver - closing).toMillis(), Duration.ofNanos(System.nanoTime() - closing).toMillis());

    pods.cluster.node(2).setFault(Fault.STOPPED);
    await().atMost(WAIT).until(() -> "Degraded".equals(pods.clusterStatus("prod")));
    assertThat(polls(standby, pods.namespace)).isGreaterThanOrEqualTo(1);
    assertThat(standbyNode.requests.get()).isPositive();
    assertThat(leaderNode.requests.get()).as("the closed leader polls no more").isEqualTo(oldLeaderRequests);
  }
}
