package com.conecta.hub.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Reads a hub's Server-Sent Events stream as a browser would, keeping every event received. */
public final class EventStreamClient implements AutoCloseable {
  private final HttpClient client;
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();
  private final StringBuilder pending = new StringBuilder();
  private final int status;

  public EventStreamClient(Vertx vertx, int port, String cookie) {
    client = vertx.createHttpClient();
    HttpClientResponse res = client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
            .setPort(port).setURI("/api/v1/events").putHeader("cookie", cookie).putHeader("accept", "text/event-stream"))
        .compose(req -> req.send()).await();
    status = res.statusCode();
    res.handler(buf -> {
      synchronized (pending) {
        pending.append(buf.toString());
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
          String block = pending.substring(0, end);
          pending.delete(0, end + 2);
          for (String line : block.split("\n")) {
            if (line.startsWith("data: ")) {
              events.add(new JsonObject(line.substring(6)));
            }
          }
        }
      }
    });
  }

  public int status() {
    return status;
  }

  public List<JsonObject> events() {
    return List.copyOf(events);
  }

  /** Waits until an event matches, or fails after the timeout. */
  public JsonObject await(Predicate<JsonObject> match, Duration timeout) throws InterruptedException {
    return Await.value(() -> events.stream().filter(match).findFirst().orElse(null), java.util.Objects::nonNull,
        "a matching event on the stream", timeout);
  }

  @Override
  public void close() {
    client.close();
  }
}
