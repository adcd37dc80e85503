package com.conecta.connectors.email;

/** A file from an inbound email, with its bytes for the hub to store; {@code contentId} is set for inline images. */
public record EmailAttachmentData(String fileName, String mimeType, byte[] bytes, String contentId, boolean inline) {}
