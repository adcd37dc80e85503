package com.conecta.hub.foundation.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one failure handler: client errors become the JSON error shape; the unexpected is logged once and hidden. */
public final class ErrorResponses {
  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
  private static final String BODY_LIMIT = "conecta.bodyLimit";
  /** Read once from the jar and never changed: the Spanish text of every error a person may read. */
  private static final SpanishErrors SPANISH = SpanishErrors.load();

  private ErrorResponses() {}

  public static void handle(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ApiError error = toApiError(ctx);
    if (error.status() >= 500) {
      log.error("request failed: {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (error.status() == 429 && ctx.response().headers().get("Retry-After") == null) {
      long seconds = error instanceof TryAgainLater t ? t.retryAfterSeconds()
          : 60 - (System.currentTimeMillis() / 1000) % 60;
      ctx.response().putHeader("Retry-After", String.valueOf(seconds));
    }
    JsonObject body = error.toJson();
    if ("es".equals(ErrorLanguage.of(ctx))) {
      body.getJsonObject("error").put("message", SPANISH.message(error.status(), error.code(), error.getMessage()));
    }
    ctx.response().setStatusCode(error.status()).putHeader("content-type", "application/json; charset=utf-8")
        .putHeader("Content-Language", ErrorLanguage.of(ctx)).end(body.encode());
  }

  /**
   * Notes the body limit of the API's JSON routes and of message attachments, so that a refused body is told the limit
   * (the body handler only fails with 413). Registered before the body handlers; service photos keep the plain text.
   */
  public static void noteBodyLimits(Router router, long jsonBytes, long attachmentBytes) {
    router.route("/api/*").handler(ctx -> {
      if (!ctx.request().path().contains("/photos")) {
        ctx.put(BODY_LIMIT, jsonBytes);
      }
      ctx.next();
    });
    router.post("/api/v1/conversations/:conversationId/attachments").handler(ctx -> {
      ctx.put(BODY_LIMIT, attachmentBytes);
      ctx.next();
    });
  }

  static ApiError toApiError(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiError api) {
      return api;
    }
    if (failure instanceof DecodeException || failure instanceof IllegalStateException && isJsonProblem(failure)) {
      return ApiError.badRequest("malformed_json", "the body is not valid JSON", null);
    }
    if (failure instanceof HttpException http) {
      return withLimit(ctx, fromStatus(http.getStatusCode()));
    }
    if (isFormDecoding(failure)) {
      return failure.getClass().getSimpleName().contains("TooLong")
          ? new ApiError(413, "payload_too_large", "a form field is longer than this endpoint accepts", null)
          : ApiError.badRequest("malformed_form", "the form body could not be decoded", null);
    }
    if (com.conecta.hub.foundation.platform.PgErrors.isBadValue(failure)) {
      return new ApiError(422, "invalid_value", "a value cannot be stored as given (e.g. a NUL character)", null);
    }
    if (failure == null) {
      return withLimit(ctx, fromStatus(ctx.statusCode()));
    }
    return new ApiError(500, "internal_error", "something went wrong on our side; it has been logged", null);
  }

  /** Netty's form decoder refuses bad percent-encoding, empty names and over-long fields while the body arrives. */
  private static boolean isFormDecoding(Throwable t) {
    if (t == null) {
      return false;
    }
    if (t.getClass().getName().startsWith("io.netty.handler.codec.http.multipart.")) {
      return true;
    }
    StackTraceElement[] stack = t.getStackTrace();
    for (int i = 0; i < Math.min(stack.length, 12); i++) {
      if (stack[i].getClassName().startsWith("io.netty.handler.codec.http.multipart.")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJsonProblem(Throwable t) {
    return t.getMessage() != null && t.getMessage().toLowerCase().contains("json");
  }

  private static ApiError withLimit(RoutingContext ctx, ApiError error) {
    Long limit = ctx.get(BODY_LIMIT);
    return error.status() != 413 || limit == null ? error : new ApiError(413, error.code(),
        "the body is larger than this endpoint accepts (at most " + limit + " bytes)", null);
  }

  static ApiError fromStatus(int status) {
    return switch (status) {
      case 400 -> ApiError.badRequest("bad_request", "the request could not be understood", null);
      case 401 -> ApiError.unauthenticated();
      case 403 -> ApiError.forbidden("not allowed");
      case 404 -> ApiError.notFound("route");
      case 405 -> new ApiError(405, "method_not_allowed", "this method is not allowed here", null);
      case 413 -> new ApiError(413, "payload_too_large", "the body is larger than this endpoint accepts", null);
      case 415 -> new ApiError(415, "unsupported_media_type", "send application/json", null);
      default -> status >= 400 && status < 500
          ? new ApiError(status, "client_error", "the request was refused", null)
          : new ApiError(500, "internal_error", "something went wrong on our side; it has been logged", null);
    };
  }
}
