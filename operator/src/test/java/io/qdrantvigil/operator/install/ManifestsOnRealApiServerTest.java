package io.qdrantvigil.operator.install;

import static io.qdrantvigil.operator.install.Manifests.CLUSTER_NAMESPACE;
import static io.qdrantvigil.operator.install.Manifests.LEASE_GRANTS;
import static io.qdrantvigil.operator.install.Manifests.OPERATOR_GRANTS;
import static io.qdrantvigil.operator.install.Manifests.SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.e2e.RealApiServer;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl apply -k manifests} and the namespaced variant, rendered by kubectl's kustomize,
 * applied server-side to a real apiserver (so the API validates every object), then read back: the
 * CRD is the generated one, RBAC grants exactly what the operator needs, the Deployment is fit for
 * production, and the operator's ServiceAccount may do what it must and nothing else.
 */
class ManifestsOnRealApiServerTest {

  private static final String OPERATOR = Manifests.serviceAccount(CLUSTER_NAMESPACE);
  private static KubeApiServer server;
  private static KubernetesClient client;
  private static List<HasMetadata> rendered;

  @BeforeAll
  static void installClusterWide() {
    server = RealApiServer.shared();
    client = server.newClient();
    String yaml = Manifests.render(server, Manifests.REPO.resolve("manifests"));
    rendered = Manifests.parse(client, yaml);
    Manifests.applyServerSide(server, yaml);
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  private static Set<String> kinds(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.toSet());
  }

