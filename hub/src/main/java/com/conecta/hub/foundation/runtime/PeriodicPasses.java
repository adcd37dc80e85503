package com.conecta.hub.foundation.runtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node's periodic passes by name ("reminder", "campaign", "quote", ...), to run one now besides its timer: what a
 * test drives instead of waiting for the next tick, and what an operator's "run now" would call. A pass run here is
 * the same code the timer runs; every pass is already safe to run on several nodes at once.
 */
public final class PeriodicPasses {
  private final Vertx vertx;
  private final Map<String, BackgroundVerticle.Periodic> byName = new LinkedHashMap<>();

  public PeriodicPasses(Vertx vertx, List<BackgroundVerticle.Periodic> passes) {
    this.vertx = vertx;
    passes.forEach(p -> byName.put(p.name(), p));
  }

  public Set<String> names() {
    return byName.keySet();
  }

  /** Runs the named pass once now, on a Vert.x context as its timer would; completes when the pass has. */
  public Future<Void> run(String name) {
    BackgroundVerticle.Periodic pass = byName.get(name);
    if (pass == null) {
      return Future.failedFuture(new IllegalArgumentException("no periodic pass '" + name + "'; there are " + names()));
    }
    Promise<Void> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      try {
        pass.pass().get().<Void>mapEmpty().onComplete(done);
      } catch (RuntimeException e) {
        done.fail(e);
      }
    });
    return done.future();
  }
}
