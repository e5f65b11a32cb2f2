package io.qdrantvigil.plugin.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.qdrantvigil.sandbox.kube.KubeApiServer;
import io.qdrantvigil.sandbox.kube.SharedKubeApiServer;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One real kube-apiserver for the test JVM with the committed CRD installed, as a user installs it;
 * watches are handled as the plugin sees them: generic resources, no operator classes.
 */
public final class SandboxApiServer {

  static final String API_VERSION = "qdrantvigil.io/v1alpha1";
  static final String KIND = "QdrantClusterWatch";

  private SandboxApiServer() {}

  public static KubeApiServer shared() {
    return SharedKubeApiServer.withCrd(Path.of(System.getProperty("vigil.crd",
        "../crds/qdrantclusterwatches.qdrantvigil.io-v1.yml")));
  }

  public static String newNamespace(KubernetesClient client, String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  public static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      watches(KubernetesClient client) {
    return client.genericKubernetesResources(API_VERSION, KIND);
  }

  public static GenericKubernetesResource createWatch(KubernetesClient client, String namespace, String name,
      String interval, String timeout) {
    GenericKubernetesResource watch = new GenericKubernetesResource();
    watch.setApiVersion(API_VERSION);
    watch.setKind(KIND);
    watch.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withName(name).withNamespace(namespace).build());
    watch.setAdditionalProperty("spec", java.util.Map.of("interval", interval, "timeout", timeout));
    return watches(client).inNamespace(namespace).resource(watch).create();
  }
}
