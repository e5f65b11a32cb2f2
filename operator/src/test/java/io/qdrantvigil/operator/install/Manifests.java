package io.qdrantvigil.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.kube.Kubectl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Renders the repository's kustomizations as a user would, applies them, reads back what they grant. */
final class Manifests {

  /** The repository root: surefire runs in the operator module's directory. */
  static final Path REPO = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
  static final String CLUSTER_NAMESPACE = "qdrant-vigil";
  static final String SERVICE_ACCOUNT = "qdrant-vigil";

  /** What the operator needs, as "group/resource:verb" (core group empty). The list, nothing more. */
  static final Set<String> OPERATOR_GRANTS = Set.of(
      "qdrantvigil.io/qdrantclusterwatches:get", "qdrantvigil.io/qdrantclusterwatches:list",
      "qdrantvigil.io/qdrantclusterwatches:watch", "qdrantvigil.io/qdrantclusterwatches:patch",
      "qdrantvigil.io/qdrantclusterwatches:update",
      "qdrantvigil.io/qdrantclusterwatches/status:get", "qdrantvigil.io/qdrantclusterwatches/status:patch",
      "qdrantvigil.io/qdrantclusterwatches/status:update",
      "/pods:get", "/pods:list", "/pods:watch", "/pods:delete", "/pods/eviction:create",
      "apps/statefulsets:get", "apps/statefulsets:list", "apps/statefulsets:watch", "apps/statefulsets:patch",
      "/secrets:get", "/secrets:list", "/secrets:watch",
      "/events:create", "/events:patch");
  /** JOSDK checks create/get/update; fabric8's LeaseLock renews and takes over with a merge PATCH. */
  static final Set<String> LEASE_GRANTS = Set.of("coordination.k8s.io/leases:create",
      "coordination.k8s.io/leases:get", "coordination.k8s.io/leases:update", "coordination.k8s.io/leases:patch");

  private Manifests() {}

  /** {@code kubectl kustomize DIR} with the current kubectl (kustomize built in). */
  static String render(KubeApiServer server, Path dir) {
    Kubectl.Result rendered = server.kubectlCurrent().run("kustomize", dir.toString());
    assertThat(rendered.exitCode()).as(rendered.toString()).isZero();
    return rendered.stdout();
  }

  /**
   * The namespaced install as its README step 1 has a user do it: their own kustomization that sets
   * {@code namespace:} over {@code manifests/namespaced}.
   */
  static String renderNamespaced(KubeApiServer server, String namespace) {
    try {
      Path overlay = Files.createTempDirectory("vigil-namespaced-overlay");
      String base = overlay.relativize(REPO.resolve("manifests/namespaced")).toString();
      Files.writeString(overlay.resolve("kustomization.yaml"), """
          apiVersion: kustomize.config.k8s.io/v1beta1
          kind: Kustomization
          namespace: %s
          resources:
            - %s
          """.formatted(namespace, base));
      return render(server, overlay);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<HasMetadata> parse(KubernetesClient client, String yaml) {
    return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
  }

  /**
   * {@code kubectl apply --server-side -f -}, so the apiserver validates every object. Forcing
   * conflicts takes over the CRD's fields, which the test harness applied first as another manager.
   */
  static void applyServerSide(KubeApiServer server, String yaml) {
    Kubectl.Result applied = server.kubectl().runWithInput(yaml, "apply", "--server-side", "--force-conflicts",
        "-f", "-");
    assertThat(applied.exitCode()).as(applied.toString()).isZero();
  }

  /** Every resource/verb pair the rules grant, as "group/resource:verb". */
  static Set<String> grants(List<PolicyRule> rules) {
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

  /** A rule that names resources, non-resource URLs or a wildcard grants more than its verbs say. */
  static void assertPlain(List<PolicyRule> rules) {
    assertThat(rules).allSatisfy(rule -> {
      assertThat(rule.getResourceNames()).as("resourceNames").isNullOrEmpty();
      assertThat(rule.getNonResourceURLs()).as("nonResourceURLs").isNullOrEmpty();
      assertThat(rule.getApiGroups()).doesNotContain("*");
      assertThat(rule.getResources()).doesNotContain("*");
      assertThat(rule.getVerbs()).doesNotContain("*");
    });
  }

  /** The port a probe or a Service names, resolved against the container's named ports. */
  static int port(IntOrString port, Container container) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal())).getContainerPort();
  }

  /**
   * The settings the operator would read in a pod of this Deployment: the env as written, the
   * downward API's fields resolved as the kubelet would, HOSTNAME the pod's name.
   */
  static OperatorSettings settingsInPod(Deployment deployment, String podName) {
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, String> env = new HashMap<>();
    env.put("HOSTNAME", podName);
    for (EnvVar var : container.getEnv()) {
      if (var.getValue() != null) {
        env.put(var.getName(), var.getValue());
      } else if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null) {
        String field = var.getValueFrom().getFieldRef().getFieldPath();
        switch (field) {
          case "metadata.namespace" -> env.put(var.getName(), deployment.getMetadata().getNamespace());
          case "metadata.name" -> env.put(var.getName(), podName);
          default -> throw new AssertionError("unexpected downward API field " + field);
        }
      } else {
        throw new AssertionError("env " + var.getName() + " comes from somewhere this check does not know");
      }
    }
    return OperatorSettings.fromEnvironment(env);
  }

  /** {@code kubectl auth can-i VERB RESOURCE ARGS... --as=SUBJECT}: "yes" or "no". */
  static String canI(KubeApiServer server, String subject, String verb, String resource, String... scope) {
    String[] args = new String[4 + scope.length + 1];
    args[0] = "auth";
    args[1] = "can-i";
    args[2] = verb;
    args[3] = resource;
    System.arraycopy(scope, 0, args, 4, scope.length);
    args[args.length - 1] = "--as=" + subject;
    Kubectl.Result result = server.kubectl().run(args);
    String answer = result.stdout().trim();
    assertThat(answer).as(String.join(" ", args) + ": " + result).isIn("yes", "no");
    return answer;
  }

  static String serviceAccount(String namespace) {
    return "system:serviceaccount:" + namespace + ":" + SERVICE_ACCOUNT;
  }
}
