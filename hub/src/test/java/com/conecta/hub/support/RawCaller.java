package com.conecta.hub.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;

/**
 * Calls the hub with any method, headers and raw bytes, and never waits for an endless body: an event stream is
 * answered with its status and headers only. Used by the tests that walk every route or throw bad input at it.
 */
public final class RawCaller {
  /** What came back; {@code body} is empty for streams. */
  public record Answer(int status, String contentType, String retryAfter, Buffer body) {
    public String text() {
      return body.toString();
    }
  }

  private final HttpClient client;
  private final int port;

  public RawCaller(Vertx vertx, int port) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(8));
    this.port = port;
  }

  /** One request; fails (and so fails the test) when the hub does not answer within {@code timeoutMs}. */
  public Answer call(HttpMethod method, String path, Map<String, String> headers, Buffer body, long timeoutMs) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path)
        .setIdleTimeout(timeoutMs);
    return client.request(options).compose(req -> {
      headers.forEach(req::putHeader);
      Future<io.vertx.core.http.HttpClientResponse> sent = body == null ? req.send() : req.send(body);
      return sent.compose(res -> {
        String type = res.getHeader("content-type");
        if (type != null && type.startsWith("text/event-stream")) {
          req.reset();
          return Future.succeededFuture(new Answer(res.statusCode(), type, res.getHeader("Retry-After"), Buffer.buffer()));
        }
        return res.body().map(b -> new Answer(res.statusCode(), type, res.getHeader("Retry-After"), b));
      });
    }).await();
  }

  public void close() {
    client.close().await();
  }
}
