package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.kube.Kubectl;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code kubectl apply -k manifests}, rendered by kubectl's kustomize and validated by a real apiserver. */
class ManifestsOnRealApiServerTest {

  private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

  private static String render(KubeApiServer server, String dir) {
    Kubectl.Result rendered = server.kubectlCurrent().run("kustomize", REPO.resolve(dir).toString());
    assertThat(rendered.exitCode()).as(rendered.toString()).isZero();
    return rendered.stdout();
  }

  /** Takes over fields another manager set (the test harness installed the CRD first). */
  private static void applyServerSide(KubeApiServer server, String yaml) {
    Kubectl.Result applied = server.kubectl().runWithInput(yaml, "apply", "--server-side", "--force-conflicts",
        "-f", "-");
    assertThat(applied.exitCode()).as(applied.toString()).isZero();
  }

  /** Printer columns as "NAME path type priority"; the apiserver leaves out the default priority 0. */
  private static List<String> columns(CustomResourceDefinition crd) {
    return crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream()
        .map(c -> c.getName() + " " + c.getJsonPath() + " " + c.getType() + " "
            + (c.getPriority() == null ? 0 : c.getPriority()))
        .toList();
  }

  /** Every resource/verb pair a rule grants, as "group/resource:verb". */
  private static Set<String> grants(Iterable<PolicyRule> rules) {
    Set<String> grants = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            grants.add(group + "/" + resource + ":" + verb);
          }
        }
      }
    }
    return grants;
  }

  @Test
  void theClusterInstallAppliesAndGrantsNoMoreThanTheOperatorNeeds() {
    KubeApiServer server = RealApiServer.shared();
    applyServerSide(server, render(server, "manifests"));
    try (KubernetesClient client = server.newClient()) {
      CustomResourceDefinition installed = client.apiextensions().v1().customResourceDefinitions()
          .withName("qdrantclusterwatches.qdrantvigil.io").get();
      CustomResourceDefinition generated = client.apiextensions().v1().customResourceDefinitions()
          .load(RealApiServer.committedCrd().toFile()).item();
      assertThat(columns(installed)).isEqualTo(columns(generated));
      assertThat(installed.getSpec().getNames().getShortNames()).containsExactly("qcw");
      assertThat(installed.getSpec().getNames().getPlural()).isEqualTo(generated.getSpec().getNames().getPlural());
      assertThat(installed.getSpec().getScope()).isEqualTo("Namespaced");
      assertThat(installed.getSpec().getVersions().get(0).getSchema())
          .isEqualTo(generated.getSpec().getVersions().get(0).getSchema());

      ClusterRole role = client.rbac().clusterRoles().withName("qdrant-vigil").get();
      assertThat(grants(role.getRules())).containsExactlyInAnyOrder(
          "qdrantvigil.io/qdrantclusterwatches:get", "qdrantvigil.io/qdrantclusterwatches:list",
          "qdrantvigil.io/qdrantclusterwatches:watch", "qdrantvigil.io/qdrantclusterwatches:patch",
          "qdrantvigil.io/qdrantclusterwatches:update",
          "qdrantvigil.io/qdrantclusterwatches/status:get", "qdrantvigil.io/qdrantclusterwatches/status:patch",
          "qdrantvigil.io/qdrantclusterwatches/status:update",
          "/pods:get", "/pods:list", "/pods:watch", "/pods:delete",
          "/pods/eviction:create",
          "apps/statefulsets:get", "apps/statefulsets:list", "apps/statefulsets:watch", "apps/statefulsets:patch",
          "/secrets:get", "/events:create", "/events:patch");
      assertThat(grants(client.rbac().roles().inNamespace("qdrant-vigil").list().getItems().stream()
          .flatMap(r -> r.getRules().stream()).toList()))
          .containsExactlyInAnyOrder("coordination.k8s.io/leases:create", "coordination.k8s.io/leases:get",
              "coordination.k8s.io/leases:update", "coordination.k8s.io/leases:patch");

      Deployment deployment = client.apps().deployments().inNamespace("qdrant-vigil")
          .withName("qdrant-vigil-operator").get();
      assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
      assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
      assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
      assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(container.getEnv()).anySatisfy(e -> {
        assertThat(e.getName()).isEqualTo("VIGIL_LEADER_ELECTION");
        assertThat(e.getValue()).isEqualTo("true");
      });
    }
    Kubectl.Result canList = server.kubectl().run("auth", "can-i", "list", "pods", "--all-namespaces",
        "--as=system:serviceaccount:qdrant-vigil:qdrant-vigil");
    assertThat(canList.stdout().trim()).isEqualTo("yes");
    Kubectl.Result cannotExec = server.kubectl().run("auth", "can-i", "create", "pods/exec", "-n", "default",
        "--as=system:serviceaccount:qdrant-vigil:qdrant-vigil");
    assertThat(cannotExec.stdout().trim()).isEqualTo("no");
    Kubectl.Result cannotDeleteSets = server.kubectl().run("auth", "can-i", "delete", "statefulsets", "-n", "default",
        "--as=system:serviceaccount:qdrant-vigil:qdrant-vigil");
    assertThat(cannotDeleteSets.stdout().trim()).isEqualTo("no");
  }

  @Test
  void theNamespacedInstallUsesARoleAndWatchesItsOwnNamespace() {
    KubeApiServer server = RealApiServer.shared();
    String rendered = render(server, "manifests/namespaced");
    assertThat(rendered).contains("kind: Role").doesNotContain("kind: ClusterRole").contains("WATCH_NAMESPACES");
    Kubectl.Result ns = server.kubectl().run("create", "namespace", "qdrant");
    assertThat(ns.exitCode() == 0 || ns.stderr().contains("AlreadyExists")).as(ns.toString()).isTrue();
    applyServerSide(server, rendered);
    try (KubernetesClient client = server.newClient()) {
      assertThat(client.rbac().roles().inNamespace("qdrant").list().getItems()).isNotEmpty();
    }
  }
}
