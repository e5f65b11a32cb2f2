package io.qdrantvigil.operator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qdrantvigil.operator.e2e.RealApiServer;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make image}'s archive runs: built by image/build-image.sh from the packaged jar (hence an
 * integration test, after {@code package}), unpacked layer by layer, and started from its own root
 * filesystem (new mount and pid namespaces, /proc mounted, the image's user, working directory,
 * environment and entrypoint) the way the Deployment runs it, against the sandbox's real
 * apiserver, until the first status of a watch is written.
 */
class ImageRunsIT {

  private static final Duration START = Duration.ofSeconds(120);
  private static final Path JAR = Manifests.REPO.resolve("operator/target/qdrant-vigil-operator.jar");

  private static Deployment deployment() throws Exception {
    try (InputStream yaml = Files.newInputStream(Manifests.REPO.resolve("manifests/operator/deployment.yaml"))) {
      return Serialization.unmarshal(yaml, Deployment.class);
    }
  }

  @Test
  void theImageTheDeploymentNamesRunsTheOperatorFromItsOwnFilesystem(@TempDir Path dir) throws Exception {
    Deployment deployment = deployment();
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
    Path archive = dir.resolve("image.tar");
    OciImage.run(Manifests.REPO.resolve("image/build-image.sh").toString(), JAR.toString(), archive.toString(),
        container.getImage());

    OciImage image = OciImage.unpack(archive, dir);
    assertThat(image.imageName()).isEqualTo(container.getImage());
    assertThat(image.refName()).isEqualTo(container.getImage().substring(container.getImage().indexOf(':') + 1));
    assertThat(image.entrypoint()).as("what the Deployment's command runs").isEqualTo(container.getCommand());
    assertThat(image.user()).isEqualTo(pod.getRunAsUser() + ":" + pod.getRunAsGroup()).doesNotStartWith("0");
    assertThat(image.workingDir()).isEqualTo("/app");
    assertThat(image.rootfs().resolve("app/qdrant-vigil-operator.jar")).isRegularFile();

    KubeApiServer server = RealApiServer.shared();
    try (KubernetesClient client = server.newClient();
        SandboxNamespace sandbox = SandboxNamespace.withQdrant(client, "image")) {
      sandbox.createWatch("prod", "5s");
      String leaseNamespace = "image-lease-" + UUID.randomUUID().toString().substring(0, 8);
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(leaseNamespace).endMetadata()
          .build()).create();
      Path kubeconfig = image.rootfs().resolve("tmp/kubeconfig");
      Files.copy(server.kubeconfigPath(), kubeconfig);
      Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-r--r--"));
      Files.createDirectories(image.rootfs().resolve("proc"));

      String[] user = image.user().split(":");
      List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child=SIGTERM",
          "--mount-proc=/proc", "--root=" + image.rootfs(), "--wd=" + image.workingDir(), "--setuid", user[0],
          "--setgid", user[1]));
      command.addAll(image.entrypoint());
      Path log = dir.resolve("operator.log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.clear();
      image.env().forEach(variable -> env.put(variable.substring(0, variable.indexOf('=')),
          variable.substring(variable.indexOf('=') + 1)));
      for (EnvVar variable : container.getEnv()) {
        if (variable.getValue() != null) {
          env.put(variable.getName(), variable.getValue());
        }
      }
      env.put("POD_NAMESPACE", leaseNamespace);
      env.put("POD_NAME", "image-test");
      env.put("KUBECONFIG", "/tmp/kubeconfig");
      env.put("VIGIL_HTTP_PORT", String.valueOf(freePort()));
      env.put("WATCH_NAMESPACES", sandbox.namespace);
      Process operator = builder.start();
      try {
        await().atMost(START).until(() -> {
          assertThat(operator.isAlive()).as("the operator runs; its log: %s", Files.readString(log)).isTrue();
          return sandbox.clusterStatus("prod") != null;
        });
        assertThat(sandbox.clusterStatus("prod")).isEqualTo("Healthy");
        assertThat(Files.readString(log)).doesNotContain("Exception in thread \"main\"");
      } finally {
        // unshare ignores SIGTERM while it waits for its child; killed, it has the kernel send the
        // operator SIGTERM (--kill-child), as a kubelet would.
        operator.destroyForcibly();
        operator.waitFor();
        client.namespaces().withName(leaseNamespace).delete();
      }
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
