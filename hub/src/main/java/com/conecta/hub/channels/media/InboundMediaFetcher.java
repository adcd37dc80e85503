package com.conecta.hub.channels.media;

import com.conecta.connectors.Attachment;
import com.conecta.connectors.InboundAccount;
import com.conecta.hub.messaging.inbox.AttachmentJson;
import com.conecta.hub.messaging.inbox.IngestService;
import com.conecta.hub.messaging.realtime.HubEvent;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the files of a newly stored message from its provider (with the inbox's credentials) into the media
 * storage, then records where they are. Runs after the webhook's answer: the message is already safe.
 */
public final class InboundMediaFetcher {
  private static final Logger log = LoggerFactory.getLogger(InboundMediaFetcher.class);

  /** A file as the provider gave it. */
  public record Fetched(Buffer bytes, String mimeType, String sha256) {}

  /** How one channel fetches a file it announced. */
  @FunctionalInterface
  public interface Downloader {
    Future<Fetched> fetch(InboundAccount account, Attachment attachment, long maxBytes);
  }

  private final Map<String, Downloader> downloaders;
  private final MediaService media;
  private final RealtimeBroker broker;

  public InboundMediaFetcher(Map<String, Downloader> downloaders, MediaService media, RealtimeBroker broker) {
    this.downloaders = Map.copyOf(downloaders);
    this.media = media;
    this.broker = broker;
  }

  /** Idempotent: a message whose files are all stored (a run before a crash) is left as it is. */
  public Future<Void> accept(IngestService.Ingested ingested) {
    var m = ingested.message();
    Downloader downloader = downloaders.get(m.channel());
    if (downloader == null || m.attachments().stream().allMatch(a -> a.storageKey() != null)) {
      return Future.succeededFuture();
    }
    var inbox = ingested.inbox();
    InboundAccount account = new InboundAccount(inbox.id(), inbox.channel(), inbox.channelAccountId(), inbox.settings());
    List<Future<Attachment>> each = new ArrayList<>();
    for (Attachment a : m.attachments()) {
      each.add(downloader.fetch(account, a, media.maxBytes())
          .compose(d -> media.save(inbox.id(), d.bytes(), d.mimeType() != null ? d.mimeType() : a.mimeType(), a.fileName(),
                  d.sha256())
              .map(key -> a.withStorage(key, d.bytes().length())))
          .recover(e -> {
            log.warn("a file of message {} was not stored: {}", ingested.result().messageId(), e.getMessage());
            return Future.succeededFuture(a);
          }));
    }
    return Future.all(each).compose(done -> {
      JsonArray stored = new JsonArray();
      for (int i = 0; i < each.size(); i++) {
        stored.add(AttachmentJson.toJson(done.resultAt(i)));
      }
      return media.attach(ingested.result().messageId(), stored);
    }).onSuccess(v -> broker.publish(new HubEvent("message.updated", inbox.id(), ingested.result().conversationId(),
        new JsonObject().put("id", ingested.result().messageId()).put("conversationId", ingested.result().conversationId())
            .put("attachmentsReady", true)))).mapEmpty();
  }
}
