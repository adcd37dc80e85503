package com.conecta.templates;

/** A template button: {@code quick_reply} (text + payload) or {@code url} (text + url, dynamic when it ends in {{1}}). */
public record WhatsAppButton(String type, String text, String payload, String url) {}
