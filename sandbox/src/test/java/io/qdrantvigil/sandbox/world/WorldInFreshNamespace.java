package io.qdrantvigil.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.kube.Kubectl;
import io.qdrantvigil.sandbox.kube.KubectlStream;
import io.qdrantvigil.sandbox.kube.SharedKubeApiServer;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import io.qdrantvigil.sandbox.qdrant.SimClock;
import io.qdrantvigil.sandbox.qdrant.SimulatedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's demo world on the shared apiserver: a simulated cluster and its SandboxWorld in a fresh namespace,
 * both closed after each test, with kubectl and fabric8 shortcuts into that namespace.
 */
final class WorldInFreshNamespace implements AfterEachCallback {

  private final String namespacePrefix;
  private String namespace;
  private SimulatedCluster cluster;
  private SandboxWorld world;

  /** {@code namespacePrefix}: which test class a namespace on the shared apiserver belongs to. */
  WorldInFreshNamespace(String namespacePrefix) {
    this.namespacePrefix = namespacePrefix;
  }

  /** Starts a cluster on {@code clock}, creates its world and returns once every pod is Ready. */
  void create(SimClock clock, SandboxWorld.Options options) {
    namespace = namespacePrefix + UUID.randomUUID().toString().substring(0, 8);
    cluster = SimulatedCluster.start(ClusterOptions.defaults().withClock(clock));
    world = SandboxWorld.create(client(), cluster, namespace, options);
    kubectl("wait", "--for=condition=Ready", "pod", "--all", "--timeout=60s");
  }

  void close() {
    if (world != null) {
      world.close();
      world = null;
    }
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  KubeApiServer server() {
    return SharedKubeApiServer.get();
  }

  KubernetesClient client() {
    return SharedKubeApiServer.client();
  }

  String namespace() {
    return namespace;
  }

  SimulatedCluster cluster() {
    return cluster;
  }

  List<Pod> pods() {
    return world.pods();
  }

  /** kubectl 1.20 in the namespace; fails the test unless it exits 0. */
  Kubectl.Result kubectl(String... args) {
    return succeeded(args, kubectlResult(args));
  }

  /** kubectl 1.20 in the namespace, whatever it exits with. */
  Kubectl.Result kubectlResult(String... args) {
    return server().kubectl().run(inNamespace(args));
  }

  /** kubectl 1.20 in the namespace with {@code stdin}; fails the test unless it exits 0. */
  Kubectl.Result kubectlWithInput(String stdin, String... args) {
    return succeeded(args, server().kubectl().runWithInput(stdin, inNamespace(args)));
  }

  /** kubectl 1.20 in the namespace, running on (a watch) until closed. */
  KubectlStream kubectlStream(String... args) {
    return server().kubectl().start(inNamespace(args));
  }

  StatefulSet statefulSet() {
    return client().apps().statefulSets().inNamespace(namespace).withName("qdrant").get();
  }

  Pod pod(String name) {
    return client().pods().inNamespace(namespace).withName(name).get();
  }

  String uid(String name) {
    Pod pod = pod(name);
    return pod == null ? null : pod.getMetadata().getUid();
  }

  private String[] inNamespace(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("-n");
    all.add(namespace);
    return all.toArray(String[]::new);
  }

  private static Kubectl.Result succeeded(String[] args, Kubectl.Result result) {
    assertThat(result.exitCode()).as("kubectl " + String.join(" ", args) + "\n" + result).isZero();
    return result;
  }
}
