package io.qdrantvigil.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the mock server cannot do, on the real apiserver with the real kubectl: a CRD and its custom resources. */
class KubectlAgainstApiServerTest {

    private static final String NAMESPACE = "kubectl";
    private static final String API_VERSION = "test.vigil.io/v1";
    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.test.vigil.io
            spec:
              group: test.vigil.io
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget}
              versions:
              - name: v1
                served: true
                storage: true
                subresources: {status: {}}
                additionalPrinterColumns:
                - {name: Size, type: integer, jsonPath: .spec.size}
                - {name: Phase, type: string, jsonPath: .status.phase}
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          size: {type: integer, minimum: 1}
                      status:
                        type: object
                        properties:
                          phase: {type: string}
                          conditions:
                            type: array
                            items:
                              type: object
                              properties:
                                type: {type: string}
                                status: {type: string}
            """;

    static KubeApiServer server;
    static KubernetesClient client;
    static Kubectl kubectl;

    @BeforeAll
    static void installTheWidgetCrd() {
        server = SharedKubeApiServer.get();
        client = SharedKubeApiServer.client();
        kubectl = server.kubectl();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .create();
        CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(CRD, CustomResourceDefinition.class);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        client.apiextensions().v1().customResourceDefinitions().withName("widgets.test.vigil.io").waitUntilCondition(
                c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                        && c.getStatus().getConditions().stream()
                        .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())),
                30, TimeUnit.SECONDS);
    }

    @Test
    void creatingACustomResourceDoesNotCrashTheApiServer() {
        createWidget("first", 1);

        assertThat(server.isRunning()).as("kube-apiserver survived the create (see its log)").isTrue();
        assertThat(widget("first").get().getAdditionalProperties()).containsEntry("spec", Map.of("size", 1));
    }

    @Test
    void getShowsTheServerSidePrinterColumns() {
        createWidget("printed", 3);
        Kubectl.Result statusPatch = server.kubectlCurrent().run("patch", "widget", "printed", "-n", NAMESPACE,
                "--subresource=status", "--type=merge", "-p", "{\"status\":{\"phase\":\"Serving\"}}");
        assertThat(statusPatch.succeeded()).as(statusPatch.toString()).isTrue();

        Kubectl.Result get = kubectl.run("get", "widgets", "printed", "-n", NAMESPACE);

        assertThat(get.succeeded()).as(get.toString()).isTrue();
        List<String> lines = get.stdout().lines().toList();
        assertThat(lines.get(0).split("\\s+")).containsExactly("NAME", "SIZE", "PHASE");
        assertThat(lines.get(1).split("\\s+")).startsWith("printed", "3", "Serving");
    }

    @Test
    void serverSideApplyOwnsFieldsAndReportsConflicts() {
        Kubectl.Result first = kubectl.runWithInput(widgetYaml("applied", 2), "apply", "--server-side", "-f", "-");
        Kubectl.Result second = kubectl.runWithInput(widgetYaml("applied", 5), "apply", "--server-side", "-f", "-");
        Kubectl.Result other = kubectl.runWithInput(widgetYaml("applied", 9),
                "apply", "--server-side", "--field-manager=someone-else", "-f", "-");

        assertThat(first.succeeded()).as(first.toString()).isTrue();
        assertThat(second.succeeded()).as(second.toString()).isTrue();
        assertThat(other.exitCode()).as(other.toString()).isNotZero();
        assertThat(other.stderr()).contains("conflict").contains(".spec.size");
        GenericKubernetesResource applied = widget("applied").get();
        assertThat(applied.getAdditionalProperties()).containsEntry("spec", Map.of("size", 5));
        assertThat(applied.getMetadata().getManagedFields())
                .anySatisfy(f -> {
                    assertThat(f.getManager()).isEqualTo("kubectl");
                    assertThat(f.getOperation()).isEqualTo("Apply");
                });
    }

    @Test
    void schemaValidationRejectsAnInvalidSpec() {
        Kubectl.Result result = kubectl.runWithInput(widgetYaml("invalid", 0), "apply", "-f", "-");

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).contains("spec.size").contains("should be greater than or equal to 1");
    }

    @Test
    void getWatchStreamsAChange() {
        createWidget("watched", 1);
        try (KubectlStream watch = kubectl.start("get", "widgets", "-n", NAMESPACE, "-w")) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(watch.lines()).anyMatch(line -> line.startsWith("watched ")));

            widget("watched").edit(w -> {
                w.getAdditionalProperties().put("spec", Map.of("size", 7));
                return w;
            });

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(watch.lines())
                    .as("stderr: %s", watch.errorLines())
                    .anyMatch(line -> line.matches("watched\\s+7\\s.*")));
        }
    }

    @Test
    void waitSeesAConditionSetThroughTheStatusSubresource() {
        createWidget("awaited", 1);
        Kubectl.Result notYet = kubectl.run("wait", "--for=condition=Ready", "widget/awaited", "-n", NAMESPACE,
                "--timeout=1s");
        Kubectl.Result patch = server.kubectlCurrent().run("patch", "widget", "awaited", "-n", NAMESPACE,
                "--subresource=status", "--type=merge",
                "-p", "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        Kubectl.Result ready = kubectl.run("wait", "--for=condition=Ready", "widget/awaited", "-n", NAMESPACE,
                "--timeout=30s");

        assertThat(notYet.exitCode()).as(notYet.toString()).isNotZero();
        assertThat(patch.succeeded()).as(patch.toString()).isTrue();
        assertThat(ready.stdout()).as(ready.toString()).contains("condition met");
    }

    @Test
    void currentKubectlBuildsAKustomization(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("widget.yaml"), widgetYaml("kustomized", 4));
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [widget.yaml]\nnamePrefix: k-\n");

        Kubectl.Result built = server.kubectlCurrent().run("kustomize", dir.toString());

        assertThat(built.succeeded()).as(built.toString()).isTrue();
        assertThat(built.stdout()).contains("name: k-kustomized");
    }

    private static void createWidget(String name, int size) {
        client.resource(widgetYaml(name, size)).create();
    }

    private static Resource<GenericKubernetesResource> widget(String name) {
        return client.genericKubernetesResources(API_VERSION, "Widget").inNamespace(NAMESPACE).withName(name);
    }

    private static String widgetYaml(String name, int size) {
        return """
                apiVersion: %s
                kind: Widget
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  size: %d
                """.formatted(API_VERSION, name, NAMESPACE, size);
    }
}
