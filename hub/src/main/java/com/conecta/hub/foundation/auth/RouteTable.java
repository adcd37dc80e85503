package com.conecta.hub.foundation.auth;

import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Registers every API route together with who may call it. Handlers return a Future; a failed one (or a thrown
 * ApiError) is answered by the one failure handler.
 */
public final class RouteTable {
  /** A handler that answers the request itself and reports failures through its Future. */
  @FunctionalInterface
  public interface ApiHandler {
    Future<?> handle(RoutingContext ctx, Principal principal);
  }

  public record Entry(HttpMethod method, String path, Access access) {}

  private final Router router;
  private final AuthHandler auth;
  private final List<Entry> entries = new ArrayList<>();

  public RouteTable(Router router, AuthHandler auth) {
    this.router = router;
    this.auth = auth;
  }

  public RouteTable get(String path, Access access, ApiHandler handler) {
    return add(HttpMethod.GET, path, access, handler);
  }

  public RouteTable post(String path, Access access, ApiHandler handler) {
    return add(HttpMethod.POST, path, access, handler);
  }

  public RouteTable patch(String path, Access access, ApiHandler handler) {
    return add(HttpMethod.PATCH, path, access, handler);
  }

  public RouteTable put(String path, Access access, ApiHandler handler) {
    return add(HttpMethod.PUT, path, access, handler);
  }

  public RouteTable delete(String path, Access access, ApiHandler handler) {
    return add(HttpMethod.DELETE, path, access, handler);
  }

  public RouteTable add(HttpMethod method, String path, Access access, ApiHandler handler) {
    // A route without a rule would be open to whoever asks: refuse it when the hub is wired, before it serves.
    Objects.requireNonNull(access, () -> "route " + method + " " + path + " has no access rule");
    Objects.requireNonNull(handler, () -> "route " + method + " " + path + " has no handler");
    if (entries.stream().anyMatch(e -> e.method().equals(method) && e.path().equals(path))) {
      throw new IllegalStateException("route " + method + " " + path + " is registered twice");
    }
    entries.add(new Entry(method, path, access));
    router.route(method, path).handler(ctx -> auth.resolve(ctx)
        .compose(principal -> {
          if (!access.anonymous() && principal == null) {
            return Future.failedFuture(ApiError.unauthenticated());
          }
          if (!access.allows(principal)) {
            return Future.failedFuture(ApiError.forbidden("your role may not do this"));
          }
          if (principal != null && principal.readOnly() && !isReading(method)) {
            return Future.failedFuture(new ApiError(403, "token_read_only", "this API token may only read", null));
          }
          try {
            return handler.handle(ctx, principal);
          } catch (RuntimeException e) {
            return Future.failedFuture(e);
          }
        })
        .onFailure(ctx::fail));
    return this;
  }

  /** The router these routes are registered on. */
  public Router router() {
    return router;
  }

  private static boolean isReading(HttpMethod m) {
    return m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS;
  }

  /** Every registered route with its rule (the access test walks them). */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }
}
