package com.conecta.hub.channels.whatsapptemplate;

import com.conecta.hub.messaging.inbox.Inbox;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which WhatsApp Business Account (WABA) each WhatsApp inbox belongs to, and the token to manage its templates: the
 * inbox's settings {@code wabaId} and {@code accessToken}. Several numbers of one business share a WABA and so its
 * templates. In sandbox mode an inbox without {@code wabaId} belongs to the fake's one demo account.
 */
public record WabaAccounts(InboxService inboxes, String fallbackWabaId) {
  /** A WABA and the token of one of its inboxes. */
  public record Waba(String wabaId, String token, List<Long> inboxIds) {}

  /** The WABA of a WhatsApp inbox; 422 on {@code inboxId} when it is not one or names none. */
  public Future<Waba> ofInbox(long inboxId) {
    // Read afresh (not through the inbox cache): an admin may have just set wabaId in the inbox's settings.
    return inboxes.byChannel("whatsapp").map(all -> {
      Inbox inbox = all.stream().filter(i -> i.id() == inboxId).findFirst()
          .orElseThrow(() -> ApiError.invalid("inboxId", "inbox " + inboxId + " is not a WhatsApp Cloud API inbox"));
      String waba = wabaId(inbox);
      if (waba == null) {
        throw ApiError.invalid("inboxId", "the inbox has no WhatsApp Business Account id: set wabaId in its settings");
      }
      return new Waba(waba, inbox.settings().getString("accessToken", ""), List.of(inbox.id()));
    });
  }

  /** Every WABA the hub's WhatsApp inboxes belong to. */
  public Future<List<Waba>> all() {
    return inboxes.byChannel("whatsapp").map(all -> {
      Map<String, Waba> out = new LinkedHashMap<>();
      for (Inbox i : all) {
        String waba = wabaId(i);
        if (waba != null) {
          Waba known = out.get(waba);
          List<Long> ids = known == null ? List.of(i.id())
              : java.util.stream.Stream.concat(known.inboxIds().stream(), java.util.stream.Stream.of(i.id())).toList();
          out.put(waba, new Waba(waba, known == null ? i.settings().getString("accessToken", "") : known.token(), ids));
        }
      }
      return List.copyOf(out.values());
    });
  }

  /** The WABA that holds this id, for a call that only knows the template's account. */
  public Future<Waba> byId(String wabaId) {
    return all().map(list -> list.stream().filter(w -> w.wabaId().equals(wabaId)).findFirst()
        .orElseThrow(() -> ApiError.conflict("no_inbox_for_account",
            "no WhatsApp inbox belongs to the account " + wabaId + " any more")));
  }

  private String wabaId(Inbox inbox) {
    String configured = inbox.settings().getString("wabaId");
    return configured != null && !configured.isBlank() ? configured.trim() : fallbackWabaId;
  }
}
