package com.conecta.hub.messaging.inbox;

import com.conecta.connectors.Attachment;
import com.conecta.connectors.ContentType;
import io.vertx.core.json.JsonObject;

/** How an attachment is stored in a message's {@code attachments} column and shown by the API. */
public final class AttachmentJson {
  private AttachmentJson() {}

  public static JsonObject toJson(Attachment a) {
    return new JsonObject().put("kind", a.kind() == null ? null : a.kind().wire())
        .put("providerMediaId", a.providerMediaId()).put("url", a.url()).put("mimeType", a.mimeType())
        .put("fileName", a.fileName()).put("sha256", a.sha256()).put("sizeBytes", a.sizeBytes())
        .put("caption", a.caption()).put("storageKey", a.storageKey());
  }

  public static Attachment fromJson(JsonObject j) {
    String kind = j.getString("kind");
    return new Attachment(kind == null ? ContentType.DOCUMENT : ContentType.fromWire(kind), j.getString("providerMediaId"),
        j.getString("url"), j.getString("mimeType"), j.getString("fileName"), j.getString("sha256"),
        j.getLong("sizeBytes"), j.getString("caption"), j.getString("storageKey"));
  }
}
