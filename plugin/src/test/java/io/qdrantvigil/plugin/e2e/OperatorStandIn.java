package io.qdrantvigil.plugin.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;

/**
 * Plays the operator's part of the action protocol on the real apiserver, for outcomes the real
 * operator cannot be made to give on demand: it takes each {@code qdrantvigil.io/} annotation of the
 * watches of one namespace (removing it, as the operator does), then writes the scripted records
 * through the status subresource, newest first, each step replacing the Running record before it.
 */
final class OperatorStandIn implements AutoCloseable {

  static final String PREFIX = "qdrantvigil.io/";

  /** One record written: its outcome and message. */
  record Step(String outcome, String message) {}

  /** What the stand-in took: the annotation, its value, and the field managers of the watch then. */
  record Taken(String annotation, String value, List<ManagedFieldsEntry> managers) {}

  private final KubernetesClient client;
  private final String namespace;
  private final BlockingQueue<Taken> taken = new LinkedBlockingQueue<>();
  private volatile List<Step> script = List.of();
  private volatile UnaryOperator<String> recordedAs = UnaryOperator.identity();
  private final Watch watch;

  OperatorStandIn(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.watch = SandboxApiServer.watches(client).inNamespace(namespace).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, GenericKubernetesResource resource) {
        if (action != Action.DELETED) {
          take(resource);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        // The test closes it.
      }
    });
  }

  /** The records the next request gets, and how its request is recorded (the operator masks credentials). */
  void answerWith(UnaryOperator<String> recorded, Step... steps) {
    this.recordedAs = recorded;
    this.script = List.of(steps);
  }

  BlockingQueue<Taken> taken() {
    return taken;
  }

  private void take(GenericKubernetesResource resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    if (annotations == null) {
      return;
    }
    for (Map.Entry<String, String> annotation : new HashMap<>(annotations).entrySet()) {
      if (annotation.getKey().startsWith(PREFIX)) {
        String name = resource.getMetadata().getName();
        SandboxApiServer.watches(client).inNamespace(namespace).withName(name).edit(r -> {
          r.getMetadata().getAnnotations().remove(annotation.getKey());
          return r;
        });
        taken.add(new Taken(annotation.getKey(), annotation.getValue(), resource.getMetadata().getManagedFields()));
        answer(name, annotation.getKey().substring(PREFIX.length()), recordedAs.apply(annotation.getValue()));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void answer(String name, String action, String request) {
    String time = Instant.now().toString();
    boolean first = true;
    for (Step step : script) {
      GenericKubernetesResource current = SandboxApiServer.watches(client).inNamespace(namespace).withName(name).get();
      Map<String, Object> status = new LinkedHashMap<>(
          (Map<String, Object>) current.getAdditionalProperties().getOrDefault("status", Map.of()));
      List<Object> actions = new ArrayList<>((List<Object>) status.getOrDefault("actions", List.of()));
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("action", action);
      record.put("request", request);
      record.put("outcome", step.outcome());
      if (step.message() != null) {
        record.put("message", step.message());
      }
      record.put("time", time);
      if (first) {
        actions.add(0, record);
        first = false;
      } else {
        actions.set(0, record);
      }
      status.put("actions", actions);
      current.setAdditionalProperty("status", status);
      SandboxApiServer.watches(client).inNamespace(namespace).resource(current).updateStatus();
    }
  }

  @Override
  public void close() {
    watch.close();
  }
}
