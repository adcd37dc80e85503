package com.conecta.hub.channels.webform;

import com.conecta.connectors.InboundMessage;
import com.conecta.connectors.webform.FieldError;
import com.conecta.connectors.webform.FormCatalogue;
import com.conecta.hub.commerce.catalogue.CatalogueForms;
import com.conecta.connectors.webform.FormDefinition;
import com.conecta.connectors.webform.FormSubmission;
import com.conecta.connectors.webform.FormSubmissionValidator;
import com.conecta.connectors.webform.ReferenceCode;
import com.conecta.connectors.webform.ValidationResult;
import com.conecta.hub.operations.assignment.AssignmentService;
import com.conecta.hub.customers.contact.ContactMergeStore;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.messaging.inbox.IngestService;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Web-form submissions: validated per field, stored as the first message of a conversation in the form's inbox, and
 * turned into a lead (source web form, UTM kept) whose owner comes from the team's round-robin. A short reference
 * code links a later WhatsApp chat to the same lead and contact.
 */
public final class FormService {
  private static final Logger log = LoggerFactory.getLogger(FormService.class);
  private final FormCatalogue forms;
  private final FormSubmissionValidator validator = new FormSubmissionValidator();
  private final ReferenceCode codes = new ReferenceCode();
  private final InboxService inboxes;
  private final IngestService ingest;
  private final FormStore store;
  private final AssignmentService assignment;
  private final ContactMergeStore merges;
  private final CatalogueForms catalogueForms;

  public FormService(CatalogueForms catalogueForms, InboxService inboxes, IngestService ingest, FormStore store,
      AssignmentService assignment, ContactMergeStore merges) {
    this.catalogueForms = catalogueForms;
    this.forms = catalogueForms.load();
    this.inboxes = inboxes;
    this.ingest = ingest;
    this.store = store;
    this.assignment = assignment;
    this.merges = merges;
  }

  public FormDefinition form(String key) {
    return forms.find(key).orElseThrow(() -> ApiError.notFound("form '" + key + "'"));
  }

  /** What the embed script needs to draw the form. */
  public JsonObject definition(FormDefinition f) {
    JsonArray fields = new JsonArray();
    f.fields().forEach(field -> {
      JsonArray choices = new JsonArray();
      field.choices().forEach(c -> choices.add(new JsonObject().put("value", c.value()).put("label", new JsonObject(Map.copyOf(c.label())))));
      fields.add(new JsonObject().put("name", field.name()).put("type", field.type())
          .put("label", new JsonObject(Map.copyOf(field.label()))).put("required", field.required())
          .put("maxLength", field.maxLength()).put("choices", choices));
    });
    return new JsonObject().put("key", f.key()).put("title", new JsonObject(Map.copyOf(f.title()))).put("fields", fields)
        .put("honeypot", f.honeypot()).put("thankYouUrl", f.thankYouUrl());
  }

  /** The answer: reference code, WhatsApp link and thank-you URL; spam is answered the same and stores nothing. */
  public Future<JsonObject> submit(FormDefinition f, Map<String, String> input, String idempotencyKey, String language) {
    ValidationResult result = validator.validate(f, catalogueForms.normalise(f, input));
    String code = codes.generate(f.key().substring(0, Math.min(3, f.key().length())).toUpperCase());
    if (result instanceof ValidationResult.Spam spam) {
      log.info("form {} submission dropped as spam: {}", f.key(), spam.reason());
      return Future.succeededFuture(answer(f, null, code, language));
    }
    if (result instanceof ValidationResult.Invalid invalid) {
      JsonArray details = new JsonArray();
      for (FieldError e : invalid.errors()) {
        details.add(new JsonObject().put("field", e.field()).put("code", e.code()).put("message", e.message()));
      }
      FieldError first = invalid.errors().get(0);
      return Future.failedFuture(new ApiError(422, "invalid_form", first.message(), first.field(), details));
    }
    FormSubmission submission = ((ValidationResult.Valid) result).submission();
    InboundMessage message = submission.toInboundMessage(code, Instant.now(), idempotencyKey);
    return inboxes.byChannelAccount("webform", f.inbox()).compose(inbox -> {
      if (inbox == null) {
        return Future.failedFuture(new ApiError(503, "form_not_connected", "form '" + f.key()
            + "' feeds inbox '" + f.inbox() + "', which does not exist", null));
      }
      return ingest.ingest(inbox, message).compose(r -> {
        if (!r.created()) {
          return Future.succeededFuture(answer(f, submission, code, language));
        }
        JsonObject tracking = new JsonObject(new java.util.LinkedHashMap<String, Object>(submission.tracking())).put("referenceCode", code)
            .put("form", f.key());
        String campaign = submission.tracking().getOrDefault("utm_campaign", submission.tracking().get("campaign"));
        return store.teamByName(f.team())
            .compose(team -> store.lead(r.contactId(), r.conversationId(),
                f.title().getOrDefault("es", f.key()) + ": " + submission.values().getOrDefault("name", ""), campaign,
                submission.interest(), team, new JsonObject(new java.util.LinkedHashMap<String, Object>(submission.values())), tracking))
            .compose(assignment::assignLeadOwner)
            .map(lead -> answer(f, submission, code, language).put("leadId", lead.getLong("id")));
      });
    });
  }

  private static JsonObject answer(FormDefinition f, FormSubmission s, String code, String language) {
    String wa = s == null ? null : s.whatsappRedirect(language, code);
    return new JsonObject().put("ok", true).put("referenceCode", code).put("whatsappUrl", wa)
        .put("thankYouUrl", f.thankYouUrl());
  }

  /** A WhatsApp message that quotes a form's reference code joins that lead: same contact, chat linked. */
  public Future<Void> linkWhatsApp(IngestService.Ingested in) {
    if (!"whatsapp".equals(in.message().channel()) || in.message().text() == null) {
      return Future.succeededFuture();
    }
    return ReferenceCode.findIn(in.message().text()).map(code -> store.byCode(code).compose(lead -> {
      if (lead == null) {
        return Future.succeededFuture();
      }
      Future<Void> merged = lead.contactId() == in.result().contactId() ? Future.succeededFuture()
          : merges.pool().withTransaction(conn -> merges.merge(conn, lead.contactId(), in.result().contactId())).mapEmpty();
      return merged.compose(v -> store.linkWhatsApp(lead.id(), in.result().conversationId()));
    }).onFailure(e -> log.warn("could not link WhatsApp message to form code {}: {}", code, e.getMessage())))
        .orElse(Future.succeededFuture());
  }
}
