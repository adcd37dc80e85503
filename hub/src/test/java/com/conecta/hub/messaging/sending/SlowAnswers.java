package com.conecta.hub.messaging.sending;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP link to Redis that holds every n-th answer back for a while: to the node on the other side it is the pause of
 * a busy event loop or a collection between Redis counting its slots and the node seeing them. Answers keep their
 * order (one held back holds back those behind it).
 */
final class SlowAnswers {
  private final NetServer server;
  private final NetClient client;

  private SlowAnswers(NetServer server, NetClient client) {
    this.server = server;
    this.client = client;
  }

  static SlowAnswers start(Vertx vertx, String host, int port, int every, long holdMs) {
    NetClient client = vertx.createNetClient();
    AtomicInteger answers = new AtomicInteger();
    NetServer server = vertx.createNetServer().connectHandler(in -> {
      in.pause();
      client.connect(port, host).onSuccess(out -> {
        Held held = new Held(vertx, in);
        in.handler(out::write);
        out.handler(chunk -> held.add(chunk, answers.incrementAndGet() % every == 0 ? holdMs : 0));
        in.closeHandler(v -> out.close());
        out.closeHandler(v -> in.close());
        in.resume();
      }).onFailure(e -> in.close());
    }).listen(0, "127.0.0.1").await();
    return new SlowAnswers(server, client);
  }

  int port() {
    return server.actualPort();
  }

  Future<Void> close() {
    return server.close().compose(v -> client.close());
  }

  /** The answers on their way back to one connection, each with the moment it may go. */
  private static final class Held {
    private record Answer(long dueNanos, Buffer bytes) {}

    private final Vertx vertx;
    private final NetSocket to;
    private final ArrayDeque<Answer> queue = new ArrayDeque<>();
    private long lastDue;

    Held(Vertx vertx, NetSocket to) {
      this.vertx = vertx;
      this.to = to;
    }

    void add(Buffer bytes, long holdMs) {
      long due = Math.max(System.nanoTime() + holdMs * 1_000_000, lastDue);
      lastDue = due;
      boolean wasEmpty = queue.isEmpty();
      queue.add(new Answer(due, bytes));
      if (wasEmpty) {
        drain();
      }
    }

    private void drain() {
      while (!queue.isEmpty() && queue.peek().dueNanos() <= System.nanoTime()) {
        to.write(queue.poll().bytes());
      }
      if (!queue.isEmpty()) {
        long waitMs = Math.max(1, (queue.peek().dueNanos() - System.nanoTime() + 999_999) / 1_000_000);
        vertx.setTimer(waitMs, t -> drain());
      }
    }
  }
}
