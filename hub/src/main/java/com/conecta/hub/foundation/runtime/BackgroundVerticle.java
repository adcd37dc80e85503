package com.conecta.hub.foundation.runtime;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that runs in the background of a node (senders, deliveries, mail reading, periodic passes), in a verticle of its
 * own so that it is not run inside the HTTP instances' turns. Its workers are started on this verticle's context, its timers belong
 * to it and are cancelled when it is undeployed, after which its workers stop (handing back what they claimed).
 */
public final class BackgroundVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(BackgroundVerticle.class);

  /** A worker with its own timers: started on this verticle's context, stopped when it is undeployed. */
  public record Worker(String name, Runnable start, Supplier<Future<Void>> stop) {}

  /** A pass run every {@code everyMs} (a failed pass is logged; the next one runs as usual). */
  public record Periodic(String name, long everyMs, Supplier<Future<?>> pass) {}

  private final String name;
  private final List<Worker> workers;
  private final List<Periodic> periodic;
  private final List<Long> timers = new ArrayList<>();

  public BackgroundVerticle(String name, List<Worker> workers, List<Periodic> periodic) {
    this.name = name;
    this.workers = List.copyOf(workers);
    this.periodic = List.copyOf(periodic);
  }

  @Override
  public Future<?> start() {
    workers.forEach(w -> w.start().run());
    for (Periodic p : periodic) {
      timers.add(vertx.setPeriodic(p.everyMs(), t -> run(p)));
    }
    log.debug("background {} started: {} workers, {} periodic passes", name, workers.size(), periodic.size());
    return Future.succeededFuture();
  }

  private void run(Periodic p) {
    Future<?> pass;
    try {
      pass = p.pass().get();
    } catch (RuntimeException e) {
      pass = Future.failedFuture(e);
    }
    pass.onFailure(e -> log.warn("{} pass failed: {}", p.name(), e.toString()));
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    timers.clear();
    return Future.join(workers.stream().map(w -> w.stop().get()).toList());
  }
}
