package io.qdrantvigil.operator.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a node's reported version has the cluster telemetry endpoint (1.17.0 and later). */
public final class QdrantVersion {

  private static final Pattern MAJOR_MINOR = Pattern.compile("^v?(\\d+)\\.(\\d+)");

  private QdrantVersion() {}

  /** An unknown or unreadable version is given the benefit of the doubt: a 404 falls back anyway. */
  public static boolean hasClusterTelemetry(String version) {
    Matcher m = version == null ? null : MAJOR_MINOR.matcher(version.trim());
    if (m == null || !m.find()) {
      return true;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return major > 1 || (major == 1 && minor >= 17);
  }
}
