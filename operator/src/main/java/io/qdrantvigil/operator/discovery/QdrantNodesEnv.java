package io.qdrantvigil.operator.discovery;

import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * The operator's {@code QDRANT_NODES} ({@code host:port;host:port}; an entry may carry its own
 * scheme), read entry by entry: a bad entry is set aside so that the others are still polled.
 */
record QdrantNodesEnv(List<String> urls, List<String> invalid) {

  static QdrantNodesEnv parse(String env) {
    List<String> urls = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    if (env == null) {
      return new QdrantNodesEnv(urls, invalid);
    }
    for (String entry : env.split("[;,]")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      String url = trimmed.matches("(?i)https?://.*") ? trimmed : "http://" + trimmed;
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null || url.replaceFirst("(?i)^https?://", "").matches(".*[\\s@].*")) {
        invalid.add(trimmed);
      } else {
        urls.add(url);
      }
    }
    return new QdrantNodesEnv(List.copyOf(urls), List.copyOf(invalid));
  }
}
