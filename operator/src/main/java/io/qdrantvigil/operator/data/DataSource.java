package io.qdrantvigil.operator.data;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.List;

/**
 * A healthy node the data view can be read from: its name (pod name, or URL), REST address, peer
 * id, reported version (null when unknown) and the collection names its {@code GET /collections} gave.
 */
public record DataSource(String node, String url, PeerId peerId, String version, List<String> collections) {

  public DataSource {
    collections = List.copyOf(collections);
  }
}
