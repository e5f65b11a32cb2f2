package io.qdrantvigil.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.qdrantvigil.operator.api.ActionRecord;
import io.qdrantvigil.sandbox.kube.Kubectl;
import io.qdrantvigil.sandbox.qdrant.ClusterOptions;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The user changes or removes an action annotation after the operator read it but before it took
 * it. The operator takes a request with a JSON Patch that first {@code test}s the value it read;
 * here the real apiserver's JSON Patch rejects the stale value, so the old value never runs and a new
 * one is a new request.
 *
 * <p>The window is a few milliseconds wide; to hit it every time, the operator's Kubernetes client
 * carries an interceptor that, just before the operator's JSON Patch leaves, runs the user's real
 * kubectl command (once per arming). Everything else is the real apiserver.
 */
class ActionsTakeConflictOnRealApiServerTest extends ActionsOnRealApiServerTest {

  private static final String SUPERSEDED = "the annotation was changed or removed before the operator took it; "
      + "this value was not run (a new value is a new request)";
  /** The user's kubectl arguments to run just before the operator's next take; null when disarmed. */
  private final AtomicReference<String[]> userInBetween = new AtomicReference<>();
  private final AtomicReference<Kubectl.Result> userResult = new AtomicReference<>();
  /** The bodies of the operator's PATCHes of the watch, for a failure message. */
  private final StringBuffer patchesSeen = new StringBuffer();

  @Override
  KubernetesClient operatorClient() {
    return new KubernetesClientBuilder().withConfig(server.fabric8Config())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("user-in-between", new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if (isTake(request)) {
              String[] args = userInBetween.getAndSet(null);
              if (args != null) {
                userResult.set(server.kubectl().run(args));
              }
            }
          }
        }))
        .build();
  }

  /** The operator's JSON Patch of the watch that tests and removes an annotation. */
  private boolean isTake(HttpRequest request) {
    if (!"PATCH".equals(request.method()) || !request.uri().getPath().endsWith("/qdrantclusterwatches/" + WATCH)) {
      return false;
    }
    String body = request.bodyString();
    patchesSeen.append(body).append('\n');
    return body != null && body.contains("\"op\":\"test\"");
  }

  @AfterEach
  void disarm() {
    userInBetween.set(null);
    userResult.set(null);
    patchesSeen.setLength(0);
  }

  private void armUserCommand(String... args) {
    String[] withNamespace = new String[args.length + 2];
    System.arraycopy(args, 0, withNamespace, 0, args.length);
    withNamespace[args.length] = "-n";
    withNamespace[args.length + 1] = sandbox.namespace;
    userInBetween.set(withNamespace);
  }

  private void assertUserCommandRan() {
    assertThat(userInBetween.get()).as("the interceptor fired; PATCHes seen:\n%s", patchesSeen).isNull();
    assertThat(userResult.get()).isNotNull();
    assertThat(userResult.get().exitCode()).as(userResult.get().toString()).isZero();
  }

  @Test
  void aValueChangedBeforeTheTakeIsNotRunAndTheNewValueIsANewRequest() {
    healthySandbox(ClusterOptions.defaults());
    String uid1 = uid("qdrant-1");
    String uid2 = uid("qdrant-2");
    armUserCommand("annotate", "qcw", WATCH, "--overwrite", PREFIX + "delete-pod=qdrant-2;force");

    annotate("delete-pod=qdrant-1;force");

    ActionRecord superseded = awaitRecord("delete-pod", "qdrant-1;force");
    assertUserCommandRan();
    assertThat(superseded.outcome()).isEqualTo("Refused");
    assertThat(superseded.message()).isEqualTo(SUPERSEDED);
    ActionRecord replacement = awaitRecord("delete-pod", "qdrant-2;force");
    assertThat(replacement.outcome()).isEqualTo("Succeeded");
    awaitReplaced("qdrant-2", uid2);
    assertThat(uid("qdrant-1")).as("the superseded value never ran").isEqualTo(uid1);
    assertThat(records("delete-pod")).extracting(ActionRecord::request)
        .containsExactly("qdrant-2;force", "qdrant-1;force");
    awaitEvent("Warning", "ActionRefused", "delete-pod 'qdrant-1;force': Refused: the annotation was changed");
    assertNoActionAnnotationLeft();
  }

  @Test
  void aRequestRemovedBeforeTheTakeIsNotRun() {
    healthySandbox(ClusterOptions.defaults());
    String uid1 = uid("qdrant-1");
    armUserCommand("annotate", "qcw", WATCH, PREFIX + "delete-pod-");

    annotate("delete-pod=qdrant-1;force");

    ActionRecord withdrawn = awaitRecord("delete-pod", "qdrant-1;force");
    assertUserCommandRan();
    assertThat(withdrawn.outcome()).isEqualTo("Refused");
    assertThat(withdrawn.message()).isEqualTo(SUPERSEDED);
    awaitAnotherIntake();
    assertThat(uid("qdrant-1")).isEqualTo(uid1);
    assertThat(records("delete-pod")).hasSize(1);
    assertNoActionAnnotationLeft();
  }
}
