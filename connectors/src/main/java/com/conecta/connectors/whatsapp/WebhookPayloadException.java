package com.conecta.connectors.whatsapp;

/** A webhook body that is not a WhatsApp Business Account event we can read; the reason says why. */
public class WebhookPayloadException extends RuntimeException {
  public WebhookPayloadException(String reason) {
    super(reason);
  }
}
