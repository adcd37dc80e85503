package com.conecta.connectors;

/**
 * One way a contact is known on a channel. Kinds: {@code whatsapp} (wa_id, digits), {@code whatsapp_bsuid}
 * (business-scoped user id), {@code phone} (E.164), {@code email} (lower-case), {@code api} (an integration's id).
 */
public record ChannelIdentity(String kind, String value) {
  public static final String WHATSAPP = "whatsapp";
  public static final String WHATSAPP_BSUID = "whatsapp_bsuid";
  public static final String PHONE = "phone";
  public static final String EMAIL = "email";
  public static final String API = "api";

  public ChannelIdentity {
    if (kind == null || kind.isBlank()) throw new IllegalArgumentException("identity kind is required");
    if (value == null || value.isBlank()) throw new IllegalArgumentException("identity value is required");
  }
}
