package com.conecta.connectors;

/** What kind of content a message carries, the same for every channel. */
public enum ContentType {
  TEXT, IMAGE, VIDEO, AUDIO, DOCUMENT, STICKER, LOCATION, CONTACTS, REACTION,
  /** A tap on an interactive reply button or list row that we sent. */
  INTERACTIVE_REPLY,
  /** A tap on a template quick-reply button. */
  BUTTON_REPLY,
  TEMPLATE, INTERACTIVE, EMAIL, FORM,
  /** A message the provider could not give us (kept and shown to agents as such). */
  UNSUPPORTED,
  /** Provider-side events inside a conversation (number changed, identity changed, ...). */
  SYSTEM,
  ORDER, REFERRAL;

  public String wire() {
    return name().toLowerCase();
  }

  public static ContentType fromWire(String value) {
    return valueOf(value.toUpperCase());
  }
}
