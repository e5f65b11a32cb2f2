package io.qdrantvigil.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real apiserver starts from the tools dir and serves fabric8 and kubectl alike. */
class KubeApiServerTest {

    @TempDir
    static Path workDir;

    static KubeApiServer server;
    static KubernetesClient client;

    @BeforeAll
    static void startApiServer() {
        server = KubeApiServer.start(workDir);
        client = server.newClient();
    }

    @AfterAll
    static void stopApiServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
            assertThat(server.isRunning()).as("etcd and kube-apiserver stopped").isFalse();
        }
    }

    @Test
    void fabric8CreatesANamespaceAndAConfigMap() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("fabric8").endMetadata().build())
                .create();
        client.configMaps().inNamespace("fabric8").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("settings").endMetadata()
                .withData(Map.of("mode", "sandbox"))
                .build()).create();

        ConfigMap read = client.configMaps().inNamespace("fabric8").withName("settings").get();

        assertThat(read.getData()).containsEntry("mode", "sandbox");
        assertThat(read.getMetadata().getUid()).isNotBlank();
    }

    @Test
    void reportsTheBuiltVersion() {
        assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.20.2");
    }

    @Test
    void kubeconfigWorksForKubectlAsAnAdmin() {
        assertThat(Files.isRegularFile(server.kubeconfigPath())).isTrue();

        Kubectl.Result namespaces = server.kubectl().run("get", "namespace", "default", "-o", "name");
        Kubectl.Result canDoAnything = server.kubectl().run("auth", "can-i", "*", "*", "--all-namespaces");

        assertThat(namespaces.stdout()).as(namespaces.toString()).isEqualTo("namespace/default\n");
        assertThat(canDoAnything.stdout()).as(canDoAnything.toString()).isEqualTo("yes\n");
    }

    @Test
    void anUnknownTokenIsRejected() {
        Kubectl.Result result = server.kubectl().run("get", "namespaces", "--token=not-a-known-token");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("Unauthorized");
    }

    @Test
    void logsGoToTheWorkDirNotTheConsole() {
        assertThat(workDir.resolve("kube-apiserver.log")).isNotEmptyFile();
        assertThat(workDir.resolve("etcd.log")).isNotEmptyFile();
    }
}
