package com.conecta.hub.foundation.config;

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
    ReportSettings reports,
    Email email,
    JsonObject raw) {

  /** @param instances HTTP verticle instances, each on its own event loop (0 in the file = one per event loop) */
  public record Http(String host, int port, long maxBodyBytes, int instances) {}

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

  /**
   * Email inboxes (IMAP in, SMTP out): whether this node reads mailboxes, how often it polls by UID (IDLE brings
   * new mail sooner), and how long one node's right to read a mailbox lasts without renewal. In sandbox mode with
   * the embedded database, a local mail server (SMTP and IMAP ports below, 0 = any) serves the demo email inbox.
   */
  public record Email(boolean reading, int pollSeconds, int leaseSeconds, boolean sandboxServer, int sandboxSmtpPort,
      int sandboxImapPort) {}

  /** Whether inboxes with a bot flow (inbox setting botFlow) run it. */
  public record Bot(boolean enabled) {}

  /** How often every node looks for due reminders (rules: config/reminders.yaml). */
  public record Reminders(int tickSeconds) {}

  /** An empty api-base-url means Twilio itself. */
  public record Twilio(String apiBaseUrl) {}

  public record WhatsApp(String appSecret, String verifyToken, String graphBaseUrl, String apiVersion) {}

  // --- Notifications and after-sale satisfaction (feat-botnotify): read from the raw tree so the record's shape stays.

  /** SMTP for email notifications; an empty host means email notifications fail visibly (smtp_not_configured). */
  public record Smtp(String host, int port, String username, String password, String security, String from,
      String fromName) {
    public boolean configured() {
      return host != null && !host.isBlank();
    }
  }

  /** The notification worker: poll interval, attempts before giving up, the WhatsApp number it sends from. */
  public record Notifications(int pollMillis, int maxAttempts, String whatsappPhoneNumberId, Smtp smtp) {}

  /** After-sale satisfaction survey: how long an answer is awaited and where happy customers are sent. */
  public record Satisfaction(boolean enabled, int tickSeconds, int answerWindowHours, String reviewUrl,
      String whatsappPhoneNumberId, int lookbackDays, int delayMinutes) {}

  public Notifications notifications() {
    ConfigReader r = new ConfigReader(raw);
    String security = r.string("notifications.smtp.security", "starttls").trim().toLowerCase();
    if (!java.util.Set.of("none", "starttls", "tls").contains(security)) {
      throw new ConfigException("notifications.smtp.security", "must be none, starttls or tls, was '" + security + "'");
    }
    String host = r.string("notifications.smtp.host", "").trim();
    String from = r.string("notifications.smtp.from", "").trim();
    if (!host.isEmpty() && !from.contains("@")) {
      throw new ConfigException("notifications.smtp.from", "must be an email address when notifications.smtp.host is set");
    }
    return new Notifications(r.intInRange("notifications.poll-ms", 1000, 50, 600_000),
        r.intInRange("notifications.max-attempts", 5, 1, 100), r.string("notifications.whatsapp-phone-number-id", ""),
        new Smtp(host, r.intInRange("notifications.smtp.port", "tls".equals(security) ? 465 : 587, 1, 65535),
            r.string("notifications.smtp.username", ""), r.string("notifications.smtp.password", ""), security, from,
            r.string("notifications.smtp.from-name", "Conecta")));
  }

  public Satisfaction satisfaction() {
    ConfigReader r = new ConfigReader(raw);
    String url = r.string("satisfaction.review-url", "").trim();
    if (!url.isEmpty() && !url.matches("https?://\\S+")) {
      throw new ConfigException("satisfaction.review-url", "must be an http(s) URL without spaces, was '" + url + "'");
    }
    return new Satisfaction(r.bool("satisfaction.enabled", true), r.intInRange("satisfaction.tick-seconds", 30, 1, 3600),
        r.intInRange("satisfaction.answer-window-hours", 48, 1, 24 * 30), url,
        r.string("satisfaction.whatsapp-phone-number-id", ""), r.intInRange("satisfaction.lookback-days", 3, 1, 365),
        r.intInRange("satisfaction.delay-minutes", 60, 0, 7 * 24 * 60));
  }
  // --- end feat-botnotify

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
            r.longInRange("http.max-body-bytes", 1_048_576, 1024, 100L * 1024 * 1024),
            httpInstances(r.intInRange("http.instances", 0, 0, 1024))),
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
        reports(r),
        email(r),
        c.copy());
  }

  private static ReportSettings reports(ConfigReader r) {
    String zone = r.string("reports.time-zone", "America/Santiago");
    java.time.ZoneId zoneId;
    try {
      zoneId = java.time.ZoneId.of(zone);
    } catch (java.time.DateTimeException e) {
      throw new ConfigException("reports.time-zone", "is not a time zone such as America/Santiago, was '" + zone + "'");
    }
    String day = r.string("reports.weekly-summary.day", "monday").trim().toUpperCase();
    java.time.DayOfWeek dayOfWeek;
    try {
      dayOfWeek = java.time.DayOfWeek.valueOf(day);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("reports.weekly-summary.day", "must be a weekday in English such as monday, was '"
          + day.toLowerCase() + "'");
    }
    return new ReportSettings(zoneId, r.intInRange("reports.visits-per-week-target", 10, 0, 10_000),
        r.intInRange("reports.billing-target-percent", 98, 1, 1000), r.bool("reports.weekly-summary.enabled", true),
        dayOfWeek, r.intInRange("reports.weekly-summary.hour", 8, 0, 23));
  }

  private static Email email(ConfigReader r) {
    Email e = new Email(r.bool("email.reading", true), r.intInRange("email.poll-seconds", 30, 1, 3600),
        r.intInRange("email.lease-seconds", 90, 3, 36_000), r.bool("email.sandbox-server", true),
        r.intInRange("email.sandbox-smtp-port", 2525, 0, 65535), r.intInRange("email.sandbox-imap-port", 1143, 0, 65535));
    if (e.leaseSeconds() <= e.pollSeconds()) {
      throw new ConfigException("email.lease-seconds", "must be longer than email.poll-seconds, which renews it");
    }
    return e;
  }

  /** 0 means Vert.x's event-loop count (twice the cores), which is what the hub's Vert.x is built with. */
  private static int httpInstances(int configured) {
    return configured > 0 ? configured : io.vertx.core.VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
