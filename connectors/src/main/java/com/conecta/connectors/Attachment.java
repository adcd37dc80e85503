package com.conecta.connectors;

/**
 * A file carried by a message. Inbound, the connector fills {@code providerMediaId} or {@code url}; the hub
 * downloads it and sets {@code storageKey}. Outbound, the hub gives a {@code storageKey} or a public {@code url}.
 */
public record Attachment(
    ContentType kind,
    String providerMediaId,
    String url,
    String mimeType,
    String fileName,
    String sha256,
    Long sizeBytes,
    String caption,
    String storageKey) {

  public Attachment withStorage(String key, long size) {
    return new Attachment(kind, providerMediaId, url, mimeType, fileName, sha256, size, caption, key);
  }
}
