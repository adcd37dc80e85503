package com.conecta.hub.customers.contact.transfer;

import com.conecta.hub.foundation.config.ConfigException;
import com.conecta.hub.foundation.config.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * Settings of contact import and export (block {@code contact-transfer} of conecta.yaml), read once at start.
 *
 * @param maxUploadBytes the largest CSV accepted (100,000 rows are about 10 MB)
 * @param batchSize rows upserted per transaction; progress moves and a node's death loses at most one batch
 * @param leaseSeconds how long a job stays with the node that claimed it without news from it
 * @param pollMs how often an idle node looks for a queued import
 * @param defaultCountryCode the calling code a local number gets ("56" Chile, "591" Bolivia, "57" Colombia)
 * @param worker whether this node runs imports (a node may serve HTTP only)
 */
public record ContactTransferSettings(Path directory, long maxUploadBytes, int batchSize, int leaseSeconds, long pollMs,
    String defaultCountryCode, boolean worker) {

  public static ContactTransferSettings from(JsonObject raw, Path dataDir) {
    ConfigReader r = new ConfigReader(raw);
    String cc = r.string("contact-transfer.default-country-code", "56").replace("+", "").trim();
    if (!cc.matches("[1-9][0-9]{0,2}")) {
      throw new ConfigException("contact-transfer.default-country-code", "is a calling code such as 56, 591 or 57, was '"
          + cc + "'");
    }
    return new ContactTransferSettings(dataDir.resolve("imports"),
        r.longInRange("contact-transfer.max-upload-bytes", 50L * 1024 * 1024, 1024, 1024L * 1024 * 1024),
        r.intInRange("contact-transfer.batch-size", 500, 1, 10_000),
        r.intInRange("contact-transfer.lease-seconds", 60, 1, 3600),
        r.longInRange("contact-transfer.poll-ms", 1000, 10, 60_000), cc,
        r.bool("contact-transfer.worker", true));
  }
}
