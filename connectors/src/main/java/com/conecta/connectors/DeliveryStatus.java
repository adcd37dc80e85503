package com.conecta.connectors;

/** Delivery status of an outgoing message. Ordered: a status only ever moves to a higher rank. */
public enum DeliveryStatus {
  QUEUED(0), SENT(1), DELIVERED(2), READ(3), FAILED(4);

  private final int rank;

  DeliveryStatus(int rank) {
    this.rank = rank;
  }

  public int rank() {
    return rank;
  }

  public String wire() {
    return name().toLowerCase();
  }

  public static DeliveryStatus fromWire(String value) {
    return valueOf(value.toUpperCase());
  }
}
