package com.conecta.connectors.sandbox.twilio;

import com.conecta.connectors.twilio.TwilioSignature;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Twilio's Messages API over real HTTP: records sends and calls the StatusCallback with signed form
 * posts (sent, delivered, read), as Twilio does.
 */
public final class FakeTwilioApi {
  public record Sent(String sid, String accountSid, Map<String, String> params) {}

  private final Vertx vertx;
  private final WebClient client;
  private final String authToken;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private HttpServer server;

  public FakeTwilioApi(Vertx vertx, String authToken) {
    this.vertx = vertx;
    this.authToken = authToken;
    this.client = WebClient.create(vertx);
  }

  public Future<Integer> start() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    router.post("/2010-04-01/Accounts/:sid/Messages.json").handler(this::create);
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(s -> {
      server = s;
      return s.actualPort();
    });
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  private void create(RoutingContext ctx) {
    if (ctx.request().getHeader("Authorization") == null) {
      ctx.response().setStatusCode(401).end(new JsonObject().put("code", 20003).put("message", "Authenticate").encode());
      return;
    }
    MultiMap form = ctx.request().formAttributes();
    Map<String, String> params = new LinkedHashMap<>();
    form.forEach(e -> params.put(e.getKey(), e.getValue()));
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    sent.add(new Sent(sid, ctx.pathParam("sid"), params));
    ctx.response().setStatusCode(201).putHeader("content-type", "application/json").end(new JsonObject()
        .put("sid", sid).put("account_sid", ctx.pathParam("sid")).put("from", params.get("From")).put("to", params.get("To"))
        .put("body", params.get("Body")).put("status", "queued").put("api_version", "2010-04-01")
        .put("date_created", "Thu, 30 Jul 2015 20:12:31 +0000").put("num_segments", "1").put("direction", "outbound-api")
        .put("uri", "/2010-04-01/Accounts/" + ctx.pathParam("sid") + "/Messages/" + sid + ".json").encode());
    String callback = params.get("StatusCallback");
    if (callback != null) {
      long delay = 30;
      for (String status : List.of("sent", "delivered", "read")) {
        Map<String, String> cb = new LinkedHashMap<>();
        cb.put("MessageSid", sid);
        cb.put("MessageStatus", status);
        cb.put("AccountSid", ctx.pathParam("sid"));
        cb.put("From", params.get("From"));
        cb.put("To", params.get("To"));
        cb.put("ApiVersion", "2010-04-01");
        String signature = TwilioSignature.sign(authToken, callback, cb);
        MultiMap body = MultiMap.caseInsensitiveMultiMap();
        cb.forEach(body::add);
        vertx.setTimer(delay, t -> client.postAbs(callback).putHeader("X-Twilio-Signature", signature).sendForm(body));
        delay += 30;
      }
    }
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
