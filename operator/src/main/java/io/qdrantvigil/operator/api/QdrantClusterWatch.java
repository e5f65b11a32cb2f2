package io.qdrantvigil.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One watch per Qdrant cluster; the printer columns are what {@code kubectl get qcw} shows. */
@Group("qdrantvigil.io")
@Version("v1alpha1")
@Plural("qdrantclusterwatches")
@ShortNames("qcw")
@AdditionalPrinterColumn(name = "STATUS", jsonPath = ".status.clusterStatus", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "HEALTHY", jsonPath = ".status.healthyNodes", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "LEADER", jsonPath = ".status.leader", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "HEALTH%", jsonPath = ".status.healthPercentage", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "DATA", jsonPath = ".status.data.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "WARNINGS", jsonPath = ".status.warningCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "DISCOVERY", jsonPath = ".status.discovery", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "LAST POLL", jsonPath = ".status.lastPollTime", type = AdditionalPrinterColumn.Type.DATE, priority = 1)
public class QdrantClusterWatch extends CustomResource<QdrantClusterWatchSpec, QdrantClusterWatchStatus>
    implements Namespaced {

  @Override
  protected QdrantClusterWatchSpec initSpec() {
    return new QdrantClusterWatchSpec();
  }
}
