package io.qdrantvigil.operator.install;

import static io.qdrantvigil.operator.install.Manifests.CLUSTER_NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.ApiKeySecretRef;
import io.qdrantvigil.operator.api.QdrantClusterWatchSpec;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.operator.e2e.RealApiServer;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.kube.Kubectl;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped RBAC is not only small but enough: the operator runs as the installed ServiceAccount
 * (the admin impersonates it, so the real apiserver authorizes every request against the applied
 * Roles), with leader election on as in the Deployment, and still polls, writes status, records
 * Events, reads the API key Secret and acts.
 */
class OperatorAsServiceAccountTest {

  private static final Duration WAIT = Duration.ofSeconds(45);
  private static KubeApiServer server;
  private static KubernetesClient admin;
  private SandboxNamespace sandbox;

  @BeforeAll
  static void installClusterWide() {
    server = RealApiServer.shared();
    admin = server.newClient();
    Manifests.applyServerSide(server, Manifests.render(server, Manifests.REPO.resolve("manifests")));
  }

  @AfterAll
  static void closeClient() {
    admin.close();
  }

  @AfterEach
  void closeSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private static KubernetesClient impersonating(String subject) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(server.fabric8Config())
        .withImpersonateUsername(subject).build()).build();
  }

  private void annotate(String action, String value) {
    Kubectl.Result result = server.kubectl().run("annotate", "qcw", "prod", "-n", sandbox.namespace, "--overwrite",
        "qdrantvigil.io/" + action + "=" + value);
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  private ActionRecord awaitOutcome(String action) {
    await().atMost(WAIT).until(() -> {
      QdrantClusterWatchStatus status = sandbox.status("prod");
      return status != null && status.actions() != null && status.actions().stream()
          .anyMatch(r -> r.action().equals(action) && !"Running".equals(r.outcome()));
    });
    return sandbox.status("prod").actions().stream()
        .filter(r -> r.action().equals(action) && !"Running".equals(r.outcome())).findFirst().orElseThrow();
  }

  /**
   * The holder keeps renewing its Lease (every 2 s): a renewal the RBAC forbids would end its
   * leadership at the 10 s renew deadline, and no replica could take the Lease over.
   */
  private static void awaitLeaseRenewedBy(String namespace, String identity) {
    await().atMost(WAIT).untilAsserted(() -> {
      Lease lease = admin.leases().inNamespace(namespace).withName(VigilOperator.LEASE_NAME).get();
      assertThat(lease).isNotNull();
      assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(identity);
      assertThat(lease.getSpec().getRenewTime()).as("renewed at least once after acquiring")
          .isAfter(lease.getSpec().getAcquireTime());
    });
  }

  private String podUid(String name) {
    var pod = admin.pods().inNamespace(sandbox.namespace).withName(name).get();
    return pod == null ? null : pod.getMetadata().getUid();
  }

  @Test
  void theClusterInstallsServiceAccountPollsWritesStatusRecordsEventsAndActs() throws Exception {
    sandbox = SandboxNamespace.withQdrant(admin, "rbac");
    sandbox.createWatch("prod", "5s");
    try (KubernetesClient asOperator = impersonating(Manifests.serviceAccount(CLUSTER_NAMESPACE));
        VigilOperator operator = new VigilOperator(asOperator,
            new OperatorSettings(0, Set.of(), null, true, CLUSTER_NAMESPACE, "rbac-cluster", false))) {
      await().atMost(WAIT).until(() -> "Healthy".equals(sandbox.clusterStatus("prod")));
      await().atMost(WAIT).untilAsserted(() -> assertThat(admin.v1().events().inNamespace(sandbox.namespace).list()
          .getItems()).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("ClusterStatusChanged")));
      awaitLeaseRenewedBy(CLUSTER_NAMESPACE, "rbac-cluster");

      String uid = podUid("qdrant-1");
      annotate("delete-pod", "qdrant-1;force");
      ActionRecord deleted = awaitOutcome("delete-pod");
      assertThat(deleted.outcome()).as(deleted.toString()).isEqualTo("Succeeded");
      await().atMost(WAIT).until(() -> podUid("qdrant-1") != null && !uid.equals(podUid("qdrant-1")));

      annotate("restart", "qdrant");
      ActionRecord restarted = awaitOutcome("restart");
      assertThat(restarted.outcome()).as(restarted.toString()).isEqualTo("Succeeded");
      StatefulSet set = admin.apps().statefulSets().inNamespace(sandbox.namespace).withName("qdrant").get();
      assertThat(set.getSpec().getTemplate().getMetadata().getAnnotations())
          .containsKey("kubectl.kubernetes.io/restartedAt");
    }
  }

  @Test
  void theNamespacedInstallsServiceAccountNeedsNothingOutsideItsNamespace() throws Exception {
    sandbox = SandboxNamespace.withQdrant(admin, "team", ClusterOptions.defaults().withApiKey("s3cret"));
    Manifests.applyServerSide(server, Manifests.renderNamespaced(server, sandbox.namespace));
    admin.secrets().inNamespace(sandbox.namespace).resource(new SecretBuilder().withNewMetadata()
        .withName("qdrant-api-key").addToLabels("qdrantvigil.io/api-key", "true").endMetadata()
        .addToStringData("api-key", "s3cret").build()).create();
    sandbox.createWatch("prod", new QdrantClusterWatchSpec(null, null, null, "5s", "2s",
        new ApiKeySecretRef("qdrant-api-key", "api-key"), null, null));
    try (KubernetesClient asOperator = impersonating(Manifests.serviceAccount(sandbox.namespace));
        VigilOperator operator = new VigilOperator(asOperator,
            new OperatorSettings(0, Set.of(sandbox.namespace), null, true, sandbox.namespace, "rbac-namespaced",
                false))) {
      await().atMost(WAIT).until(() -> "Healthy".equals(sandbox.clusterStatus("prod")));
      awaitLeaseRenewedBy(sandbox.namespace, "rbac-namespaced");

      String uid = podUid("qdrant-2");
      annotate("delete-pod", "qdrant-2;force");
      ActionRecord deleted = awaitOutcome("delete-pod");
      assertThat(deleted.outcome()).as(deleted.toString()).isEqualTo("Succeeded");
      await().atMost(WAIT).until(() -> podUid("qdrant-2") != null && !uid.equals(podUid("qdrant-2")));
    }
  }
}
