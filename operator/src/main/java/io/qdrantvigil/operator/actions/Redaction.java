package io.qdrantvigil.operator.actions;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Hides what must never reach status, Events or logs: credentials in a URL ({@code user:pass@})
 * and the values of query parameters that carry keys or signatures (presigned S3/GCS URLs, Azure
 * SAS). A request's {@code url=} value is parsed as a URL, not matched: its user-info and secret
 * parameters become {@code ***}; a value that is no absolute URL, or a request that does not parse,
 * is recorded with everything from {@code url=} on replaced by {@code ***}.
 */
public final class Redaction {

  static final String MASK = "***";
  private static final String URL_OPTION = "url=";
  private static final int MIN_LITERAL = 4;
  private static final Set<String> SECRET_PARAMETERS = Set.of("api_key", "apikey", "token", "access_token",
      "x-amz-signature", "x-amz-security-token", "x-amz-credential", "x-goog-signature", "x-goog-credential",
      "signature", "sig", "password", "secret");
  // For text from elsewhere (Qdrant's messages), where no option syntax tells where a URL ends.
  private static final Pattern USERINFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)([^/\\s?#]*)@");
  private static final Pattern SECRET_PARAM = Pattern.compile(
      "(?i)([?&;](?:api_key|apikey|token|access_token|x-amz-signature|x-amz-security-token|x-goog-signature"
          + "|signature|sig)=)([^&#;\\s]*)");

  private Redaction() {}

  /**
   * The request as recorded. {@code parses}: whether the whole value parsed as a request; when it
   * did not, a {@code ;} inside its URL may have split it, so nothing after {@code url=} is kept.
   */
  public static String request(String value, boolean parses) {
    if (value == null) {
      return null;
    }
    int start = urlOptionStart(value);
    if (start < 0) {
      return value;
    }
    int valueStart = start + URL_OPTION.length();
    int end = value.indexOf(';', valueStart);
    String url = (end < 0 ? value.substring(valueStart) : value.substring(valueStart, end)).trim();
    if (!parses || SnapshotUrl.parse(url) == null) {
      return value.substring(0, valueStart) + MASK;
    }
    return value.substring(0, valueStart) + url(url) + (end < 0 ? "" : value.substring(end));
  }

  /** An absolute URL as written, its user-info and secret parameter values replaced by {@code ***}; else {@code ***}. */
  public static String url(String url) {
    SnapshotUrl parsed = SnapshotUrl.parse(url);
    if (parsed == null) {
      return MASK;
    }
    StringBuilder safe = new StringBuilder(parsed.scheme()).append("://");
    if (parsed.userInfo() != null) {
      safe.append(MASK).append('@');
    }
    safe.append(parsed.hostAndPath());
    if (parsed.query() != null) {
      safe.append('?').append(String.join("&", Arrays.stream(parsed.query().split("&", -1))
          .map(p -> secretParameter(p) ? p.substring(0, p.indexOf('=') + 1) + MASK : p).toList()));
    }
    if (parsed.fragment() != null) {
      safe.append('#').append(parsed.fragment());
    }
    return safe.toString();
  }

  /**
   * The secret pieces of a request value as written, to hide wherever they appear in text from
   * elsewhere: the URL's user-info (whole and its password), its secret parameter values (as written
   * and decoded); for a URL that does not parse, all that follows {@code url=}, whole and in pieces.
   * (What follows a URL that parses is no secret: the parser never echoes options after {@code url=}.)
   */
  public static List<String> secretsOf(String value) {
    List<String> secrets = new ArrayList<>();
    int start = value == null ? -1 : urlOptionStart(value);
    if (start < 0) {
      return secrets;
    }
    String tail = value.substring(start + URL_OPTION.length());
    int end = tail.indexOf(';');
    SnapshotUrl parsed = SnapshotUrl.parse((end < 0 ? tail : tail.substring(0, end)).trim());
    if (parsed == null) {
      secrets.add(tail.trim());
      for (String piece : tail.split(";")) {
        secrets.add(piece.trim());
      }
      return secrets;
    }
    if (parsed.userInfo() != null) {
      secrets.add(parsed.userInfo());
      int colon = parsed.userInfo().indexOf(':');
      if (colon >= 0) {
        secrets.add(parsed.userInfo().substring(colon + 1));
      }
    }
    if (parsed.query() != null) {
      for (String parameter : parsed.query().split("&")) {
        if (secretParameter(parameter)) {
          String secret = parameter.substring(parameter.indexOf('=') + 1);
          secrets.add(secret);
          secrets.add(decode(secret));
        }
      }
    }
    return secrets;
  }

  /**
   * Text from elsewhere (Qdrant's error message, an exception) made safe: URL secrets redacted and
   * every known secret (the API key, the pieces of the snapshot URL) replaced wherever it appears.
   */
  public static String scrub(String text, List<String> secrets) {
    if (text == null) {
      return null;
    }
    String safe = text;
    for (String secret : secrets.stream().filter(s -> s != null).sorted((a, b) -> b.length() - a.length()).toList()) {
      // Shorter pieces would garble the message (every "a" replaced) for no gain: they are masked in URL form below.
      if (secret.length() >= MIN_LITERAL) {
        safe = safe.replace(secret, MASK);
      }
    }
    String withoutUserinfo = USERINFO.matcher(safe).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    return SECRET_PARAM.matcher(withoutUserinfo).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
  }

  /** Where the first {@code url=} option starts (an option is a {@code ;}-separated piece), or -1. */
  private static int urlOptionStart(String value) {
    int pieceStart = 0;
    while (pieceStart <= value.length()) {
      int pieceEnd = value.indexOf(';', pieceStart);
      int end = pieceEnd < 0 ? value.length() : pieceEnd;
      int at = pieceStart;
      while (at < end && Character.isWhitespace(value.charAt(at))) {
        at++;
      }
      if (value.regionMatches(true, at, URL_OPTION, 0, URL_OPTION.length())) {
        return at;
      }
      if (pieceEnd < 0) {
        return -1;
      }
      pieceStart = pieceEnd + 1;
    }
    return -1;
  }

  private static boolean secretParameter(String parameter) {
    int equals = parameter.indexOf('=');
    return equals > 0 && SECRET_PARAMETERS.contains(decode(parameter.substring(0, equals)).toLowerCase(Locale.ROOT));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  /**
   * An absolute snapshot URL split as written: {@code http(s)://} URLs that OkHttp accepts, or
   * {@code file:///PATH}. The user-info is everything before the authority's last {@code @}, so a
   * password holding an unencoded {@code @} is hidden whole.
   */
  record SnapshotUrl(String scheme, String userInfo, String hostAndPath, String query, String fragment) {

    static SnapshotUrl parse(String url) {
      if (url == null) {
        return null;
      }
      int schemeEnd = url.indexOf("://");
      if (schemeEnd <= 0) {
        return null;
      }
      String scheme = url.substring(0, schemeEnd);
      String lower = scheme.toLowerCase(Locale.ROOT);
      boolean file = lower.equals("file");
      if (file ? !url.startsWith(":///", schemeEnd) || url.length() <= schemeEnd + 4
          : !(lower.equals("http") || lower.equals("https")) || HttpUrl.parse(url) == null) {
        return null;
      }
      String rest = url.substring(schemeEnd + 3);
      String fragment = null;
      int hash = rest.indexOf('#');
      if (hash >= 0) {
        fragment = rest.substring(hash + 1);
        rest = rest.substring(0, hash);
      }
      String query = null;
      int question = rest.indexOf('?');
      if (question >= 0) {
        query = rest.substring(question + 1);
        rest = rest.substring(0, question);
      }
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      int at = authority.lastIndexOf('@');
      String userInfo = at < 0 ? null : authority.substring(0, at);
      return new SnapshotUrl(scheme, userInfo, rest.substring(at + 1), query, fragment);
    }
  }
}
