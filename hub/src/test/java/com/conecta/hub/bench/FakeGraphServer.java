package com.conecta.hub.bench;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The fake Graph API of the benchmark, in a JVM of its own: it stamps each send when its request arrives, and a pause
 * of the test's JVM (which polls, keeps figures and talks JMX to the hub) would bunch those stamps and show bursts the
 * hub never sent. Commands: media (serve a file), count (sends of a number), sends (their arrival times), exit.
 */
public final class FakeGraphServer {
  private FakeGraphServer() {}

  public static void main(String[] args) throws Exception {
    PrintStream results = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    System.setOut(System.err);
    Vertx vertx = Vertx.vertx();
    FakeWhatsAppCloudApi fake = new FakeWhatsAppCloudApi(vertx).keepBodies(false);
    fake.start(0).await();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    results.println("READY");
    String line;
    while ((line = in.readLine()) != null) {
      JsonObject cmd = new JsonObject(line);
      JsonObject result = switch (cmd.getString("cmd")) {
        case "url" -> new JsonObject().put("baseUrl", fake.baseUrl());
        case "media" -> {
          fake.putMedia(cmd.getString("id"), Buffer.buffer(new byte[cmd.getInteger("bytes")]));
          yield new JsonObject();
        }
        case "count" -> new JsonObject().put("sent", fake.sentCount(cmd.getString("number")));
        case "sends" -> sends(fake, cmd.getString("number"));
        case "exit" -> null;
        default -> new JsonObject().put("error", "unknown command " + cmd.getString("cmd"));
      };
      if (result == null) {
        break;
      }
      results.println("RESULT " + result.encode());
    }
    fake.close().await();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    System.exit(0);
  }

  /** A number's sends: recipients and arrival times (System.nanoTime, one clock for every process on the machine). */
  private static JsonObject sends(FakeWhatsAppCloudApi fake, String number) {
    JsonArray to = new JsonArray();
    JsonArray at = new JsonArray();
    fake.sentSnapshot().stream().filter(s -> number.equals(s.phoneNumberId())).forEach(s -> {
      to.add(s.to());
      at.add(s.nanoTime());
    });
    return new JsonObject().put("to", to).put("nanoTime", at);
  }
}
