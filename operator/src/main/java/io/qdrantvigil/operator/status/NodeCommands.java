package io.qdrantvigil.operator.status;

import io.qdrantvigil.operator.discovery.NodeTarget;
import io.qdrantvigil.operator.discovery.PodFacts;

/** The ready-to-paste commands of a node view; the kubectl ones exist only for pods. */
public record NodeCommands(String exec, String logs, String dashboardUrl, String portForward) {

  public static NodeCommands of(NodeTarget target) {
    String dashboard = target.url() == null ? null : target.url() + "/dashboard";
    PodFacts pod = target.pod();
    if (pod == null) {
      return new NodeCommands(null, null, dashboard, null);
    }
    String container = pod.container() == null ? "" : " -c " + pod.container();
    return new NodeCommands(
        "kubectl exec -it -n " + pod.namespace() + " " + pod.name() + container + " -- /bin/bash",
        "kubectl logs -n " + pod.namespace() + " " + pod.name() + container + " --tail=1000",
        dashboard,
        "kubectl port-forward -n " + pod.namespace() + " pod/" + pod.name() + " 6333:" + pod.port());
  }
}
