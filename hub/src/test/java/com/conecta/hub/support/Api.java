package com.conecta.hub.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A test's HTTP client for one hub node, signed in as one user (or anonymous). Calls block until answered. */
public final class Api {
  public static final String ADMIN = "admin@demo.conecta.cl";
  public static final String ADMIN_PASSWORD = "conecta-demo";
  public static final String AGENT_PASSWORD = "conecta-agente";

  private final WebClient client;
  private final int port;
  private String cookie;
  private String csrf;
  private String bearer;

  public Api(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(100));
    this.port = port;
  }

  /** The session cookie header value, for clients other than this one (the event stream). */
  public String cookie() {
    return cookie;
  }

  public String csrf() {
    return csrf;
  }

  public int port() {
    return port;
  }

  public static Api signedIn(Vertx vertx, int port, String email, String password) {
    Api api = new Api(vertx, port);
    HttpResponse<Buffer> res = api.post("/api/v1/auth/login", new JsonObject().put("email", email).put("password", password));
    if (res.statusCode() != 200) {
      throw new IllegalStateException("sign-in failed: " + res.statusCode() + " " + res.bodyAsString());
    }
    api.cookie = res.cookies().stream().filter(c -> c.startsWith("conecta_session=")).findFirst().orElseThrow()
        .split(";")[0];
    api.csrf = res.bodyAsJsonObject().getJsonObject("user").getString("csrfToken");
    return api;
  }

  public static Api admin(Vertx vertx, int port) {
    return signedIn(vertx, port, ADMIN, ADMIN_PASSWORD);
  }

  public Api withBearer(String token) {
    Api api = new Api(null, port, client);
    api.bearer = token;
    return api;
  }

  private Api(Void unused, int port, WebClient client) {
    this.client = client;
    this.port = port;
  }

  public HttpResponse<Buffer> get(String path) {
    return request(HttpMethod.GET, path).send().await();
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return request(HttpMethod.POST, path).sendJsonObject(body).await();
  }

  public Future<HttpResponse<Buffer>> postAsync(String path, JsonObject body) {
    return request(HttpMethod.POST, path).sendJsonObject(body);
  }

  public HttpResponse<Buffer> postRaw(String path, Buffer body, String contentType) {
    return request(HttpMethod.POST, path).putHeader("content-type", contentType).sendBuffer(body).await();
  }

  public HttpResponse<Buffer> patch(String path, JsonObject body) {
    return request(HttpMethod.PATCH, path).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> delete(String path) {
    return request(HttpMethod.DELETE, path).send().await();
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> r = request(method, path);
    return (body == null ? r.send() : r.sendJsonObject(body)).await();
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path) {
    HttpRequest<Buffer> r = client.request(method, path).timeout(30_000);
    if (cookie != null) {
      r.putHeader("cookie", cookie).putHeader("X-CSRF-Token", csrf);
    }
    if (bearer != null) {
      r.putHeader("Authorization", "Bearer " + bearer);
    }
    return r;
  }

  /** Posts one inbound message to an API-channel inbox. */
  public HttpResponse<Buffer> inbound(long inboxId, String sourceId, String identifier, String name, String text) {
    return post("/api/v1/inboxes/" + inboxId + "/messages", inboundBody(sourceId, identifier, name, text));
  }

  public static JsonObject inboundBody(String sourceId, String identifier, String name, String text) {
    return new JsonObject().put("sourceId", sourceId)
        .put("contact", new JsonObject().put("identifier", identifier).put("name", name)).put("text", text);
  }
}
