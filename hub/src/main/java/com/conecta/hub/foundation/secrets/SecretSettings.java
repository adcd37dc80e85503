package com.conecta.hub.foundation.secrets;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * Seals the secret keys of a channel's settings (WhatsApp access tokens, Twilio auth tokens, IMAP and SMTP
 * passwords...) on their way into the database and opens them on their way out, so that only the stores see sealed
 * values and everything else keeps working with plain settings.
 */
public record SecretSettings(SecretBox box) {
  /** The same names the inbox settings screen treats as write-only. */
  private static final Pattern SECRET = Pattern.compile("(?i).*(secret|token|password|apikey|api_key|credential).*");

  public static boolean isSecret(String key) {
    return SECRET.matcher(key).matches();
  }

  public JsonObject seal(JsonObject settings) {
    return map(settings, true);
  }

  public JsonObject open(JsonObject settings) {
    return map(settings, false);
  }

  /** Whether some secret in these stored settings is plain or sealed with a previous key. */
  public boolean stale(JsonObject stored) {
    return stored != null && stored.fieldNames().stream()
        .anyMatch(k -> isSecret(k) && stored.getValue(k) instanceof String s && !s.isEmpty() && box.stale(s));
  }

  private JsonObject map(JsonObject settings, boolean sealing) {
    if (settings == null) {
      return null;
    }
    JsonObject out = settings.copy();
    for (String key : settings.fieldNames()) {
      if (isSecret(key) && settings.getValue(key) instanceof String s && !s.isEmpty()) {
        out.put(key, sealing ? box.seal(box.open(s)) : box.open(s));
      }
    }
    return out;
  }
}
