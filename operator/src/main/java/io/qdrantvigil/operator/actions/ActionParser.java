package io.qdrantvigil.operator.actions;

import io.qdrantvigil.operator.qdrant.PeerId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads an action annotation's value: a target, then {@code ;}-separated options, each trimmed.
 * Anything it does not understand exactly is refused with a message naming the mistake: a
 * destructive request is never run on a guess.
 */
public final class ActionParser {

  public static final List<String> ACTIONS = List.of(ActionRequest.REMOVE_PEER, ActionRequest.DELETE_POD,
      ActionRequest.RESTART, ActionRequest.SCALE, ActionRequest.RECOVER, ActionRequest.MOVE_SHARD,
      ActionRequest.REPLICATE_SHARD, ActionRequest.ABORT_TRANSFER, ActionRequest.DROP_REPLICA, ActionRequest.CANCEL,
      ActionRequest.POLL);
  private static final String FORCE = "force";
  private static final String SAFE = "safe";
  private static final String DRAIN = "drain";
  private static final String DROP_DATA = "drop-data";
  private static final String FROM = "from";
  private static final String TO = "to";
  private static final String PEER = "peer";
  private static final String METHOD = "method";
  private static final List<String> METHODS = List.of("stream_records", "snapshot", "wal_delta");
  private static final String DRY_RUN = "dry-run";
  private static final String COLLECTION = "collection";
  private static final String URL = "url";
  private static final String PRIORITY = "priority";
  private static final String CHECKSUM = "checksum";
  private static final List<String> PRIORITIES = List.of("replica", "snapshot", "no_sync");
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern KUBERNETES_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  // Qdrant's own rule for collection names.
  private static final Pattern COLLECTION_NAME = Pattern.compile("[^<>:\"/\\\\|?*\\x00]{1,255}");
  private static final int MAX_REPLICAS_DIGITS = 9;

  private ActionParser() {}

  public static ActionRequest parse(String action, String value) throws ActionRefused {
    String[] parts = (value == null ? "" : value).split(";", -1);
    String target = parts[0].trim();
    List<String> options = Arrays.stream(parts).skip(1).map(String::trim).filter(p -> !p.isEmpty()).toList();
    return switch (action) {
      case ActionRequest.REMOVE_PEER -> removePeer(target,
          options(action, options, Set.of(FORCE, DROP_DATA, DRY_RUN), Set.of()));
      case ActionRequest.DELETE_POD -> deletePod(target, options(action, options, Set.of(FORCE, DRY_RUN), Set.of()));
      case ActionRequest.RESTART -> restart(target, options(action, options, Set.of(SAFE, DRY_RUN), Set.of()));
      case ActionRequest.SCALE -> scale(target, options(action, options, Set.of(DRAIN, FORCE, DRY_RUN), Set.of()));
      case ActionRequest.MOVE_SHARD, ActionRequest.REPLICATE_SHARD -> shardOperation(action, target,
          options(action, options, Set.of(DRY_RUN), Set.of(FROM, TO, METHOD)));
      case ActionRequest.ABORT_TRANSFER -> shardOperation(action, target,
          options(action, options, Set.of(DRY_RUN), Set.of(FROM, TO)));
      case ActionRequest.DROP_REPLICA -> shardOperation(action, target,
          options(action, options, Set.of(FORCE, DRY_RUN), Set.of(PEER)));
      // Like poll, the value of cancel is free text.
      case ActionRequest.CANCEL -> new ActionRequest.Cancel(
          Arrays.stream(parts).skip(1).map(String::trim).anyMatch(DRY_RUN::equals));
      case ActionRequest.RECOVER -> recover(target,
          options(action, options, Set.of(DRY_RUN), Set.of(COLLECTION, URL, PRIORITY, CHECKSUM)));
      // The value of poll is free text; only an exact dry-run option means anything.
      case ActionRequest.POLL -> new ActionRequest.Poll(
          Arrays.stream(parts).skip(1).map(String::trim).anyMatch(DRY_RUN::equals));
      default -> throw new ActionRefused("unknown action '" + action + "' (known: " + String.join(", ", ACTIONS) + ")");
    };
  }

  /** A peer id (digits) or the name of the pod whose node the peer is. */
  private static ActionRequest removePeer(String target, Map<String, String> options) throws ActionRefused {
    boolean force = options.containsKey(FORCE);
    boolean dropData = options.containsKey(DROP_DATA);
    boolean dryRun = options.containsKey(DRY_RUN);
    if (!DIGITS.matcher(target).matches()) {
      if (target.isEmpty() || !KUBERNETES_NAME.matcher(target).matches()) {
        throw malformed("'" + target + "' is neither a peer id (an unsigned 64-bit integer) nor a pod name");
      }
      return new ActionRequest.RemovePeer(null, target, force, dropData, dryRun);
    }
    try {
      return new ActionRequest.RemovePeer(PeerId.parse(target), null, force, dropData, dryRun);
    } catch (IllegalArgumentException e) {
      throw malformed("peer id '" + target + "' is not an unsigned 64-bit integer");
    }
  }

  private static ActionRequest deletePod(String target, Map<String, String> options) throws ActionRefused {
    return new ActionRequest.DeletePod(name("pod", target), options.containsKey(FORCE), options.containsKey(DRY_RUN));
  }

  private static ActionRequest restart(String target, Map<String, String> options) throws ActionRefused {
    return new ActionRequest.Restart(name("StatefulSet", target), options.containsKey(SAFE),
        options.containsKey(DRY_RUN));
  }

