package com.conecta.connectors.whatsapp;

import com.conecta.connectors.ChannelSender;
import com.conecta.connectors.InboundAccount;
import com.conecta.connectors.OutboundMessage;
import com.conecta.connectors.SendResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;

/**
 * The Graph API for one hub: sends messages, marks them read and downloads media. The inbox's settings give
 * {@code accessToken}; its channel account id is the phone number id. Provider errors never fail the Future.
 */
public final class WhatsAppCloudClient implements ChannelSender {
  private final WebClient client;
  private final String baseUrl;
  private final String version;
  private final long timeoutMs;

  public WhatsAppCloudClient(Vertx vertx, String graphBaseUrl, String apiVersion, long timeoutMs) {
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
    this.baseUrl = graphBaseUrl.endsWith("/") ? graphBaseUrl.substring(0, graphBaseUrl.length() - 1) : graphBaseUrl;
    this.version = apiVersion;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public String channel() {
    return WhatsAppWebhookParser.CHANNEL;
  }

  @Override
  public Future<SendResult> send(InboundAccount account, OutboundMessage message) {
    return post(account, WhatsAppRequests.message(message)).map(res -> {
      JsonObject body = json(res);
      if (res.statusCode() / 100 == 2 && body != null && body.getJsonArray("messages") != null
          && !body.getJsonArray("messages").isEmpty()) {
        return SendResult.accepted(body.getJsonArray("messages").getJsonObject(0).getString("id"));
      }
      return WhatsAppErrors.classify(res.statusCode(), body);
    }).recover(e -> Future.succeededFuture(SendResult.retry(Duration.ofSeconds(5),
        // A refused connection never reached Meta; anything else (a time-out, a connection cut) may have.
        e instanceof java.net.ConnectException ? "connect" : "network", e.getMessage())));
  }

  public Future<Boolean> markAsRead(InboundAccount account, String wamid) {
    return post(account, WhatsAppRequests.markAsRead(wamid)).map(res -> res.statusCode() / 100 == 2)
        .otherwise(false);
  }

  /** Media id → short-lived URL → bytes, both with the token; refuses files over {@code maxBytes}. */
  public Future<MediaDownload> fetchMedia(InboundAccount account, String mediaId, long maxBytes) {
    String token = account.settings().getString("accessToken", "");
    return client.getAbs(baseUrl + "/" + version + "/" + mediaId).bearerTokenAuthentication(token).timeout(timeoutMs).send()
        .compose(res -> {
          JsonObject meta = json(res);
          if (res.statusCode() != 200 || meta == null || meta.getString("url") == null) {
            return Future.failedFuture("media " + mediaId + " not available: HTTP " + res.statusCode());
          }
          Long size = meta.getLong("file_size");
          if (size != null && size > maxBytes) {
            return Future.failedFuture("media " + mediaId + " is " + size + " bytes, over the limit of " + maxBytes);
          }
          return client.getAbs(meta.getString("url")).bearerTokenAuthentication(token).timeout(timeoutMs).send()
              .compose(file -> {
                if (file.statusCode() != 200 || file.body() == null) {
                  return Future.failedFuture("media download failed: HTTP " + file.statusCode());
                }
                if (file.body().length() > maxBytes) {
                  return Future.failedFuture("media " + mediaId + " is over the limit of " + maxBytes + " bytes");
                }
                return Future.succeededFuture(new MediaDownload(file.body(), meta.getString("mime_type"),
                    meta.getString("sha256")));
              });
        });
  }

  /** Uploads a file for sending (multipart, as the Graph API takes it); answers the media id to send by. */
  public Future<String> uploadMedia(InboundAccount account, Buffer bytes, String mimeType, String fileName) {
    io.vertx.ext.web.multipart.MultipartForm form = io.vertx.ext.web.multipart.MultipartForm.create()
        .attribute("messaging_product", "whatsapp").attribute("type", mimeType)
        .binaryFileUpload("file", fileName == null ? "archivo" : fileName, bytes, mimeType);
    return client.postAbs(baseUrl + "/" + version + "/" + account.channelAccountId() + "/media")
        .bearerTokenAuthentication(account.settings().getString("accessToken", "")).timeout(timeoutMs)
        .sendMultipartForm(form)
        .compose(res -> {
          JsonObject body = json(res);
          return res.statusCode() / 100 == 2 && body != null && body.getString("id") != null
              ? Future.succeededFuture(body.getString("id"))
              : Future.failedFuture("media upload refused: HTTP " + res.statusCode());
        });
  }

  private Future<HttpResponse<Buffer>> post(InboundAccount account, JsonObject body) {
    String url = baseUrl + "/" + version + "/" + account.channelAccountId() + "/messages";
    return client.postAbs(url).bearerTokenAuthentication(account.settings().getString("accessToken", ""))
        .timeout(timeoutMs).sendJsonObject(body);
  }

  private static JsonObject json(HttpResponse<Buffer> res) {
    try {
      return res.body() == null ? null : res.bodyAsJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
