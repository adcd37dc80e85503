package com.conecta.connectors.whatsapp;

import com.conecta.connectors.SendResult;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/** How a Cloud API error answer is handled: retried with backoff, or failed with the code shown to the agent. */
public final class WhatsAppErrors {
  /** Throughput (130429), pair rate (131056), maintenance (131057), temporary (1, 2, 131000, 131016). */
  private static final Set<Integer> RETRYABLE = Set.of(130429, 131056, 131057, 1, 2, 4, 80007, 131000, 131016);

  private WhatsAppErrors() {}

  public static SendResult classify(int httpStatus, JsonObject body) {
    JsonObject error = body == null ? null : body.getJsonObject("error");
    Integer code = error == null ? null : error.getInteger("code");
    String title = error == null ? "HTTP " + httpStatus : detail(error);
    if (code != null && RETRYABLE.contains(code)) {
      Duration wait = code == 131056 ? Duration.ofSeconds(6) : Duration.ofSeconds(2);
      return SendResult.retry(wait, String.valueOf(code), title);
    }
    if (httpStatus >= 500 || httpStatus == 429 || httpStatus == 408) {
      return SendResult.retry(Duration.ofSeconds(2), code == null ? "http_" + httpStatus : String.valueOf(code), title);
    }
    return SendResult.failed(code == null ? "http_" + httpStatus : String.valueOf(code), title);
  }

  private static String detail(JsonObject error) {
    Object data = error.getValue("error_data");
    String details = data instanceof JsonObject d ? d.getString("details") : null;
    return details != null ? details : error.getString("message", "error");
  }
}
