package com.conecta.connectors.whatsapp.templates;

/** Meta's Graph API refused a template call: its HTTP status, its error code and message, as Meta gave them. */
public final class GraphApiException extends RuntimeException {
  private final int httpStatus;
  private final int code;

  public GraphApiException(int httpStatus, int code, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int code() {
    return code;
  }
}
