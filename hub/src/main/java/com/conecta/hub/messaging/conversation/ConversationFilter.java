package com.conecta.hub.messaging.conversation;

import com.conecta.hub.foundation.web.Cursor;

/**
 * The conversation list's filters, already validated.
 *
 * @param assigneeId a specific assignee (the caller for "me"); null for any
 * @param unassignedOnly only conversations nobody has
 * @param text free text over contact name, phone, email and message text
 */
public record ConversationFilter(Long[] visibleInboxes, String status, Long assigneeId, boolean unassignedOnly,
    Long inboxId, Long teamId, String label, String text, Cursor cursor, int limit) {}
