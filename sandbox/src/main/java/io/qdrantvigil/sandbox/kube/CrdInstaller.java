package io.qdrantvigil.sandbox.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Installs a CustomResourceDefinition from its YAML file by server-side apply, and returns once the
 * API server serves it ({@code Established}): before that, creating its resources fails.
 */
public final class CrdInstaller {

  private static final long ESTABLISHED_WITHIN_SECONDS = 30;

  private CrdInstaller() {}

  public static void install(KubernetesClient client, Path file) {
    var crds = client.apiextensions().v1().customResourceDefinitions();
    CustomResourceDefinition crd = crds.load(file.toFile()).item();
    crds.resource(crd).serverSideApply();
    crds.withName(crd.getMetadata().getName()).waitUntilCondition(CrdInstaller::established,
        ESTABLISHED_WITHIN_SECONDS, TimeUnit.SECONDS);
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
