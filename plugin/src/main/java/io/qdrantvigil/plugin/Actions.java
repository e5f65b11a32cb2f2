package io.qdrantvigil.plugin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The contract's action annotations, with the value each takes (for usage and help). */
final class Actions {

  static final String PREFIX = "qdrantvigil.io/";
  /** Actions whose value is free text: the plugin writes the request time when none is given. */
  static final Set<String> FREE_VALUE = Set.of("poll", "cancel");
  static final Map<String, String> VALUES = values();

  private Actions() {}

  private static Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("remove-peer", "PEER_ID_OR_POD[;drop-data]");
    values.put("delete-pod", "POD");
    values.put("restart", "STATEFULSET[;safe]");
    values.put("scale", "STATEFULSET=REPLICAS[;drain]");
    values.put("recover", "POD_OR_PEER;collection=NAME;url=SNAPSHOT_URL[;priority=..][;checksum=SHA256]");
    values.put("move-shard", "COLLECTION/SHARD;from=POD_OR_PEER;to=POD_OR_PEER[;method=..]");
    values.put("replicate-shard", "COLLECTION/SHARD;from=POD_OR_PEER;to=POD_OR_PEER[;method=..]");
    values.put("abort-transfer", "COLLECTION/SHARD;from=POD_OR_PEER;to=POD_OR_PEER");
    values.put("drop-replica", "COLLECTION/SHARD;peer=POD_OR_PEER");
    values.put("cancel", "[ANYTHING]");
    values.put("poll", "[ANYTHING]");
    return Collections.unmodifiableMap(values);
  }
}
