package io.qdrantvigil.sandbox.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.sandbox.kube.CrdInstaller;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.kube.SandboxTools;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.CollectionSpec;
import io.qdrantvigil.sandbox.qdrant.SimClock;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import io.qdrantvigil.sandbox.qdrant.SimulatedClusterControl;
import io.qdrantvigil.sandbox.world.SandboxWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code make demo}: a real kube-apiserver, three simulated Qdrant nodes as the pods of a
 * StatefulSet, one QdrantClusterWatch, and the real operator jar watching them. Ctrl-C stops all.
 */
public final class DemoMain {

  static final String NAMESPACE = "qdrant";
  static final int CONTROL_PORT = 7333;
  static final int OPERATOR_HTTP_PORT = 8080;
  /** At 400 points per simulated second a products shard is copied in 5 s, so a restart is seen recovering. */
  static final long PRODUCTS_POINTS_PER_SHARD = 2000;
  static final long USERS_POINTS = 1000;

  private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: DemoMain OPERATOR_JAR REPO_DIR");
      System.exit(2);
    }
    DemoMain demo = new DemoMain();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nStopping the demo ...");
      demo.closeAll();
      stopped.countDown();
    }, "demo-shutdown"));
    try {
      demo.run(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath());
    } catch (RuntimeException | IOException e) {
      System.err.println("The demo could not start: " + e.getMessage());
      System.exit(1);
    }
    stopped.await();
  }

  private void run(Path operatorJar, Path repo) throws IOException {
    if (!Files.exists(operatorJar)) {
      throw new IOException("no operator jar at " + operatorJar + " (make build makes it)");
    }
    Path work = repo.resolve("target/demo-" + Instant.now().toEpochMilli());
    step("Starting a real kube-apiserver and etcd on loopback");
    KubeApiServer server = remember(KubeApiServer.start(work.resolve("apiserver")));
    KubernetesClient client = remember(server.newClient());
    step("Installing the QdrantClusterWatch CRD from crds/");
    CrdInstaller.install(client, repo.resolve("crds/qdrantclusterwatches.qdrantvigil.io-v1.yml"));
    step("Starting 3 simulated Qdrant 1.19 nodes (collections products: 3 shards RF 2, users: 1 shard RF 1),"
        + " a light update stream and their control endpoint");
    SimulatedCluster cluster = remember(SimulatedCluster.start(ClusterOptions.defaults().withClock(SimClock.system())
        .withCollections(new CollectionSpec("products", 3, 2, PRODUCTS_POINTS_PER_SHARD),
            new CollectionSpec("users", 1, 1, USERS_POINTS))));
    cluster.setUpdateStream(true);
    SimulatedClusterControl control = remember(SimulatedClusterControl.start(cluster, CONTROL_PORT));
    step("Creating namespace " + NAMESPACE + " with StatefulSet qdrant and pods qdrant-0..2");
    remember(SandboxWorld.create(client, cluster, NAMESPACE));
    step("Applying the QdrantClusterWatch qdrant (interval 10s, timeout 2s)");
    applyWatch(client);
    step("Starting the operator: java -jar " + repo.relativize(operatorJar));
    Process operator = startOperator(operatorJar, server.kubeconfigPath(), work.resolve("operator.log"));
    remember(() -> {
      operator.destroy();
      if (!operator.waitFor(10, TimeUnit.SECONDS)) {
        operator.destroyForcibly();
      }
    });
    printGuide(repo, server.kubeconfigPath(), control.url(), work.resolve("operator.log"));
  }


  private static void applyWatch(KubernetesClient client) {
    GenericKubernetesResource watch = new GenericKubernetesResource();
    watch.setApiVersion("qdrantvigil.io/v1alpha1");
    watch.setKind("QdrantClusterWatch");
    watch.setMetadata(new ObjectMetaBuilder().withName("qdrant")
        .withNamespace(NAMESPACE).build());
    watch.setAdditionalProperty("spec", Map.of("interval", "10s", "timeout", "2s",
        "selector", Map.of("matchLabels", Map.of("app", "qdrant"))));
    client.genericKubernetesResources("qdrantvigil.io/v1alpha1", "QdrantClusterWatch").inNamespace(NAMESPACE)
        .resource(watch).create();
  }

  private static Process startOperator(Path jar, Path kubeconfig, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("VIGIL_HTTP_PORT", String.valueOf(OPERATOR_HTTP_PORT));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  private static void printGuide(Path repo, Path kubeconfig, String controlUrl, Path operatorLog) {
    String kubectl = SandboxTools.locate().kubectl().toString();
    System.out.println("""

        Qdrant Vigil demo is running. In another terminal:

          export KUBECONFIG=%1$s
          alias kubectl=%2$s

          kubectl get qcw -n qdrant                  # STATUS HEALTHY LEADER HEALTH%% DATA WARNINGS AGE
          kubectl get qcw -n qdrant -o wide -w       # watch it change
          kubectl get qcw qdrant -n qdrant -o yaml   # warnings, nodes, commands
          kubectl get pods,sts -n qdrant

        Break a node, then heal it (NODE 0..2; FAULT: STOPPED HUNG SLOW HTTP_500 NON_JSON HUGE_BODY
        CLUSTER_DISABLED CONSENSUS_STOPPED CONSENSUS_STOPPED_WITH_ERR PARTITIONED COLLECTIONS_FAILING ISSUES VERSION
        TRANSFER_STALLED DIVERGENT_VIEW COLLECTION_MISSING TELEMETRY_FAILING):

          make demo-fault NODE=1 FAULT=STOPPED       # its products replicas turn Dead, then recover on restart
          make demo-fault NODE=1 FAULT=TRANSFER_STALLED
          make demo-fault NODE=2 FAULT=COLLECTION_MISSING VALUE=users
          make demo-heal

        Move data (products shard 0 lives on nodes 0 and 1):

          make demo-transfer SHARD=0 FROM=0 TO=2                  # replicate_shard, stream_records
          make demo-transfer SHARD=0 FROM=0 TO=2 MOVE=true METHOD=snapshot
          curl -s %4$s/collections                                # replica states and transfers
          curl -s %4$s/nodes                                      # each node's url: GET <url>/cluster/telemetry

        Act through the watch (users has one replica, on qdrant-0):

          kubectl annotate qcw qdrant -n qdrant qdrantvigil.io/delete-pod=qdrant-0     # Refused: users/0's only replica
          kubectl annotate qcw qdrant -n qdrant qdrantvigil.io/replicate-shard='users/0;from=qdrant-0;to=qdrant-1'
          kubectl annotate qcw qdrant -n qdrant qdrantvigil.io/restart='qdrant;safe'  # one pod at a time, leader last
          kubectl annotate qcw qdrant -n qdrant qdrantvigil.io/scale='qdrant=2;drain' # empties qdrant-2 first
          kubectl get qcw qdrant -n qdrant -o jsonpath='{.status.actions[0]}'

        Operator metrics: http://localhost:%3$d/metrics   (health: /healthz, /readyz)
        Simulator control: %4$s/nodes
        Operator log: %5$s

        Ctrl-C stops everything.
        """.formatted(kubeconfig, kubectl, OPERATOR_HTTP_PORT, controlUrl, operatorLog));
  }

  private static void step(String what) {
    System.out.println("==> " + what);
  }

  private <T extends AutoCloseable> T remember(T resource) {
    toClose.push(resource);
    return resource;
  }

  private void closeAll() {
    while (!toClose.isEmpty()) {
      try {
        toClose.pop().close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e.getMessage());
      }
    }
  }
}
