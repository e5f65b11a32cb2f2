package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.qdrantvigil.operator.OperatorSettings;
import io.qdrantvigil.operator.VigilOperator;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes refuses the removal of an action annotation: the operator runs as a user whose Role
 * grants everything it needs except {@code patch} on the watch, so the real apiserver forbids the
 * JSON Patch that takes a request. The request is Refused once with Kubernetes' message, not run,
 * and not tried again at the polls that follow (no Running/Failed pair per poll).
 */
class ActionsTakeForbiddenOnRealApiServerTest extends ActionsOnRealApiServerTest {

  private static final String USER = "vigil-without-patch";
  private KubernetesClient asOperator;

  @Override
  boolean startsOperator() {
    return false;
  }

  @AfterEach
  void stopThisTestsOperator() {
    if (operator != null) {
      operator.close();
      operator = null;
    }
    if (asOperator != null) {
      asOperator.close();
    }
  }

  private void grantAllButPatchOnTheWatch(String namespace) {
    client.rbac().roles().inNamespace(namespace).resource(new RoleBuilder().withNewMetadata()
        .withName("vigil-without-patch").endMetadata()
        .withRules(
            rule("qdrantvigil.io", "qdrantclusterwatches", "get", "list", "watch"),
            rule("qdrantvigil.io", "qdrantclusterwatches/status", "get", "patch", "update"),
            rule("", "pods", "get", "list", "watch", "delete"),
            rule("", "pods/eviction", "create"),
            rule("apps", "statefulsets", "get", "list", "watch", "patch"),
            rule("", "secrets", "get", "list", "watch"),
            rule("", "events", "create", "patch"))
        .build()).create();
    client.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder().withNewMetadata()
        .withName("vigil-without-patch").endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("vigil-without-patch")
        .endRoleRef()
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(USER).endSubject()
        .build()).create();
  }

  private static io.fabric8.kubernetes.api.model.rbac.PolicyRule rule(String group, String resource, String... verbs) {
    return new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verbs).build();
  }

  @Test
  void aRemovalRbacForbidsIsRefusedOnceAndNeverRunsNorLoops() throws Exception {
    sandbox = new SandboxCase(client, ClusterOptions.defaults());
    grantAllButPatchOnTheWatch(sandbox.namespace);
    sandbox.createWatch(WATCH, SandboxCase.spec("5s", "2s"));
    asOperator = new KubernetesClientBuilder().withConfig(new ConfigBuilder(server.fabric8Config())
        .withImpersonateUsername(USER).build()).build();
    operator = new VigilOperator(asOperator,
        new OperatorSettings(0, Set.of(sandbox.namespace), null, false, sandbox.namespace, "without-patch", false));
    awaitStatus(s -> QdrantClusterWatchStatus.HEALTHY.equals(s.clusterStatus()));
    String uid = uid("qdrant-1");

    annotate("delete-pod=qdrant-1");

    ActionRecord refused = awaitRecord("delete-pod", "qdrant-1");
    assertThat(refused.outcome()).isEqualTo("Refused");
    assertThat(refused.message()).startsWith("could not take the request (remove its annotation), so it was not run"
        + " and this value is not tried again until the annotation changes: ").contains("forbidden").contains(USER);
    // Two polls and more (interval 5 s) pass without another record or Event of this request.
    await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(30)).until(() -> {
      List<ActionRecord> all = records("delete-pod");
      return all.size() == 1 && "Refused".equals(all.get(0).outcome())
          && actionEvents("ActionRefused", "delete-pod 'qdrant-1'").size() == 1
          && events().stream().noneMatch(e -> "ActionFailed".equals(e.getReason()));
    });
    assertThat(uid("qdrant-1")).as("the request never ran").isEqualTo(uid);
    assertThat(actionAnnotationKeys()).containsExactly(PREFIX + "delete-pod");
  }
}
