package com.conecta.connectors.webform;

import com.conecta.connectors.ChannelIdentity;
import com.conecta.connectors.ContentType;
import com.conecta.connectors.InboundMessage;
import com.conecta.connectors.SenderProfile;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A validated submission: normalised field values and the tracking (utm_*, campaign) the visitor came with. */
public record FormSubmission(FormDefinition form, Map<String, String> values, Map<String, String> tracking) {
  public FormSubmission {
    values = Map.copyOf(values);
    tracking = Map.copyOf(tracking);
  }

  public InboundMessage toInboundMessage(String referenceCode, Instant now) {
    return toInboundMessage(referenceCode, now, null);
  }

  /**
   * @param idempotencyKey the visitor's key for a retried post: the same key gives the same providerMessageId, so
   *     the hub's dedupe stores it once
   */
  public InboundMessage toInboundMessage(String referenceCode, Instant now, String idempotencyKey) {
    String email = values.get("email");
    String phone = values.get("phone");
    List<ChannelIdentity> ids = new ArrayList<>();
    if (email != null) ids.add(new ChannelIdentity(ChannelIdentity.EMAIL, email));
    if (phone != null) ids.add(new ChannelIdentity(ChannelIdentity.PHONE, phone));
    if (ids.isEmpty()) throw new IllegalStateException("form " + form.key() + " gave neither an email nor a phone");
    String submissionId = idempotencyKey == null || idempotencyKey.isBlank()
        ? UUID.randomUUID().toString()
        : UUID.nameUUIDFromBytes((form.key() + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
    JsonObject content = new JsonObject()
        .put("form", form.key())
        .put("referenceCode", referenceCode)
        .put("fields", new JsonObject(new java.util.LinkedHashMap<String, Object>(values)))
        .put("tracking", new JsonObject(new java.util.LinkedHashMap<String, Object>(tracking)))
        .put("inbox", form.inbox())
        .put("team", form.team())
        .put("interest", interest());
    SenderProfile sender = new SenderProfile(ids, values.get("name"), phone, email, null);
    return new InboundMessage("webform", form.key(), submissionId, sender, ContentType.FORM, summary("es", referenceCode),
        List.of(), content, now, null, null);
  }

  /** The lead interest area: fixed by the form or given by its interest field. */
  public String interest() {
    return form.interestField() != null ? values.get(form.interestField()) : form.interest();
  }

  /** Labels and values, one per line, for the inbox. */
  public String summary(String language, String referenceCode) {
    StringBuilder sb = new StringBuilder(form.title().getOrDefault(language, form.title().get("es")));
    if (referenceCode != null) sb.append(" (").append(referenceCode).append(')');
    sb.append('\n');
    for (FormField f : form.fields()) {
      String v = values.get(f.name());
      if (v == null) continue;
      String shown = f.choices().stream().filter(c -> c.value().equals(v)).findFirst()
          .map(c -> c.label().getOrDefault(language, c.label().get("es"))).orElse(v);
      sb.append(f.label(language)).append(": ").append(shown).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  /** The wa.me link to offer after submitting, when the form has a WhatsApp number. */
  public String whatsappRedirect(String language, String referenceCode) {
    if (form.whatsappPhone() == null) return null;
    String text = form.whatsappText().getOrDefault(language, form.whatsappText().getOrDefault("es", "{code}"));
    return ClickToChatLink.build(form.whatsappPhone(), text.replace("{code}", referenceCode));
  }
}
