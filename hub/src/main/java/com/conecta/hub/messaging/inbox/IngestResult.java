package com.conecta.hub.messaging.inbox;

/** What ingesting one inbound message did; {@code created} is false for a repeat delivery. */
public record IngestResult(long inboxId, long messageId, long conversationId, long contactId, boolean created,
    boolean conversationCreated) {}
