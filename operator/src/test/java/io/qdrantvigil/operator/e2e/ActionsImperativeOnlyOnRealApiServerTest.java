package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.operator.api.QdrantClusterWatchStatus;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Actions are requests, not desired state: an action annotation that arrives with {@code kubectl
 * apply} (client-side: it is in {@code last-applied-configuration}) is refused once, left in place
 * and never run, however often the manifest is applied again. A {@code kubectl annotate} on the same
 * watch still runs.
 */
class ActionsImperativeOnlyOnRealApiServerTest extends ActionsOnRealApiServerTest {

  private static final String IMPERATIVE_ONLY = "actions are imperative: use kubectl annotate, not apply/GitOps; "
      + "the annotation is left in place and will not run";

  private static String manifest(String interval) {
    return """
        apiVersion: qdrantvigil.io/v1alpha1
        kind: QdrantClusterWatch
        metadata:
          name: prod
          annotations:
            qdrantvigil.io/delete-pod: qdrant-1
        spec:
          interval: %s
          timeout: 2s
        """.formatted(interval);
  }

  private String apply(List<String> applyArgs, String manifest) {
    List<String> args = new ArrayList<>(applyArgs);
    args.addAll(List.of("-f", "-"));
    return kubectlWithInput(manifest, args.toArray(String[]::new)).stdout();
  }

  private String appliedAnnotation() {
    return kubectl("get", "qcw", WATCH, "-o", "jsonpath={.metadata.annotations.qdrantvigil\\.io/delete-pod}").stdout();
  }

  private void assertRefusedOnceAndLeftInPlace(String podUid) {
    assertThat(records("delete-pod")).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo("Refused");
      assertThat(r.request()).isEqualTo("qdrant-1");
      assertThat(r.message()).isEqualTo(IMPERATIVE_ONLY);
    });
    assertThat(actionEvents("ActionRefused", "delete-pod 'qdrant-1'")).hasSize(1);
    assertThat(appliedAnnotation()).isEqualTo("qdrant-1");
    assertThat(uid("qdrant-1")).isEqualTo(podUid);
  }

  /** The whole story for one way of applying: created, applied unchanged, applied changed, then annotated. */
  private void appliedAnnotationIsRefusedOnceAndNeverRuns(List<String> applyArgs) {
    sandbox = new SandboxCase(client, ClusterOptions.defaults());
    String uid = uid("qdrant-1");

    assertThat(apply(applyArgs, manifest("5s"))).containsAnyOf("created", "serverside-applied");

    ActionRecord record = awaitRecord("delete-pod", "qdrant-1");
    assertThat(record.outcome()).isEqualTo("Refused");
    assertThat(record.message()).isEqualTo(IMPERATIVE_ONLY);
    awaitEvent("Warning", "ActionRefused", "delete-pod 'qdrant-1': Refused: actions are imperative");
    awaitStatus(s -> QdrantClusterWatchStatus.HEALTHY.equals(s.clusterStatus()));
    assertRefusedOnceAndLeftInPlace(uid);

    // Applied again as it is (a GitOps sync loop), then with a spec change that starts a reconcile.
    apply(applyArgs, manifest("5s"));
    assertThat(apply(applyArgs, manifest("6s"))).containsAnyOf("configured", "serverside-applied");
    awaitStatus(s -> Long.valueOf(2).equals(s.observedGeneration()));

    // An imperative request on the same watch runs; the intake takes annotations in key order, so the
    // applied delete-pod was looked at again before this poll was answered.
    annotate("poll=now");
    assertThat(awaitRecord("poll", "now").outcome()).isEqualTo("Succeeded");
    assertRefusedOnceAndLeftInPlace(uid);
    assertThat(actionAnnotationKeys()).containsExactly("qdrantvigil.io/delete-pod");
  }

  @Test
  void clientSideApplyIsRefusedOnceAndLeftInPlace() {
    appliedAnnotationIsRefusedOnceAndNeverRuns(List.of("apply"));
    assertThat(sandbox.watch(WATCH).getMetadata().getAnnotations())
        .containsKey("kubectl.kubernetes.io/last-applied-configuration");
  }

  @Test
  void aRequestAnnotatedOnAnAppliedWatchRuns() {
    sandbox = new SandboxCase(client, ClusterOptions.defaults());
    String manifest = manifest("5s").replace("  annotations:\n    qdrantvigil.io/delete-pod: qdrant-1\n", "");
    assertThat(manifest).doesNotContain("delete-pod");
    kubectlWithInput(manifest, "apply", "-f", "-");
    awaitStatus(s -> QdrantClusterWatchStatus.HEALTHY.equals(s.clusterStatus()));
    String uid = uid("qdrant-1");

    annotate("delete-pod=qdrant-1;force");

    assertThat(awaitRecord("delete-pod", "qdrant-1;force").outcome()).isEqualTo("Succeeded");
    awaitReplaced("qdrant-1", uid);
    assertNoActionAnnotationLeft();
    // Applying the manifest again neither brings the request back nor fails on its removal.
    kubectlWithInput(manifest, "apply", "-f", "-");
    assertThat(actionAnnotationKeys()).isEmpty();
    assertThat(records("delete-pod")).hasSize(1);
  }
}
