package com.conecta.hub.channels.clients;

import com.conecta.connectors.Attachment;
import com.conecta.connectors.ChannelSender;
import com.conecta.connectors.email.SmtpSender;
import com.conecta.connectors.twilio.TwilioSender;
import com.conecta.connectors.whatsapp.WhatsAppCloudClient;
import com.conecta.hub.channels.email.EmailChannelSender;
import com.conecta.hub.channels.email.EmailStore;
import com.conecta.hub.channels.media.InboundMediaFetcher;
import com.conecta.hub.channels.media.LocalMediaStorage;
import com.conecta.hub.channels.media.MediaService;
import com.conecta.hub.channels.media.MediaStore;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.foundation.config.OutboxSettings;
import com.conecta.hub.foundation.runtime.NodeResources;
import com.conecta.hub.foundation.secrets.SecretSettings;
import com.conecta.hub.messaging.outbox.OutboxWorker;
import com.conecta.templates.EmailLayouts;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * The providers' clients (WhatsApp Cloud API, Twilio, SMTP) and the stored media they send and fetch. Built before
 * messaging, which sends through them; the channels' webhooks and mail reading, which feed messaging, are
 * {@code channels.ChannelsModule}.
 */
public final class ChannelClients {
  private final WhatsAppCloudClient whatsapp;
  private final TwilioSender twilio;
  private final MediaService media;
  private final EmailStore emailStore;
  private final EmailChannelSender email;
  private final InboundMediaFetcher mediaDownload;

  public ChannelClients(NodeResources node, SecretSettings channelSecrets) {
    HubConfig config = node.config();
    this.whatsapp = new WhatsAppCloudClient(node.vertx(), node.graphBaseUrl(), config.whatsapp().apiVersion(),
        OutboxSettings.from(config).whatsappTimeoutMs());
    this.twilio = new TwilioSender(node.vertx(),
        config.twilio().apiBaseUrl().isEmpty() ? null : config.twilio().apiBaseUrl(),
        config.publicBaseUrl() + "/webhooks/twilio/status");
    this.media = new MediaService(new LocalMediaStorage(node.vertx(), config.dataDir().resolve("media")),
        new MediaStore(node.pool()), config.ingest().mediaMaxBytes());
    // Email (issue 6): replies sent over SMTP by the outbox; the mailboxes' reading is in ChannelsModule.
    this.emailStore = new EmailStore(node.pool(), channelSecrets);
    this.email = new EmailChannelSender(new SmtpSender(node.vertx()), emailStore, media, EmailLayouts.load());
    this.mediaDownload = new InboundMediaFetcher(Map.of(
        "whatsapp", (account, a, max) -> a.providerMediaId() == null ? Future.failedFuture("no media id")
            : whatsapp.fetchMedia(account, a.providerMediaId(), max)
                .map(d -> new InboundMediaFetcher.Fetched(d.bytes(), d.mimeType(), d.sha256())),
        "twilio", (account, a, max) -> a.url() == null ? Future.failedFuture("no media url")
            : twilio.fetchMedia(account, a.url(), max).map(b -> new InboundMediaFetcher.Fetched(b, a.mimeType(), null))),
        media, node.broker());
  }

  public WhatsAppCloudClient whatsapp() {
    return whatsapp;
  }

  public MediaService media() {
    return media;
  }

  public EmailStore emailStore() {
    return emailStore;
  }

  /** The provider channels' senders (the API channel's own sender is the outbox's). */
  public List<ChannelSender> senders() {
    return List.of(whatsapp, twilio, email);
  }

  /** Stored files made sendable per channel: WhatsApp sends them by the media id an upload answers. */
  public Map<String, OutboxWorker.AttachmentPreparer> preparers() {
    return Map.of("whatsapp", (account, a) -> a.storageKey() == null || a.providerMediaId() != null
        ? Future.succeededFuture(a)
        : media.bytes(a.storageKey()).compose(bytes -> whatsapp.uploadMedia(account, bytes, a.mimeType(), a.fileName()))
            .map(id -> new Attachment(a.kind(), id, null, a.mimeType(), a.fileName(), a.sha256(), a.sizeBytes(),
                a.caption(), a.storageKey())));
  }

  /** Downloads an inbound message's media from its provider (a reaction to a new message). */
  public InboundMediaFetcher mediaDownload() {
    return mediaDownload;
  }
}
