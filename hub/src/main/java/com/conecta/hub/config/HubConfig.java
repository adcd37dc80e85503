package com.conecta.hub.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** The hub's configuration, read once at start, typed and validated. */
public record HubConfig(
    Http http,
    Path dataDir,
    Db db,
    RedisSettings redis,
    Sandbox sandbox,
    String publicBaseUrl,
    Auth auth,
    Ingest ingest,
    WhatsApp whatsapp,
    Assignment assignment,
    Twilio twilio,
    Reminders reminders,
    Bot bot,
    Forms forms,
    JsonObject raw) {

  public record Http(String host, int port, long maxBodyBytes) {}

  /** An empty url means: start the embedded PostgreSQL under the data folder. */
  public record Db(String url, int poolSize) {
    public boolean embedded() {
      return url == null || url.isBlank();
    }
  }

  /** An empty url means: start an embedded Redis, or run single-node if it cannot start. */
  public record RedisSettings(String url, String prefix) {
    public boolean embedded() {
      return url == null || url.isBlank();
    }
  }

  public record Sandbox(boolean enabled, String adminEmail, String adminPassword) {}

  /**
   * Sessions last {@code sessionHours}; after {@code failuresPerAccount} failed sign-ins for one email, or
   * {@code failuresPerIp} from one address, within {@code windowMinutes}, sign-in answers 429 until the window ends.
   */
  public record Auth(int sessionHours, int failuresPerAccount, int failuresPerIp, int windowMinutes) {}

  public record Ingest(int batchSize, long mediaMaxBytes) {}

  /** Presence expires after {@code presenceSeconds} without a heartbeat. */
  public record Assignment(int presenceSeconds, boolean releaseOnOffline, int tickSeconds) {}

  /** Web forms (config/forms.yaml): submissions allowed per client address and minute. */
  public record Forms(int perIpPerMinute) {}

  /** Whether inboxes with a bot flow (inbox setting botFlow) run it. */
  public record Bot(boolean enabled) {}

  /** How often every node looks for due reminders (rules: config/reminders.yaml). */
  public record Reminders(int tickSeconds) {}

  /** An empty api-base-url means Twilio itself. */
  public record Twilio(String apiBaseUrl) {}

  public record WhatsApp(String appSecret, String verifyToken, String graphBaseUrl, String apiVersion) {}

  /** Builds the typed configuration; a bad value fails the start with a message naming the key. */
  public static HubConfig from(JsonObject c) {
    ConfigReader r = new ConfigReader(c);
    Db db = new Db(r.string("db.url", ""), r.intInRange("db.pool-size", 8, 1, 200));
    String sandboxSetting = r.string("sandbox.enabled", "auto").trim().toLowerCase();
    boolean sandbox =
        switch (sandboxSetting) {
          case "auto" -> db.embedded();
          case "true", "on", "yes" -> true;
          case "false", "off", "no" -> false;
          default -> throw new ConfigException("sandbox.enabled", "must be auto, true or false, was '" + sandboxSetting + "'");
        };
    return new HubConfig(
        new Http(r.string("http.host", "0.0.0.0"), r.intInRange("http.port", 8080, 0, 65535),
            r.longInRange("http.max-body-bytes", 1_048_576, 1024, 100L * 1024 * 1024)),
        Path.of(r.string("data.dir", "./data")).toAbsolutePath().normalize(),
        db,
        new RedisSettings(r.string("redis.url", ""), r.string("redis.prefix", "conecta:")),
        new Sandbox(sandbox, r.string("sandbox.admin.email", "admin@demo.conecta.cl"),
            r.string("sandbox.admin.password", "conecta-demo")),
        stripTrailingSlash(r.string("public.base-url", "http://localhost:8080")),
        new Auth(r.intInRange("auth.session-hours", 12, 1, 24 * 90),
            r.intInRange("auth.sign-in.failures-per-account", 10, 1, 100_000),
            r.intInRange("auth.sign-in.failures-per-ip", 100, 1, 1_000_000),
            r.intInRange("auth.sign-in.window-minutes", 15, 1, 24 * 60)),
        new Ingest(r.intInRange("ingest.batch-size", 64, 1, 1000),
            r.longInRange("ingest.media-max-bytes", 16L * 1024 * 1024, 1024, 1024L * 1024 * 1024)),
        new WhatsApp(r.string("whatsapp.app-secret", ""), r.string("whatsapp.verify-token", ""),
            stripTrailingSlash(r.string("whatsapp.graph-base-url", "https://graph.facebook.com")),
            r.string("whatsapp.api-version", "v23.0")),
        new Assignment(r.intInRange("assignment.presence-seconds", 60, 5, 3600),
            r.bool("assignment.release-on-offline", false), r.intInRange("assignment.tick-seconds", 5, 1, 300)),
        new Twilio(stripTrailingSlash(r.string("twilio.api-base-url", ""))),
        new Reminders(r.intInRange("reminders.tick-seconds", 30, 1, 3600)),
        new Bot(r.bool("bot.enabled", true)),
        new Forms(r.intInRange("forms.per-ip-per-minute", 10, 1, 100_000)),
        c.copy());
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
