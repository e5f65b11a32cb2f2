package io.qdrantvigil.operator.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides what must never reach status, Events or logs: credentials in a URL ({@code user:pass@})
 * and the values of query parameters that carry keys or signatures (presigned S3/GCS URLs, Azure
 * SAS). The request as written is recorded with these replaced by {@code ***}.
 */
public final class Redaction {

  static final String MASK = "***";
  private static final int MIN_LITERAL = 4;
  // ';' ends the match: it separates the annotation's options, so it cannot be part of a URL there.
  private static final Pattern USERINFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)([^/\\s?#;]*)@");
  private static final Pattern SECRET_PARAM = Pattern.compile(
      "(?i)([?&;](?:api_key|apikey|token|access_token|x-amz-signature|x-amz-security-token|x-goog-signature"
          + "|signature|sig)=)([^&#;\\s]*)");

  private Redaction() {}

  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String withoutUserinfo = USERINFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    return SECRET_PARAM.matcher(withoutUserinfo).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
  }

  /**
   * Text from elsewhere (Qdrant's error message, an exception) made safe: URL secrets redacted and
   * every known secret (the API key, the pieces of the snapshot URL) replaced wherever it appears.
   */
  public static String scrub(String text, List<String> secrets) {
    String safe = redact(text);
    if (safe == null) {
      return null;
    }
    for (String secret : secrets) {
      // Shorter pieces would garble the message (every "a" replaced) for no gain: they are masked in URL form above.
      if (secret != null && secret.length() >= MIN_LITERAL) {
        safe = safe.replace(secret, MASK);
      }
    }
    return safe;
  }

  /** The secret pieces of a URL as written: its userinfo and its secret query parameter values. */
  public static List<String> secretsOf(String url) {
    List<String> secrets = new ArrayList<>();
    if (url == null) {
      return secrets;
    }
    Matcher userinfo = USERINFO.matcher(url);
    while (userinfo.find()) {
      secrets.add(userinfo.group(2));
    }
    Matcher param = SECRET_PARAM.matcher(url);
    while (param.find()) {
      secrets.add(param.group(2));
    }
    return secrets;
  }
}
