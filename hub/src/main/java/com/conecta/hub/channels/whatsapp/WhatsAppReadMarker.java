package com.conecta.hub.channels.whatsapp;

import com.conecta.connectors.InboundAccount;
import com.conecta.connectors.whatsapp.WhatsAppCloudClient;
import com.conecta.hub.messaging.conversation.ConversationService;
import com.conecta.hub.messaging.inbox.InboxService;

/** Marks the customer's last message read on WhatsApp when an agent opens the conversation. */
public final class WhatsAppReadMarker implements ConversationService.ReadReceipts {
  private final WhatsAppCloudClient client;
  private final InboxService inboxes;

  public WhatsAppReadMarker(WhatsAppCloudClient client, InboxService inboxes) {
    this.client = client;
    this.inboxes = inboxes;
  }

  @Override
  public void conversationRead(long inboxId, String channel, String lastInboundProviderId) {
    if (!"whatsapp".equals(channel)) {
      return;
    }
    inboxes.byId(inboxId).compose(inbox -> client.markAsRead(
        new InboundAccount(inbox.id(), inbox.channel(), inbox.channelAccountId(), inbox.settings()), lastInboundProviderId));
  }
}
