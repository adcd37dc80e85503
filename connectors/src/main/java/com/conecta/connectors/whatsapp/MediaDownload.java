package com.conecta.connectors.whatsapp;

import io.vertx.core.buffer.Buffer;

/** A file fetched from the provider. */
public record MediaDownload(Buffer bytes, String mimeType, String sha256) {}