  private static ActionRequest scale(String target, Map<String, String> options) throws ActionRefused {
    int equals = target.indexOf('=');
    if (equals < 0) {
      throw malformed("scale needs STATEFULSET=REPLICAS, got '" + target + "'");
    }
    String statefulSet = name("StatefulSet", target.substring(0, equals).trim());
    String replicas = target.substring(equals + 1).trim();
    if (!DIGITS.matcher(replicas).matches() || replicas.length() > MAX_REPLICAS_DIGITS) {
      throw malformed("replicas '" + replicas + "' is not a whole number");
    }
    return new ActionRequest.Scale(statefulSet, Integer.parseInt(replicas), options.containsKey(DRAIN),
        options.containsKey(FORCE), options.containsKey(DRY_RUN));
  }

  private static ActionRequest recover(String target, Map<String, String> options) throws ActionRefused {
    if (target.isEmpty()) {
      throw malformed("missing target: recover needs POD_OR_PEER_ID;collection=NAME;url=SNAPSHOT_URL");
    }
    String collection = options.get(COLLECTION);
    if (collection == null) {
      throw malformed("missing collection=NAME");
    }
    if (!COLLECTION_NAME.matcher(collection).matches()) {
      throw malformed("collection '" + collection + "' is not a Qdrant collection name"
          + " (1 to 255 characters, none of < > : \" / \\ | ? *)");
    }
    String url = options.get(URL);
    if (url == null) {
      throw malformed("missing url=SNAPSHOT_URL");
    }
    if (Redaction.SnapshotUrl.parse(url) == null) {
      throw malformed("url is not an absolute http(s):// or file:/// URL (a ';' inside it must be written %3B)");
    }
    String priority = options.get(PRIORITY);
    if (priority != null && !PRIORITIES.contains(priority)) {
      throw malformed("priority is not one of " + String.join(", ", PRIORITIES));
    }
    String checksum = options.get(CHECKSUM);
    if (checksum != null && !SHA256.matcher(checksum).matches()) {
      throw malformed("checksum is not a SHA-256 (64 hexadecimal characters)");
    }
    return new ActionRequest.Recover(target, collection, url, priority, checksum, options.containsKey(DRY_RUN));
  }

  /** {@code COLLECTION/SHARD} with from= and to= (or peer= for drop-replica), each a pod name or a peer id. */
  private static ActionRequest shardOperation(String action, String target, Map<String, String> options)
      throws ActionRefused {
    int slash = target.lastIndexOf('/');
    if (slash <= 0 || slash == target.length() - 1) {
      throw malformed(action + " needs COLLECTION/SHARD, got '" + target + "'");
    }
    String collection = target.substring(0, slash);
    String shard = target.substring(slash + 1);
    if (!COLLECTION_NAME.matcher(collection).matches()) {
      throw malformed("collection '" + collection + "' is not a Qdrant collection name");
    }
    if (!DIGITS.matcher(shard).matches() || shard.length() > MAX_REPLICAS_DIGITS) {
      throw malformed("shard '" + shard + "' is not a shard number");
    }
    boolean dropReplica = ActionRequest.DROP_REPLICA.equals(action);
    for (String needed : dropReplica ? List.of(PEER) : List.of(FROM, TO)) {
      if (!options.containsKey(needed)) {
        throw malformed("missing " + needed + "=POD_OR_PEER");
      }
    }
    String method = options.get(METHOD);
    if (method != null && !METHODS.contains(method)) {
      throw malformed("method '" + method + "' is not one of " + String.join(", ", METHODS));
    }
    return new ActionRequest.ShardOperation(action, collection, Long.parseLong(shard),
        dropReplica ? options.get(PEER) : options.get(FROM), options.get(TO), method, options.containsKey(FORCE),
        options.containsKey(DRY_RUN));
  }

  private static String name(String kind, String target) throws ActionRefused {
    if (target.isEmpty()) {
      throw malformed("missing target: the " + kind + " name comes first");
    }
    if (!KUBERNETES_NAME.matcher(target).matches()) {
      throw malformed("'" + target + "' is not a valid " + kind + " name");
    }
    return target;
  }

  /** Flags ({@code force}) take no value; valued options ({@code collection=NAME}) need one; none may repeat. */
  private static Map<String, String> options(String action, List<String> given, Set<String> flags,
      Set<String> valued) throws ActionRefused {
    Map<String, String> options = new LinkedHashMap<>();
    for (String option : given) {
      if (options.containsKey(URL) && !flags.contains(option) && !valued.contains(nameOf(option))) {
        // A ';' inside the URL split it: what follows may be a piece of a password, never echoed.
        throw malformed("an option after url= is unknown (allowed: " + allowed(flags, valued)
            + "); a ';' inside the URL must be written %3B");
      }
      int equals = option.indexOf('=');
      String name = (equals < 0 ? option : option.substring(0, equals)).trim();
      String value = equals < 0 ? null : option.substring(equals + 1).trim();
      if (flags.contains(name) && value != null) {
        throw malformed("option '" + name + "' takes no value");
      }
      if (valued.contains(name) && (value == null || value.isEmpty())) {
        throw malformed("option '" + name + "' needs a value (" + name + "=...)");
      }
      if (!flags.contains(name) && !valued.contains(name)) {
        throw malformed("unknown option '" + name + "' for " + action
            + " (allowed: " + allowed(flags, valued) + ")");
      }
      if (options.containsKey(name)) {
        throw malformed("option '" + name + "' given twice");
      }
      options.put(name, value);
    }
    return options;
  }

  private static String nameOf(String option) {
    int equals = option.indexOf('=');
    return (equals < 0 ? option : option.substring(0, equals)).trim();
  }

  private static String allowed(Set<String> flags, Set<String> valued) {
    return String.join(", ", Stream.concat(
        flags.stream().sorted(), valued.stream().sorted().map(v -> v + "=")).toList());
  }

  private static ActionRefused malformed(String mistake) {
    return new ActionRefused("malformed value: " + mistake);
  }
}
