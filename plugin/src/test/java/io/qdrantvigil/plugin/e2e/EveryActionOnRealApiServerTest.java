package io.qdrantvigil.plugin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdrantvigil.plugin.e2e.OperatorStandIn.Step;
import io.qdrantvigil.plugin.e2e.OperatorStandIn.Taken;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every action subcommand of the contract on the real apiserver: the annotation written as the
 * user (a merge patch, an Update by field manager kubectl-vigil, never an Apply), the outcome
 * followed in status.actions, and the exit code for each outcome. The operator's side is played by
 * {@link OperatorStandIn}; the real operator's answers are in {@link PluginWithOperatorOnRealApiServerTest}.
 */
class EveryActionOnRealApiServerTest {

  private static final UnaryOperator<String> AS_WRITTEN = UnaryOperator.identity();
  private static KubeApiServer server;
  private static KubernetesClient client;
  private static String namespace;
  private static OperatorStandIn operator;

  @BeforeAll
  static void start() {
    server = SandboxApiServer.shared();
    client = server.newClient();
    namespace = SandboxApiServer.newNamespace(client, "actions");
    SandboxApiServer.createWatch(client, namespace, "sim", "30s", "5s");
    operator = new OperatorStandIn(client, namespace);
  }

  @AfterAll
  static void stop() {
    operator.close();
    client.close();
  }

  static Stream<Arguments> actions() {
    Step ok = new Step("Succeeded", null);
    return Stream.of(
        Arguments.of(List.of("remove-peer", "sim", "8672995594195906"), "8672995594195906", AS_WRITTEN,
            List.of(ok), 0),
        Arguments.of(List.of("delete-pod", "sim", "qdrant-0"), "qdrant-0", AS_WRITTEN,
            List.of(new Step("Refused", "quorum: 1 of 3 voters would remain reachable")), 1),
        Arguments.of(List.of("restart", "sim", "qdrant;safe"), "qdrant;safe", AS_WRITTEN,
            List.of(new Step("Running", "0/3 pods restarted"), new Step("Running", "1/3 pods restarted"),
                new Step("Cancelled", "cancelled after 1/3 pods restarted")), 1),
        Arguments.of(List.of("scale", "sim", "qdrant=2;drain"), "qdrant=2;drain", AS_WRITTEN,
            List.of(new Step("Failed", "Cannot remove peer 5 as there are shards on it")), 1),
        Arguments.of(List.of("recover", "sim", "qdrant-0;collection=products;url=https://me:s3cret@s3.example/p.snapshot"),
            "qdrant-0;collection=products;url=https://me:s3cret@s3.example/p.snapshot",
            (UnaryOperator<String>) v -> v.replace("me:s3cret", "***"),
            List.of(new Step("Running", "downloading"), ok), 0),
        Arguments.of(List.of("move-shard", "sim", "products/2;from=qdrant-0;to=qdrant-1"),
            "products/2;from=qdrant-0;to=qdrant-1", AS_WRITTEN,
            List.of(new Step("Running", "Transferring records (10/40)"), ok), 0),
        Arguments.of(List.of("replicate-shard", "sim", "products/2;from=qdrant-0;to=qdrant-2", "--dry-run"),
            "products/2;from=qdrant-0;to=qdrant-2;dry-run", AS_WRITTEN,
            List.of(new Step("DryRun", "would replicate products/2 from qdrant-0 to qdrant-2")), 0),
        Arguments.of(List.of("abort-transfer", "sim", "products/2;from=qdrant-0;to=qdrant-1"),
            "products/2;from=qdrant-0;to=qdrant-1", AS_WRITTEN,
            List.of(new Step("Interrupted", "the operator stopped before this request finished")), 1),
        Arguments.of(List.of("drop-replica", "sim", "products/2;peer=qdrant-1", "--force"),
            "products/2;peer=qdrant-1;force", AS_WRITTEN, List.of(ok), 0),
        Arguments.of(List.of("cancel", "sim", "restart"), "restart", AS_WRITTEN, List.of(ok), 0),
        Arguments.of(List.of("poll", "sim", "--wait=30s"), null, AS_WRITTEN, List.of(ok), 0));
  }

  @ParameterizedTest(name = "{0} -> exit {4}")
  @MethodSource("actions")
  void actionWritesItsAnnotationAndExitsByTheOutcome(List<String> args, String value,
      UnaryOperator<String> recordedAs, List<Step> steps, int exit) throws InterruptedException {
    operator.answerWith(recordedAs, steps.toArray(Step[]::new));
    String action = args.get(0);

    PluginRun run = PluginRun.run(server, Stream.concat(args.stream(), Stream.of("-n", namespace))
        .toArray(String[]::new));

    assertThat(run.exit()).as(run.toString()).isEqualTo(exit);
    Taken taken = operator.taken().poll(10, TimeUnit.SECONDS);
    assertThat(taken).isNotNull();
    assertThat(taken.annotation()).isEqualTo("qdrantvigil.io/" + action);
    if (value != null) {
      assertThat(taken.value()).isEqualTo(value);
    }
    assertThat(taken.managers()).anySatisfy(m -> {
      assertThat(m.getManager()).isEqualTo("kubectl-vigil");
      assertThat(m.getOperation()).isEqualTo("Update");
    });
    Step last = steps.get(steps.size() - 1);
    assertThat(run.out()).contains(": " + last.outcome());
    steps.stream().filter(s -> s.outcome().equals("Running"))
        .forEach(s -> assertThat(run.out()).contains("Running (" + s.message() + ")"));
  }
}
