package com.conecta.hub.whatsapp;

import com.conecta.connectors.Attachment;
import com.conecta.connectors.InboundAccount;
import com.conecta.connectors.whatsapp.WhatsAppCloudClient;
import com.conecta.hub.inbox.AttachmentJson;
import com.conecta.hub.inbox.IngestService;
import com.conecta.hub.media.MediaService;
import com.conecta.hub.realtime.HubEvent;
import com.conecta.hub.realtime.RealtimeBroker;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the media of a newly stored WhatsApp message (media id → URL → bytes with the inbox's token) into the
 * media storage, then records where it is. Runs after the webhook's 200, since Meta's URL is fetched with our token.
 */
public final class WhatsAppMediaFetcher {
  private static final Logger log = LoggerFactory.getLogger(WhatsAppMediaFetcher.class);
  private final WhatsAppCloudClient client;
  private final MediaService media;
  private final RealtimeBroker broker;

  public WhatsAppMediaFetcher(WhatsAppCloudClient client, MediaService media, RealtimeBroker broker) {
    this.client = client;
    this.media = media;
    this.broker = broker;
  }

  public void accept(IngestService.Ingested ingested) {
    var m = ingested.message();
    if (!"whatsapp".equals(m.channel()) || m.attachments().stream().noneMatch(a -> a.providerMediaId() != null)) {
      return;
    }
    var inbox = ingested.inbox();
    InboundAccount account = new InboundAccount(inbox.id(), inbox.channel(), inbox.channelAccountId(), inbox.settings());
    List<Future<Attachment>> each = new ArrayList<>();
    for (Attachment a : m.attachments()) {
      if (a.providerMediaId() == null) {
        each.add(Future.succeededFuture(a));
        continue;
      }
      each.add(client.fetchMedia(account, a.providerMediaId(), media.maxBytes())
          .compose(d -> media.save(inbox.id(), d.bytes(), d.mimeType() != null ? d.mimeType() : a.mimeType(), a.fileName(),
                  d.sha256())
              .map(key -> a.withStorage(key, d.bytes().length())))
          .recover(e -> {
            log.warn("media {} of message {} not stored: {}", a.providerMediaId(), ingested.result().messageId(),
                e.getMessage());
            return Future.succeededFuture(a);
          }));
    }
    Future.all(each).compose(done -> {
      JsonArray stored = new JsonArray();
      for (int i = 0; i < each.size(); i++) {
        stored.add(AttachmentJson.toJson(done.resultAt(i)));
      }
      return media.attach(ingested.result().messageId(), stored).map(stored);
    }).onSuccess(stored -> broker.publish(new HubEvent("message.updated", inbox.id(), ingested.result().conversationId(),
        new JsonObject().put("id", ingested.result().messageId()).put("conversationId", ingested.result().conversationId())
            .put("attachmentsReady", true))));
  }
}
