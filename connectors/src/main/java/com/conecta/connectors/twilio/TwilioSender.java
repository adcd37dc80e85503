package com.conecta.connectors.twilio;

import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ChannelSender;
import com.conecta.connectors.InboundAccount;
import com.conecta.connectors.OutboundMessage;
import com.conecta.connectors.SendResult;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Sends WhatsApp and SMS through Twilio with its Java SDK (blocking, so on worker threads). The inbox's settings give
 * {@code accountSid} and {@code authToken}; its channel account is the "From" (e.g. {@code whatsapp:+14155238886}).
 */
public final class TwilioSender implements ChannelSender {
  private final Vertx vertx;
  private final String baseUrl;
  private final String statusCallbackUrl;
  private final WebClient web;

  /** @param baseUrl null for Twilio itself, or the fake's URL */
  public TwilioSender(Vertx vertx, String baseUrl, String statusCallbackUrl) {
    this.vertx = vertx;
    this.baseUrl = baseUrl;
    this.statusCallbackUrl = statusCallbackUrl;
    this.web = WebClient.create(vertx);
  }

  @Override
  public String channel() {
    return TwilioWebhookParser.CHANNEL;
  }

  @Override
  public Future<SendResult> send(InboundAccount account, OutboundMessage m) {
    String sid = account.settings().getString("accountSid");
    String token = account.settings().getString("authToken");
    if (sid == null || token == null) {
      return Future.succeededFuture(SendResult.failed("not_configured", "the Twilio inbox has no accountSid/authToken"));
    }
    return vertx.executeBlocking(() -> {
      TwilioRestClient.Builder builder = new TwilioRestClient.Builder(sid, token);
      if (baseUrl != null) {
        builder.httpClient(new RedirectingHttpClient(baseUrl));
      }
      TwilioRestClient client = builder.build();
      String from = account.channelAccountId();
      String to = address(from, m.to());
      MessageCreator creator = Message.creator(new PhoneNumber(to), new PhoneNumber(from), m.text() == null ? "" : m.text());
      if (statusCallbackUrl != null) {
        creator.setStatusCallback(URI.create(statusCallbackUrl));
      }
      List<URI> media = m.attachments().stream().filter(a -> a.url() != null).map(a -> URI.create(a.url())).toList();
      if (!media.isEmpty()) {
        creator.setMediaUrl(media);
      }
      try {
        return SendResult.accepted(creator.create(client).getSid());
      } catch (ApiException e) {
        Integer status = e.getStatusCode();
        String code = e.getCode() == null ? "http_" + status : String.valueOf(e.getCode());
        if (status != null && (status == 429 || status >= 500)) {
          return SendResult.retry(Duration.ofSeconds(5), code, e.getMessage());
        }
        return SendResult.failed(code, e.getMessage());
      } catch (ApiConnectionException e) {
        return SendResult.retry(Duration.ofSeconds(5), "network", e.getMessage());
      }
    }, false);
  }

  static String address(String from, ChannelIdentity to) {
    String digits = to.value().replace("+", "");
    return from.startsWith("whatsapp:") ? "whatsapp:+" + digits : "+" + digits;
  }

  /** Inbound media URLs are fetched with the account's credentials; refused over {@code maxBytes}. */
  public Future<Buffer> fetchMedia(InboundAccount account, String url, long maxBytes) {
    return web.getAbs(url).basicAuthentication(account.settings().getString("accountSid", ""),
            account.settings().getString("authToken", "")).followRedirects(true).timeout(15_000).send()
        .compose(res -> res.statusCode() != 200 || res.body() == null
            ? Future.failedFuture("media download failed: HTTP " + res.statusCode())
            : res.body().length() > maxBytes ? Future.failedFuture("media over the limit of " + maxBytes + " bytes")
                : Future.succeededFuture(res.body()));
  }
}
