package io.qdrantvigil.operator.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import org.junit.jupiter.api.Test;

class ImperativeCheckTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Created with kubectl apply (restart in the manifest), then delete-pod added with kubectl annotate. */
  private static final String CLIENT_SIDE_APPLY = """
      {
        "name": "prod",
        "namespace": "db",
        "annotations": {
          "kubectl.kubernetes.io/last-applied-configuration": "{\\"apiVersion\\":\\"qdrantvigil.io/v1alpha1\\",\\"kind\\":\\"QdrantClusterWatch\\",\\"metadata\\":{\\"annotations\\":{\\"qdrantvigil.io/restart\\":\\"qdrant\\"},\\"name\\":\\"prod\\",\\"namespace\\":\\"db\\"},\\"spec\\":{\\"interval\\":\\"30s\\"}}\\n",
          "qdrantvigil.io/restart": "qdrant",
          "qdrantvigil.io/delete-pod": "qdrant-1"
        },
        "managedFields": [
          {
            "apiVersion": "qdrantvigil.io/v1alpha1",
            "fieldsType": "FieldsV1",
            "fieldsV1": {
              "f:metadata": {"f:annotations": {".": {}, "f:kubectl.kubernetes.io/last-applied-configuration": {},
                  "f:qdrantvigil.io/restart": {}}},
              "f:spec": {".": {}, "f:interval": {}}
            },
            "manager": "kubectl-client-side-apply",
            "operation": "Update",
            "time": "2025-11-25T06:00:00Z"
          },
          {
            "apiVersion": "qdrantvigil.io/v1alpha1",
            "fieldsType": "FieldsV1",
            "fieldsV1": {"f:metadata": {"f:annotations": {"f:qdrantvigil.io/delete-pod": {}}}},
            "manager": "kubectl-annotate",
            "operation": "Update",
            "time": "2025-11-25T06:05:00Z"
          }
        ]
      }
      """;

  /** Synced by Argo CD with server-side apply (poll in the manifest); scale added with kubectl annotate. */
  private static final String SERVER_SIDE_APPLY = """
      {
        "name": "prod",
        "namespace": "db",
        "annotations": {"qdrantvigil.io/poll": "now", "qdrantvigil.io/scale": "qdrant=5"},
        "managedFields": [
          {
            "apiVersion": "qdrantvigil.io/v1alpha1",
            "fieldsType": "FieldsV1",
            "fieldsV1": {
              "f:metadata": {"f:annotations": {"f:qdrantvigil.io/poll": {}}, "f:labels": {"f:app.kubernetes.io/instance": {}}},
              "f:spec": {"f:interval": {}}
            },
            "manager": "argocd-controller",
            "operation": "Apply",
            "time": "2025-11-25T06:00:00Z"
          },
          {
            "apiVersion": "qdrantvigil.io/v1alpha1",
            "fieldsType": "FieldsV1",
            "fieldsV1": {"f:metadata": {"f:annotations": {"f:qdrantvigil.io/scale": {}}}},
            "manager": "kubectl-annotate",
            "operation": "Update",
            "time": "2025-11-25T06:05:00Z"
          },
          {
            "apiVersion": "qdrantvigil.io/v1alpha1",
            "fieldsType": "FieldsV1",
            "fieldsV1": {"f:status": {"f:actions": {}}},
            "manager": "qdrant-vigil",
            "operation": "Update",
            "subresource": "status",
            "time": "2025-11-25T06:06:00Z"
          }
        ]
      }
      """;

  private static ObjectMeta meta(String json) throws Exception {
    return MAPPER.readValue(json, ObjectMeta.class);
  }

  @Test
  void anAnnotationInTheLastAppliedConfigurationCameThroughApply() throws Exception {
    ObjectMeta meta = meta(CLIENT_SIDE_APPLY);
    assertThat(ImperativeCheck.cameThroughApply(meta, "qdrantvigil.io/restart")).isTrue();
    assertThat(ImperativeCheck.cameThroughApply(meta, "qdrantvigil.io/delete-pod")).isFalse();
  }

  @Test
  void anAnnotationOwnedByAnApplyFieldManagerCameThroughApply() throws Exception {
    ObjectMeta meta = meta(SERVER_SIDE_APPLY);
    assertThat(ImperativeCheck.cameThroughApply(meta, "qdrantvigil.io/poll")).isTrue();
    assertThat(ImperativeCheck.cameThroughApply(meta, "qdrantvigil.io/scale")).isFalse();
  }

  @Test
  void noManagedFieldsAndAnUnreadableLastAppliedConfigurationMeanImperative() throws Exception {
    ObjectMeta meta = meta("""
        {"name": "prod", "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "not json",
          "qdrantvigil.io/poll": "now"}}
        """);
    assertThat(ImperativeCheck.cameThroughApply(meta, "qdrantvigil.io/poll")).isFalse();
    assertThat(ImperativeCheck.cameThroughApply(new ObjectMeta(), "qdrantvigil.io/poll")).isFalse();
  }
}