  @Test
  void theClusterInstallIsExactlyTheseObjects() {
    assertThat(kinds(rendered)).containsExactlyInAnyOrder(
        "Namespace/qdrant-vigil",
        "CustomResourceDefinition/qdrantclusterwatches.qdrantvigil.io",
        "ServiceAccount/qdrant-vigil",
        "Role/qdrant-vigil-leader-election",
        "RoleBinding/qdrant-vigil-leader-election",
        "ClusterRole/qdrant-vigil",
        "ClusterRoleBinding/qdrant-vigil",
        "Service/qdrant-vigil-metrics",
        "Deployment/qdrant-vigil-operator");
    assertThat(rendered).filteredOn(o -> !o.getKind().startsWith("Cluster") && !o.getKind().equals("Namespace")
            && !o.getKind().equals("CustomResourceDefinition"))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(CLUSTER_NAMESPACE));
  }

  /** Differences between two JSON trees as "path: expected -> actual"; absent is null. */
  private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (expected != null && actual != null && expected.isObject() && actual.isObject()) {
      Set<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      names.forEach(name -> diff(path + "." + name, expected.get(name), actual.get(name), out));
    } else if (expected != null && actual != null && expected.isArray() && actual.isArray()
        && expected.size() == actual.size()) {
      Iterator<JsonNode> e = expected.elements();
      Iterator<JsonNode> a = actual.elements();
      for (int i = 0; e.hasNext(); i++) {
        diff(path + "[" + i + "]", e.next(), a.next(), out);
      }
    } else if (expected == null || !expected.equals(actual)) {
      out.add(path + ": " + expected + " -> " + actual);
    }
  }

  /** The spec as JSON, printer columns by name (the generator sorts them by path, the build by declaration). */
  private static JsonNode specTree(CustomResourceDefinition crd) {
    ObjectNode spec = Serialization.jsonMapper().valueToTree(crd.getSpec());
    for (JsonNode version : spec.path("versions")) {
      ArrayNode columns = (ArrayNode) version.path("additionalPrinterColumns");
      List<JsonNode> byName = new ArrayList<>();
      columns.forEach(byName::add);
      byName.sort(Comparator.comparing(c -> c.path("name").asText()));
      columns.removeAll();
      columns.addAll(byName);
    }
    return spec;
  }

  private static List<String> differences(CustomResourceDefinition expected, CustomResourceDefinition actual) {
    List<String> out = new ArrayList<>();
    diff("spec", specTree(expected), specTree(actual), out);
    return out;
  }

  @Test
  void theInstalledCrdIsTheGeneratedOne() throws Exception {
    CustomResourceDefinition committed = client.apiextensions().v1().customResourceDefinitions()
        .load(RealApiServer.committedCrd().toFile()).item();
    try (InputStream generated = getClass().getResourceAsStream(
        "/META-INF/fabric8/qdrantclusterwatches.qdrantvigil.io-v1.yml")) {
      assertThat(generated).as("the crd-generator's output on the classpath").isNotNull();
      CustomResourceDefinition fromGenerator = client.apiextensions().v1().customResourceDefinitions()
          .load(generated).item();
      assertThat(differences(fromGenerator, committed)).as("crds/ against the generator's output").isEmpty();
    }
    assertThat(rendered).filteredOn(o -> o instanceof CustomResourceDefinition).singleElement()
        .satisfies(crd -> assertThat(differences(committed, (CustomResourceDefinition) crd))
            .as("the CRD kustomize renders against crds/").isEmpty());

    CustomResourceDefinition installed = client.apiextensions().v1().customResourceDefinitions()
        .withName("qdrantclusterwatches.qdrantvigil.io").get();
    // Only what the apiserver fills in by default may differ.
    assertThat(differences(committed, installed)).as("the installed CRD against crds/").allSatisfy(d ->
        assertThat(d).matches("spec\\.names\\.listKind: null -> \"QdrantClusterWatchList\""
            + "|spec\\.conversion: null -> \\{\"strategy\":\"None\"}"
            + "|spec\\.versions\\[0]\\.additionalPrinterColumns\\[\\d+]\\.priority: 0 -> null"));
    assertThat(installed.getSpec().getNames().getShortNames()).containsExactly("qcw");
    assertThat(installed.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(installed.getStatus().getConditions())
        .anySatisfy(c -> {
          assertThat(c.getType()).isEqualTo("Established");
          assertThat(c.getStatus()).isEqualTo("True");
        });
  }

  @Test
  void theClusterRoleGrantsExactlyWhatTheOperatorNeedsAndLeasesOnlyInItsNamespace() {
    ClusterRole role = client.rbac().clusterRoles().withName("qdrant-vigil").get();
    assertThat(role.getAggregationRule()).isNull();
    Manifests.assertPlain(role.getRules());
    assertThat(Manifests.grants(role.getRules())).containsExactlyInAnyOrderElementsOf(OPERATOR_GRANTS);

    ClusterRoleBinding binding = client.rbac().clusterRoleBindings().withName("qdrant-vigil").get();
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo("qdrant-vigil");
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertServiceAccount(s, CLUSTER_NAMESPACE));

    // Leases: a Role in the operator's own namespace, never cluster-wide.
    List<Role> roles = rendered.stream().filter(Role.class::isInstance).map(Role.class::cast).toList();
    assertThat(roles).singleElement().satisfies(r -> {
      Role leases = client.rbac().roles().inNamespace(CLUSTER_NAMESPACE).withName(r.getMetadata().getName()).get();
      Manifests.assertPlain(leases.getRules());
      assertThat(Manifests.grants(leases.getRules())).containsExactlyInAnyOrderElementsOf(LEASE_GRANTS);
    });
    RoleBinding leaseBinding = client.rbac().roleBindings().inNamespace(CLUSTER_NAMESPACE)
        .withName("qdrant-vigil-leader-election").get();
    assertThat(leaseBinding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(leaseBinding.getRoleRef().getName()).isEqualTo(roles.get(0).getMetadata().getName());
    assertThat(leaseBinding.getSubjects()).singleElement().satisfies(s -> assertServiceAccount(s, CLUSTER_NAMESPACE));
  }

  private static void assertServiceAccount(Subject subject, String namespace) {
    assertThat(subject.getKind()).isEqualTo("ServiceAccount");
    assertThat(subject.getName()).isEqualTo(SERVICE_ACCOUNT);
    assertThat(subject.getNamespace()).isEqualTo(namespace);
  }

  @Test
  void theDeploymentRunsTwoLeaderElectedNonRootReplicasWithProbesAndLimits() {
    Deployment deployment = client.apps().deployments().inNamespace(CLUSTER_NAMESPACE)
        .withName("qdrant-vigil-operator").get();
    assertProductionReady(deployment);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);

    OperatorSettings settings = Manifests.settingsInPod(deployment, "qdrant-vigil-operator-5d9c7-x2x4k");
    assertThat(settings.leaderElection()).as("VIGIL_LEADER_ELECTION").isTrue();
    assertThat(settings.leaseNamespace()).as("the Lease lives where the leases Role grants").isEqualTo(CLUSTER_NAMESPACE);
    assertThat(settings.identity()).as("each replica its own identity").isEqualTo("qdrant-vigil-operator-5d9c7-x2x4k");
    assertThat(settings.watchNamespaces()).as("the cluster install watches every namespace").isEmpty();

    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(Manifests.port(container.getLivenessProbe().getHttpGet().getPort(), container))
        .isEqualTo(settings.httpPort());
    Service service = client.services().inNamespace(CLUSTER_NAMESPACE).withName("qdrant-vigil-metrics").get();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts()).singleElement()
        .satisfies(p -> assertThat(Manifests.port(p.getTargetPort(), container)).isEqualTo(8080));
  }

  /** Probes on 8080, requests within limits, non-root, read-only root filesystem, no escalation. */
  static void assertProductionReady(Deployment deployment) {
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo(SERVICE_ACCOUNT);
    assertThat(pod.getContainers()).hasSize(1);
    Container container = pod.getContainers().get(0);

    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(Manifests.port(container.getLivenessProbe().getHttpGet().getPort(), container)).isEqualTo(8080);
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(Manifests.port(container.getReadinessProbe().getHttpGet().getPort(), container)).isEqualTo(8080);

    Map<String, Quantity> requests = container.getResources().getRequests();
    Map<String, Quantity> limits = container.getResources().getLimits();
    assertThat(requests).containsKeys("cpu", "memory");
    assertThat(limits).containsKeys("cpu", "memory");
    for (String resource : List.of("cpu", "memory")) {
      assertThat(requests.get(resource).getNumericalAmount()).as(resource + " request within its limit")
          .isLessThanOrEqualTo(limits.get(resource).getNumericalAmount());
    }

    PodSecurityContext podSecurity = pod.getSecurityContext();
    SecurityContext security = container.getSecurityContext();
    Boolean nonRoot = security != null && security.getRunAsNonRoot() != null ? security.getRunAsNonRoot()
        : podSecurity == null ? null : podSecurity.getRunAsNonRoot();
    assertThat(nonRoot).as("runAsNonRoot").isTrue();
    Long user = security != null && security.getRunAsUser() != null ? security.getRunAsUser()
        : podSecurity == null ? null : podSecurity.getRunAsUser();
    if (user != null) {
      assertThat(user).as("runAsUser").isNotZero();
    }
    assertThat(security.getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem").isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation").isFalse();
  }

  @Test
  void theOperatorsServiceAccountMayDoWhatItMustAndNothingElse() {
    List<String> wrong = new ArrayList<>();
    check(wrong, "yes", "list", "qdrantclusterwatches.qdrantvigil.io", "--all-namespaces");
    check(wrong, "yes", "watch", "qdrantclusterwatches.qdrantvigil.io", "--all-namespaces");
    check(wrong, "yes", "patch", "qdrantclusterwatches.qdrantvigil.io", "-n", "team-a");
    check(wrong, "yes", "update", "qdrantclusterwatches.qdrantvigil.io/status", "-n", "team-a");
    check(wrong, "yes", "list", "pods", "--all-namespaces");
    check(wrong, "yes", "delete", "pods", "-n", "team-a");
    check(wrong, "yes", "create", "pods", "--subresource=eviction", "-n", "team-a");
    check(wrong, "yes", "patch", "statefulsets.apps", "-n", "team-a");
    check(wrong, "yes", "get", "secrets", "-n", "team-a");
    check(wrong, "yes", "list", "secrets", "-n", "team-a");
    check(wrong, "yes", "watch", "secrets", "--all-namespaces");
    check(wrong, "yes", "create", "events", "-n", "team-a");
    check(wrong, "yes", "patch", "events", "-n", "team-a");
    check(wrong, "yes", "create", "leases.coordination.k8s.io", "-n", CLUSTER_NAMESPACE);
    check(wrong, "yes", "update", "leases.coordination.k8s.io", "-n", CLUSTER_NAMESPACE);
    check(wrong, "yes", "patch", "leases.coordination.k8s.io", "-n", CLUSTER_NAMESPACE);

    check(wrong, "no", "*", "*", "--all-namespaces");
    check(wrong, "no", "create", "qdrantclusterwatches.qdrantvigil.io", "-n", "team-a");
    check(wrong, "no", "delete", "qdrantclusterwatches.qdrantvigil.io", "-n", "team-a");
    check(wrong, "no", "create", "pods", "-n", "team-a");
    check(wrong, "no", "patch", "pods", "-n", "team-a");
    check(wrong, "no", "create", "pods/exec", "-n", "team-a");
    check(wrong, "no", "delete", "statefulsets.apps", "-n", "team-a");
    check(wrong, "no", "update", "statefulsets.apps", "-n", "team-a");
    check(wrong, "no", "create", "deployments.apps", "-n", "team-a");
    check(wrong, "no", "get", "configmaps", "-n", "team-a");
    check(wrong, "no", "list", "nodes");
    check(wrong, "no", "create", "leases.coordination.k8s.io", "-n", "kube-system");
    check(wrong, "no", "update", "leases.coordination.k8s.io", "-n", "team-a");
    check(wrong, "no", "delete", "leases.coordination.k8s.io", "-n", CLUSTER_NAMESPACE);
    check(wrong, "no", "escalate", "clusterroles.rbac.authorization.k8s.io");
    check(wrong, "no", "impersonate", "serviceaccounts", "-n", "team-a");
    assertThat(wrong).as("kubectl auth can-i as " + OPERATOR + " answered otherwise").isEmpty();
  }

  private static void check(List<String> wrong, String expected, String verb, String resource, String... scope) {
    String answer = Manifests.canI(server, OPERATOR, verb, resource, scope);
    if (!answer.equals(expected)) {
      wrong.add(verb + " " + resource + " " + String.join(" ", scope) + ": " + answer);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theMonitoringKustomizationScrapesTheOperatorsServiceWithItsLabelsHonoured() {
    List<HasMetadata> monitoring = Manifests.parse(client,
        Manifests.render(server, Manifests.REPO.resolve("manifests/monitoring")));
    assertThat(kinds(monitoring)).containsExactlyInAnyOrder("ServiceMonitor/qdrant-vigil",
        "PrometheusRule/qdrant-vigil");
    assertThat(monitoring).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(CLUSTER_NAMESPACE));

    Service service = client.services().inNamespace(CLUSTER_NAMESPACE).withName("qdrant-vigil-metrics").get();
    GenericKubernetesResource serviceMonitor = (GenericKubernetesResource) monitoring.stream()
        .filter(o -> o.getKind().equals("ServiceMonitor")).findFirst().orElseThrow();
    Map<String, Object> spec = (Map<String, Object>) serviceMonitor.getAdditionalProperties().get("spec");
    Map<String, String> selected = (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
    assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selected);
    assertThat((List<Map<String, Object>>) spec.get("endpoints")).singleElement().satisfies(endpoint -> {
      assertThat(endpoint.get("port")).isEqualTo(service.getSpec().getPorts().get(0).getName());
      assertThat(endpoint.get("path")).isEqualTo("/metrics");
      assertThat(endpoint.get("honorLabels")).as("the watch's namespace label wins over the target's").isEqualTo(true);
    });
  }

  @Test
  void theNamespacedInstallUsesRolesAndWatchesOnlyTheNamespaceItIsInstalledIn() {
    String namespace = "team-" + Long.toHexString(System.nanoTime());
    String yaml = Manifests.renderNamespaced(server, namespace);
    List<HasMetadata> objects = Manifests.parse(client, yaml);
    assertThat(kinds(objects)).containsExactlyInAnyOrder(
        "ServiceAccount/qdrant-vigil",
        "Role/qdrant-vigil",
        "RoleBinding/qdrant-vigil",
        "Role/qdrant-vigil-leader-election",
        "RoleBinding/qdrant-vigil-leader-election",
        "Service/qdrant-vigil-metrics",
        "Deployment/qdrant-vigil-operator");
    assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(namespace));

    assertThat(server.kubectl().run("create", "namespace", namespace).exitCode()).isZero();
    Manifests.applyServerSide(server, yaml);

    Role role = client.rbac().roles().inNamespace(namespace).withName("qdrant-vigil").get();
    Manifests.assertPlain(role.getRules());
    assertThat(Manifests.grants(role.getRules())).containsExactlyInAnyOrderElementsOf(OPERATOR_GRANTS);
    for (String name : List.of("qdrant-vigil", "qdrant-vigil-leader-election")) {
      RoleBinding binding = client.rbac().roleBindings().inNamespace(namespace).withName(name).get();
      assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
      assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertServiceAccount(s, namespace));
    }
    Role leases = client.rbac().roles().inNamespace(namespace).withName("qdrant-vigil-leader-election").get();
    assertThat(Manifests.grants(leases.getRules())).containsExactlyInAnyOrderElementsOf(LEASE_GRANTS);

    Deployment deployment = client.apps().deployments().inNamespace(namespace).withName("qdrant-vigil-operator").get();
    assertProductionReady(deployment);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anySatisfy(e -> {
          assertThat(e.getName()).isEqualTo("WATCH_NAMESPACES");
          assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        });
    OperatorSettings settings = Manifests.settingsInPod(deployment, "qdrant-vigil-operator-7f6b9-abcde");
    assertThat(settings.watchNamespaces()).containsExactly(namespace);
    assertThat(settings.leaderElection()).isTrue();
    assertThat(settings.leaseNamespace()).isEqualTo(namespace);

    String operator = Manifests.serviceAccount(namespace);
    assertThat(Manifests.canI(server, operator, "list", "pods", "-n", namespace)).isEqualTo("yes");
    assertThat(Manifests.canI(server, operator, "patch", "qdrantclusterwatches.qdrantvigil.io/status", "-n",
        namespace)).isEqualTo("yes");
    assertThat(Manifests.canI(server, operator, "update", "leases.coordination.k8s.io", "-n", namespace))
        .isEqualTo("yes");
    assertThat(Manifests.canI(server, operator, "create", "pods", "--subresource=eviction", "-n", namespace))
        .isEqualTo("yes");
    assertThat(Manifests.canI(server, operator, "list", "pods", "-n", "default")).isEqualTo("no");
    assertThat(Manifests.canI(server, operator, "create", "pods", "--subresource=eviction", "-n", "default"))
        .isEqualTo("no");
    assertThat(Manifests.canI(server, operator, "list", "qdrantclusterwatches.qdrantvigil.io", "--all-namespaces"))
        .isEqualTo("no");
    assertThat(Manifests.canI(server, operator, "get", "secrets", "-n", CLUSTER_NAMESPACE)).isEqualTo("no");
  }
}
