package com.conecta.hub.foundation.webhook;

import com.conecta.hub.foundation.web.ApiError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which addresses a subscription may name. https anywhere; plain http only to this machine or a private network,
 * and only where {@code webhooks.plain-http-to-private} allows it (on in sandbox mode): an event body names customers
 * and must not cross the internet in clear. Names are not resolved here (that would block the event loop).
 */
record WebhookUrls(boolean plainHttpToPrivate) {
  static final int MAX_LENGTH = 2000;
  private static final Pattern PRIVATE_V4 = Pattern.compile(
      "^(127\\.\\d+\\.\\d+\\.\\d+|10\\.\\d+\\.\\d+\\.\\d+|192\\.168\\.\\d+\\.\\d+|172\\.(1[6-9]|2\\d|3[01])\\.\\d+\\.\\d+)$");

  /** The address as it will be called, or an error naming the field {@code url}. */
  String check(String raw) {
    String url = raw.trim();
    if (url.length() > MAX_LENGTH) {
      throw ApiError.invalid("url", "'url' is longer than " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw ApiError.invalid("url", "'url' is not a web address such as https://example.com/hooks/conecta");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
      throw ApiError.invalid("url", "'url' is not a web address such as https://example.com/hooks/conecta");
    }
    if (uri.getUserInfo() != null) {
      throw ApiError.invalid("url", "'url' must not carry a user name or password; the signature authenticates the hub");
    }
    if (scheme.equals("http") && !(plainHttpToPrivate && isPrivate(host))) {
      throw ApiError.invalid("url", plainHttpToPrivate
          ? "'url' must start with https:// (plain http only to this machine or a private network)"
          : "'url' must start with https://");
    }
    return url;
  }

  private static boolean isPrivate(String host) {
    return host.equals("localhost") || host.equals("[::1]") || PRIVATE_V4.matcher(host).matches();
  }
}
